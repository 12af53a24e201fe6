package tessera.host.rcp.workbench.internal;

import java.util.ArrayList;
import java.util.List;

import org.osgi.framework.ServiceReference;

import tessera.api.constraint.ConstraintReport;
import tessera.api.constraint.ConstraintSolver;
import tessera.api.constraint.RepairResult;
import tessera.api.pattern.Pattern;
import tessera.api.profile.ProductionProfile;

/**
 * The current design against a production profile through every installed {@link ConstraintSolver}, and
 * its one-click repair: the same calls, in the same order, as the pipeline's constrain stage (check all;
 * repair each failing solver in turn on the previous one's output), repeated while that helps. No UI here,
 * so tests call it directly.
 */
final class DesignCheck {
    private DesignCheck() {
    }

    /** One solver's report, with the service that made it so that its repair goes to the same plugin. */
    record SolverReport(ServiceReference<ConstraintSolver> solver, ConstraintReport report) {
    }

    /** What a repair did: the repaired design and, per solver, what it changed. */
    record Repair(Pattern pattern, List<String> changes) {
        boolean changedSomething() {
            return !changes.isEmpty();
        }
    }

    /** @param profile the line, or null for profile-free checks (seam) */
    static List<SolverReport> check(Engine engine, Pattern pattern, ProductionProfile profile) throws Exception {
        List<SolverReport> out = new ArrayList<>();
        for (ServiceReference<ConstraintSolver> ref : engine.servingRefs(ConstraintSolver.class)) {
            engine.call(ref, s -> s.check(pattern, profile)).ifPresent(r -> out.add(new SolverReport(ref, r)));
        }
        return out;
    }

    /** Rounds of repair one click makes at most; a round that changes nothing ends it earlier. */
    static final int ROUNDS = 3;

    /**
     * Repairs with every solver whose report failed, in the pipeline's order; a solver that has gone
     * meanwhile is skipped. One click should fix what the solvers can, but one repair can undo another
     * (laying a half brick out as a block resamples and brings back shades the colour repair merged), so
     * the round repeats on the re-checked design while it still fails and the last round changed something.
     */
    static Repair repair(Engine engine, Pattern pattern, ProductionProfile profile, List<SolverReport> reports)
            throws Exception {
        Pattern p = pattern;
        List<String> changes = new ArrayList<>();
        List<SolverReport> failing = reports;
        for (int round = 0; round < ROUNDS && !passed(failing); round++) {
            int before = changes.size();
            for (SolverReport r : failing) {
                if (r.report().passed()) {
                    continue;
                }
                Pattern in = p;
                var result = engine.call(r.solver(), s -> s.repair(in, profile));
                if (result.isPresent()) {
                    RepairResult rr = result.get();
                    p = rr.pattern();
                    rr.changes().forEach(c -> changes.add(r.report().solver() + ": " + c));
                }
            }
            if (changes.size() == before) {
                break;
            }
            failing = check(engine, p, profile);
        }
        return new Repair(p, changes);
    }

    /** @return true when no report has an error */
    static boolean passed(List<SolverReport> reports) {
        return reports.stream().allMatch(r -> r.report().passed());
    }
}
