package tessera.plugin.constraints.internal.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

import tessera.api.constraint.ConstraintReport;
import tessera.api.constraint.Region;
import tessera.api.constraint.RepairResult;
import tessera.api.constraint.Severity;
import tessera.api.constraint.Violation;
import tessera.api.image.RgbImage;
import tessera.api.pattern.Pattern;
import tessera.api.profile.ProductionProfile;
import tessera.api.repeat.RepeatGeometry;
import tessera.plugin.constraints.internal.Designs;

class FeatureSizeSolverTest {
    private static final int GROUND = 0xfafafa;
    private static final int INK = 0x1d3fbb;
    private final FeatureSizeSolver solver = FeatureSizeSolver.withDefaults();
    /** 0.3 mm minimum feature, 125 mesh. */
    private final ProductionProfile rotary64 = Designs.profile("rotary-64-6");

    /** A two-colour tile at 10 px per mm: ink where {@code ink} says so. */
    private static Pattern tenPxPerMm(int px, RepeatGeometry repeat, Ink ink) {
        RgbImage tile = Designs.of(px, px, (c, x, y) -> Designs.channel(ink.at(x, y) ? INK : GROUND, c));
        return Designs.pattern(tile, repeat, px / 100.0, px / 100.0);
    }

    interface Ink {
        boolean at(int x, int y);
    }

    @Test
    void aOnePixelLineIsFlaggedWithItsRegion() {
        ConstraintReport r = solver.check(tenPxPerMm(256, RepeatGeometry.BLOCK, (x, y) -> x == 100), rotary64);
        assertThat(r.passed()).isFalse();
        Violation v = r.violations().get(0);
        assertThat(v.rule()).isEqualTo(FeatureSizeSolver.SIZE);
        assertThat(v.severity()).isEqualTo(Severity.ERROR);
        assertThat(v.measured()).isCloseTo(0.1, within(1e-9));
        assertThat(v.limit()).isEqualTo(0.3);
        assertThat(v.unit()).isEqualTo("mm");
        assertThat(v.where()).isEqualTo(new Region(100, 0, 1, 256));
        assertThat(v.message()).startsWith("Lines and dots of 0.1 mm in #1d3fbb are finer than the 0.3 mm a 125-mesh screen holds");
        assertThat(v.fix()).contains("Thicken them to at least 0.3 mm (3 px at this size)").contains("enlarge the repeat to 7.68 × 7.68 cm");
        assertThat(r.measures().get("feature.thinPercent")).isCloseTo(100.0 / 256, within(1e-9));
    }

    @Test
    void aSixPixelLinePasses() {
        ConstraintReport r = solver.check(tenPxPerMm(256, RepeatGeometry.BLOCK, (x, y) -> x >= 100 && x < 106), rotary64);
        assertThat(r.violations()).isEmpty();
        assertThat(r.measures().get("feature.thinPercent")).isZero();
    }

    @Test
    void dotsSmallerThanTheMinimumAreFlaggedAndTheRepairRemovesThem() {
        // eight 2 × 2 px dots (0.2 mm) and one 8 × 8 px dot (0.8 mm) on a 128 px = 1.28 cm tile
        Ink dots = (x, y) -> (x % 32 == 4 || x % 32 == 5) && (y % 64 == 10 || y % 64 == 11) || x >= 80 && x < 88 && y >= 40 && y < 48;
        Pattern p = tenPxPerMm(128, RepeatGeometry.BLOCK, dots);
        ConstraintReport r = solver.check(p, rotary64);
        assertThat(r.passed()).isFalse();
        Violation v = r.violations().get(0);
        assertThat(v.measured()).isCloseTo(0.2, within(1e-9));
        assertThat(v.where().width()).isEqualTo(2);
        assertThat(v.where().height()).isEqualTo(2);
        assertThat(r.measures().get("feature.thinPercent")).isCloseTo(100.0 * 32 / (128 * 128), within(1e-9));

        RepairResult fixed = solver.repair(p, rotary64);
        assertThat(fixed.changes()).singleElement().asString().startsWith("Merged 32 too-thin pixels");
        assertThat(fixed.after().passed()).isTrue();
        assertThat(fixed.after().violations()).isEmpty();
        assertThat(solver.check(fixed.pattern(), rotary64).violations()).isEmpty();
        int[] rgb = fixed.pattern().tile().toPackedRgb();
        assertThat(rgb[10 * 128 + 4] & 0xffffff).isEqualTo(GROUND);
        assertThat(rgb[44 * 128 + 84] & 0xffffff).isEqualTo(INK); // the large dot stays
    }

    @Test
    void aThickLineAcrossTheTileEdgeIsNotFlagged() {
        // 6 px band: one row at the bottom edge, five at the top
        ConstraintReport r = solver.check(tenPxPerMm(256, RepeatGeometry.BLOCK, (x, y) -> y == 255 || y <= 4), rotary64);
        assertThat(r.violations()).isEmpty();
    }

    @Test
    void theRepeatLayoutDecidesTheNeighbours() {
        // 2 px at the left edge: a mirror doubles it to 4 px, a block leaves it 2 px wide
        Ink edge = (x, y) -> x <= 1;
        assertThat(solver.check(tenPxPerMm(256, RepeatGeometry.MIRROR, edge), rotary64).violations()).isEmpty();
        ConstraintReport block = solver.check(tenPxPerMm(256, RepeatGeometry.BLOCK, edge), rotary64);
        assertThat(block.passed()).isFalse();
        assertThat(block.violations().get(0).where()).isEqualTo(new Region(0, 0, 2, 256));
    }

    @Test
    void aFewThinPixelsAreAWarning() {
        // one 2 × 2 dot in 256²: 0.006 % of the tile
        ConstraintReport r = solver.check(tenPxPerMm(256, RepeatGeometry.BLOCK,
                (x, y) -> x >= 10 && x < 12 && y >= 10 && y < 12 || x >= 100 && x < 200 && y >= 100 && y < 200), rotary64);
        assertThat(r.passed()).isTrue();
        assertThat(r.violations()).singleElement().extracting(Violation::severity).isEqualTo(Severity.WARNING);
    }

    @Test
    void withoutAProfileOrAMinimumNothingIsMeasured() {
        Pattern p = tenPxPerMm(256, RepeatGeometry.BLOCK, (x, y) -> x == 100);
        ConstraintReport r = solver.check(p, null);
        assertThat(r.passed()).isTrue();
        assertThat(r.violations()).isEmpty();
        assertThat(r.measures()).isEmpty();
        ProductionProfile none = new ProductionProfile(rotary64.id(), rotary64.name(), rotary64.process(), rotary64.repeat(),
                rotary64.minDpi(), rotary64.maxColours(), 0, rotary64.registrationToleranceMm(), rotary64.colourToleranceDe(),
                rotary64.screen(), rotary64.inkjet(), rotary64.weave());
        assertThat(solver.check(p, none).violations()).isEmpty();
        assertThat(solver.repair(p, null).changes()).isEmpty();
    }

    @Test
    void aLargeTileIsCheckedAndRepairedQuickly() {
        Pattern p = tenPxPerMm(1024, RepeatGeometry.HALF_DROP, (x, y) -> x % 97 == 0 || (x / 8 + y / 8) % 2 == 0 && x % 8 < 6 && y % 8 < 6);
        long t0 = System.nanoTime();
        RepairResult fixed = solver.repair(p, rotary64);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(fixed.after().passed()).isTrue();
        assertThat(ms).isLessThan(20_000);
    }
}
