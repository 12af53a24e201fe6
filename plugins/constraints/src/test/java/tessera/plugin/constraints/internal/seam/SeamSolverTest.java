package tessera.plugin.constraints.internal.seam;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import tessera.api.constraint.ConstraintReport;
import tessera.api.constraint.Region;
import tessera.api.constraint.RepairResult;
import tessera.api.constraint.Severity;
import tessera.api.constraint.Violation;
import tessera.api.image.RgbImage;
import tessera.api.pattern.Pattern;
import tessera.api.repeat.RepeatGeometry;
import tessera.plugin.constraints.internal.Designs;

class SeamSolverTest {
    private final SeamSolver solver = SeamSolver.withDefaults();

    @Test
    void repairBlendsBothSeamsOfABrokenTileUntilTheyPassAndReportsTheCost() {
        // smooth periodic artwork plus a ramp: a seam on both sides, with something to keep inside
        Pattern broken = Designs.pattern(Designs.of(128, 96, (c, x, y) -> 0.45 + 0.25 * Math.sin(2 * Math.PI * (x / 128.0 + c / 3.0))
                * Math.cos(2 * Math.PI * y / 96.0) + 0.25 * (x / 127.0) - 0.15 * (y / 95.0)), RepeatGeometry.BLOCK, 20, 15);
        assertThat(solver.check(broken, null).passed()).isFalse();
        RepairResult r = solver.repair(broken, null);
        assertThat(r.after().passed()).isTrue();
        assertThat(r.after().measures().get("seam.score")).isLessThanOrEqualTo(1.5);
        assertThat(r.changes()).singleElement().asString().startsWith("Blended both seams across the wrap over ")
                .contains("seam score", "ΔE2000");
        // the middle of the tile, away from the bands, is untouched
        int w = 128;
        int h = 96;
        assertThat(r.pattern().tile().get(0, h / 2, w / 2)).isEqualTo(broken.tile().get(0, h / 2, w / 2));
    }

    @Test
    void repairMeetsTheHalfDropNeighbourNotTheBlockOne() {
        // a ramp down the tile: as a half drop the right edge meets the left edge half a tile lower
        Pattern p = Designs.pattern(Designs.of(96, 96, (c, x, y) -> 0.5 + 0.3 * Math.sin(2 * Math.PI * (x / 96.0 + c / 4.0))
                + 0.2 * (x / 95.0)), RepeatGeometry.HALF_DROP, 20, 20);
        assertThat(solver.check(p, null).passed()).isFalse();
        RepairResult r = solver.repair(p, null);
        assertThat(r.after().passed()).isTrue();
        assertThat(r.changes().get(0)).contains("the left/right seam");
        // mirror repeats are never touched
        RepairResult mirror = solver.repair(Designs.pattern(Designs.ramp(64, 64), RepeatGeometry.MIRROR, 10, 10), null);
        assertThat(mirror.changes()).isEmpty();
    }

