package tessera.plugin.constraints.internal.weave;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import tessera.api.constraint.ConstraintReport;
import tessera.api.constraint.RepairResult;
import tessera.api.constraint.Severity;
import tessera.api.constraint.Violation;
import tessera.api.pattern.Pattern;
import tessera.api.profile.ProductionProfile;
import tessera.api.repeat.RepeatGeometry;
import tessera.plugin.constraints.internal.Designs;

class FloatSolverTest {
    private static final int GROUND = 0xf2ead8;
    private static final int BLUE = 0x1d3fbb;
    private static final int RED = 0xd62828;
    private final FloatSolver solver = new FloatSolver();

    /** Two large discs on a ground: wide areas of one colour, so the compound draws floats far beyond 10 threads. */
    private static Pattern discs() {
        return Designs.pattern(Designs.antiAliasedDiscs(256, GROUND, BLUE, RED), RepeatGeometry.BLOCK, 4, 4);
    }

    @Test
    void longWeftFloatsAreAnErrorWithWhereHowLongAndTheFix() {
        ProductionProfile profile = Designs.profile("jacquard-2688"); // float ≤ 10, 48 ends/cm, 36 picks/cm
        ConstraintReport r = solver.check(discs(), profile);

        assertThat(r.passed()).isFalse();
        // the yarns cycle pick by pick, so along an end the lift changes within a few picks: only weft floats
        assertThat(r.violations()).singleElement().satisfies(v -> {
            assertThat(v.rule()).isEqualTo(FloatSolver.FLOAT);
            assertThat(v.severity()).isEqualTo(Severity.ERROR);
            assertThat(v.message()).startsWith("Weft floats on the face").contains("mm", "jacquard-2688", "#f2ead8");
            assertThat(v.measured()).isGreaterThan(10);
            assertThat(v.limit()).isEqualTo(10.0);
            assertThat(v.unit()).isEqualTo("threads");
            assertThat(v.fix()).contains("binding points");
            // a weft float runs along a pick: a band one or two pixels high inside the tile
            assertThat(v.where().width()).isGreaterThan(v.where().height());
            assertThat(v.where().x() + v.where().width()).isLessThanOrEqualTo(256);
            assertThat(v.where().y() + v.where().height()).isLessThanOrEqualTo(256);
        });
        assertThat(r.measures().get("weave.longestWeftFloat")).isEqualTo(r.violations().get(0).measured());
        assertThat(r.measures().get("weave.longestWarpFloat")).isLessThanOrEqualTo(10.0);
        assertThat(r.measures().get("weave.overLimitPercent")).isBetween(1.0, 100.0);
    }

    @Test
    void aPlainGroundFloatsBothWaysForTheWholeRepeat() {
        // one yarn: every pick carries the ground weft and no end is ever lifted
        Pattern plain = Designs.pattern(Designs.of(64, 64, (c, x, y) -> Designs.channel(GROUND, c)), RepeatGeometry.BLOCK, 1, 1);
        ConstraintReport r = solver.check(plain, Designs.profile("jacquard-2688"));
        List<Violation> v = r.violations();
        assertThat(v).hasSize(2);
        assertThat(v.get(0).message()).startsWith("Warp floats on the back run up to 36 threads").contains("never ends");
        assertThat(v.get(0).where().height()).isGreaterThan(v.get(0).where().width());
        assertThat(v.get(1).message()).startsWith("Weft floats on the face run up to 48 threads");
        RepairResult fixed = solver.repair(plain, Designs.profile("jacquard-2688"));
        assertThat(fixed.after().passed()).isTrue();
        assertThat(fixed.after().measures().get("weave.longestWarpFloat")).isLessThanOrEqualTo(10);
    }

