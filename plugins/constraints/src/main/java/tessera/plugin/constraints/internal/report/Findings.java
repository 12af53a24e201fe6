package tessera.plugin.constraints.internal.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tessera.api.constraint.ConstraintReport;
import tessera.api.constraint.Region;
import tessera.api.constraint.Severity;
import tessera.api.constraint.Violation;
import tessera.api.profile.ProductionProfile;

/** Collects one check's measures and violations and turns them into a report, errors first. */
public final class Findings {
    private final String solver;
    private final String profileId;
    private final List<Violation> violations = new ArrayList<>();
    private final Map<String, Double> measures = new LinkedHashMap<>();

    /**
     * @param solver  the solver's plugin id
     * @param profile the line checked against, or null
     */
    public Findings(String solver, ProductionProfile profile) {
        this.solver = solver;
        this.profileId = profile == null ? null : profile.id();
    }

    public Findings measure(String name, double value) {
        measures.put(name, value);
        return this;
    }

    /**
     * Adds a finding.
     *
     * @param measured the measured value in {@code unit}, or null
     * @param limit    the line's limit in {@code unit}, or null
     * @param where    the tile region concerned, or null for the whole tile
     */
    public Findings add(Severity severity, String rule, String message, String fix, Double measured, Double limit,
            String unit, Region where) {
        violations.add(new Violation(rule, severity, message, fix, measured, limit, unit, where));
        return this;
    }

    public Findings error(String rule, String message, String fix, Double measured, Double limit, String unit) {
        return add(Severity.ERROR, rule, message, fix, measured, limit, unit, null);
    }

    public Findings warning(String rule, String message, String fix, Double measured, Double limit, String unit) {
        return add(Severity.WARNING, rule, message, fix, measured, limit, unit, null);
    }

    public Findings info(String rule, String message, String fix, Double measured, Double limit, String unit) {
        return add(Severity.INFO, rule, message, fix, measured, limit, unit, null);
    }

    /** @return true when an error has been added */
    public boolean hasErrors() {
        return violations.stream().anyMatch(v -> v.severity() == Severity.ERROR);
    }

    /** @return the report; violations sorted errors first, in the order found within one severity */
    public ConstraintReport report() {
        List<Violation> sorted = new ArrayList<>(violations);
        sorted.sort(Comparator.comparing(Violation::severity).reversed());
        return ConstraintReport.of(solver, profileId, sorted, measures);
    }
}
