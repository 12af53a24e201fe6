package tessera.api.constraint;

import java.util.List;
import java.util.Map;

/**
 * The outcome of one solver's check.
 *
 * @param solver     plugin id of the solver
 * @param profile    profile id checked against, or null
 * @param passed     true when no violation is an error
 * @param violations findings, errors first
 * @param measures   named measurements (e.g. {@code seam.score}, {@code colours}), whatever passed
 */
public record ConstraintReport(String solver, String profile, boolean passed, List<Violation> violations,
        Map<String, Double> measures) {
    public ConstraintReport {
        violations = violations == null ? List.of() : List.copyOf(violations);
        measures = measures == null ? Map.of() : Map.copyOf(measures);
    }

    /** A report whose verdict follows from its violations. */
    public static ConstraintReport of(String solver, String profile, List<Violation> violations, Map<String, Double> measures) {
        boolean ok = violations.stream().noneMatch(v -> v.severity() == Severity.ERROR);
        return new ConstraintReport(solver, profile, ok, violations, measures);
    }
}