    @Test
    void repairInsertsBindingPointsKeepsThePixelsAndTheBoundPlanPasses() {
        ProductionProfile profile = Designs.profile("jacquard-2688");
        Pattern p = discs();
        RepairResult r = solver.repair(p, profile);

        assertThat(r.pattern().tile()).isSameAs(p.tile());
        assertThat(r.pattern().labels()).containsEntry(FloatSolver.BINDING_LABEL, FloatSolver.BOUND);
        assertThat(r.changes()).singleElement().asString().startsWith("Inserted ").contains("binding points", "→ 10 threads");
        assertThat(r.after().passed()).isTrue();
        assertThat(r.after().measures().get("weave.longestWarpFloat")).isLessThanOrEqualTo(10);
        assertThat(r.after().measures().get("weave.longestWeftFloat")).isLessThanOrEqualTo(10);
        assertThat(r.after().measures().get("weave.bindingPoints")).isPositive();
        assertThat(r.after().violations()).singleElement().satisfies(v -> assertThat(v.severity()).isEqualTo(Severity.INFO));
        // the check of the repaired pattern agrees with the repair's own verdict, and the exporter weaves that plan
        assertThat(solver.check(r.pattern(), profile).passed()).isTrue();
        assertThat(WifExporter.weave(r.pattern(), profile.weave()).bindingPoints())
                .isEqualTo(r.after().measures().get("weave.bindingPoints").intValue());
    }

    @Test
    void aFineCheckWeavesWithoutFloatsAndNeedsNoRepair() {
        // 96 ends × 36 picks on jacquard-2688 (2 × 1 cm), checks 8 ends × 6 picks: along a pick a weft is up or
        // down for 8 ends at most; along an end the two wefts alternate, so floats are 1 pick
        int w = 96;
        int h = 36;
        Pattern p = Designs.pattern(Designs.of(w, h, (c, x, y) -> Designs.channel(((x / 8 + y / 6) & 1) == 0 ? BLUE : GROUND, c)),
                RepeatGeometry.BLOCK, 2, 1);
        ProductionProfile profile = Designs.profile("jacquard-2688");
        ConstraintReport r = solver.check(p, profile);
        assertThat(r.violations()).isEmpty();
        assertThat(r.measures().get("weave.longestWeftFloat")).isEqualTo(8.0);
        assertThat(r.measures().get("weave.longestWarpFloat")).isLessThanOrEqualTo(10.0);
        RepairResult repaired = solver.repair(p, profile);
        assertThat(repaired.changes()).isEmpty();
        assertThat(repaired.pattern()).isSameAs(p);
    }

    @Test
    void aFloatAcrossTheRepeatsEdgeIsMeasuredWhole() {
        // one pick: ends 0..5 and 15..19 lowered, the rest lifted: 6 + 5 in the repeat, 11 in the cloth
        LiftPlan plan = new LiftPlan(20, 2);
        for (int e = 0; e < 20; e++) {
            plan.set(0, e, e > 5 && e < 15);
            plan.set(1, e, (e & 1) == 0);
        }
        List<int[]> runs = new ArrayList<>();
        long cells = plan.floats(true, 10, (line, start, length, lifted) -> runs.add(new int[] {line, start, length, lifted ? 1 : 0}));
        assertThat(runs).singleElement().satisfies(run -> assertThat(run).containsExactly(0, 15, 11, 0));
        assertThat(cells).isEqualTo(11);
        assertThat(plan.longestFloatAlong(true)).isEqualTo(11);
        plan.bind(10);
        assertThat(plan.longestFloat()).isLessThanOrEqualTo(10);
    }

    @Test
    void otherLinesAndNoProfileAreNotMeasured() {
        assertThat(solver.check(discs(), null).violations()).isEmpty();
        assertThat(solver.check(discs(), Designs.profile("rotary-64-6")).measures()).isEmpty();
        // 12 colours do not fit 4 wefts: said, not measured
        Pattern twelve = Designs.pattern(Designs.bands(120, 60, Designs.TWELVE), RepeatGeometry.BLOCK, 4, 2);
        ConstraintReport r = solver.check(twelve, Designs.profile("jacquard-2688"));
        assertThat(r.passed()).isTrue();
        assertThat(r.violations()).singleElement().satisfies(v -> assertThat(v.severity()).isEqualTo(Severity.INFO));
    }
}