    @Test
    void aMotifCutByTheEdgeIsQuiltedAwayNotSmeared() {
        // a small-figured ground (period 16 px both ways, so it tiles) with two dark spots: one whole inside, one cut by
        // the right edge and not continued on the left (#6: blending would smear the half spot across the seam)
        for (RepeatGeometry repeat : new RepeatGeometry[] {RepeatGeometry.BLOCK, RepeatGeometry.HALF_DROP}) {
            RgbImage img = Designs.of(128, 128, (c, x, y) -> {
                boolean cut = (x - 124.0) * (x - 124.0) + (y - 40.0) * (y - 40.0) < 36;
                boolean whole = (x - 50.0) * (x - 50.0) + (y - 90.0) * (y - 90.0) < 36;
                double ground = 0.7 + 0.12 * Math.sin(2 * Math.PI * (x / 16.0 + c / 3.0)) * Math.cos(2 * Math.PI * y / 16.0);
                return cut || whole ? 0.12 + 0.04 * c : ground;
            });
            Pattern p = Designs.pattern(img, repeat, 12.8, 12.8);
            assertThat(solver.check(p, null).passed()).as(repeat.label()).isFalse();
            RepairResult r = solver.repair(p, null);
            assertThat(r.changes()).as(repeat.label()).singleElement().asString().startsWith("Quilted the seam")
                    .contains("left/right through a 16 px overlap", "seam score", "mean ΔE2000");
            assertThat(r.after().passed()).isTrue();
            assertThat(r.pattern().tile().width()).isEqualTo(112);
            assertThat(r.pattern().widthCm()).isCloseTo(11.2, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(r.pattern().heightCm()).isEqualTo(12.8);
            // the cut spot left with the overlap; the whole one stays whole
            assertThat(darkPixels(r.pattern().tile())).isEqualTo(darkPixels(Designs.of(128, 128,
                    (c, x, y) -> (x - 50.0) * (x - 50.0) + (y - 90.0) * (y - 90.0) < 36 ? 0.12 : 0.7)));
        }
    }

    private static int darkPixels(RgbImage t) {
        float[] v = t.planesView();
        int n = t.width() * t.height();
        int dark = 0;
        for (int i = 0; i < n; i++) {
            dark += v[i] < 0.3f ? 1 : 0;
        }
        return dark;
    }

    @Test
    void aSeamlessTilePassesWithoutAProfile() {
        ConstraintReport r = solver.check(Designs.pattern(Designs.blockSeamless(96, 64), RepeatGeometry.BLOCK, 32, 21.33), null);
        assertThat(r.passed()).isTrue();
        assertThat(r.violations()).isEmpty();
        assertThat(r.solver()).isEqualTo("seam");
        assertThat(r.profile()).isNull();
        assertThat(r.measures().get("seam.score")).isLessThan(1.1);
    }

    @Test
    void aBrokenTileFailsOnBothSeamsAndSaysWhere() {
        ConstraintReport r = solver.check(Designs.pattern(Designs.ramp(96, 64), RepeatGeometry.BLOCK, 32, 21.33),
                Designs.profile("rotary-64-6"));
        assertThat(r.passed()).isFalse();
        assertThat(r.profile()).isEqualTo("rotary-64-6");
        assertThat(r.violations()).hasSize(2).allSatisfy(v -> {
            assertThat(v.rule()).isEqualTo("seam");
            assertThat(v.severity()).isEqualTo(Severity.ERROR);
            assertThat(v.measured()).isGreaterThan(3);
            assertThat(v.limit()).isEqualTo(1.5);
            assertThat(v.fix()).contains("tileable generator");
        });
        assertThat(r.violations()).extracting(Violation::where).containsExactly(new Region(95, 0, 1, 64), new Region(0, 63, 96, 1));
        assertThat(r.violations().get(0).message()).startsWith("The tile's left and right edges do not meet in its block repeat");
    }

    @Test
    void aTileMadeForAnotherRepeatFailsAndTheFixNamesThatRepeat() {
        ConstraintReport asBlock = solver.check(Designs.pattern(Designs.halfDropSeamless(64, 64), RepeatGeometry.BLOCK, 32, 32), null);
        assertThat(asBlock.passed()).isFalse();
        assertThat(asBlock.violations()).singleElement().extracting(Violation::fix).asString()
                .contains("seamless as a half-drop repeat").contains("set repeat: half-drop");

        ConstraintReport asHalfDrop = solver.check(Designs.pattern(Designs.halfDropSeamless(64, 64), RepeatGeometry.HALF_DROP, 32, 32), null);
        assertThat(asHalfDrop.passed()).isTrue();
    }

    @Test
    void scoresBetweenTheCalibratedSetsWarn() {
        SeamSolver strict = new SeamSolver(100, 1.3); // the ramp's score lies far above 1.3, below 100
        ConstraintReport r = strict.check(Designs.pattern(Designs.ramp(64, 64), RepeatGeometry.BLOCK, 10, 10), null);
        assertThat(r.passed()).isTrue();
        assertThat(r.violations()).isNotEmpty().allSatisfy(v -> assertThat(v.severity()).isEqualTo(Severity.WARNING));
    }

    @Test
    void mirrorRepeatsAreSeamlessByConstruction() {
        assertThat(solver.check(Designs.pattern(Designs.ramp(64, 64), RepeatGeometry.MIRROR, 10, 10), null).passed()).isTrue();
    }

    @Test
    void aTileTooSmallToJudgeIsReportedNotFailed() {
        ConstraintReport r = solver.check(Designs.pattern(Designs.ramp(3, 3), RepeatGeometry.BLOCK, 1, 1), null);
        assertThat(r.passed()).isTrue();
        assertThat(r.violations()).singleElement().extracting(Violation::severity).isEqualTo(Severity.INFO);
    }
}
