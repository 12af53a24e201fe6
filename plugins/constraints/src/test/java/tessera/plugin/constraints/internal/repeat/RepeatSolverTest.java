package tessera.plugin.constraints.internal.repeat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

import tessera.api.constraint.ConstraintReport;
import tessera.api.constraint.RepairResult;
import tessera.api.constraint.Severity;
import tessera.api.constraint.Violation;
import tessera.api.pattern.Pattern;
import tessera.api.profile.ProductionProfile;
import tessera.api.repeat.RepeatGeometry;
import tessera.api.repeat.RepeatType;
import tessera.imaging.repeat.RepeatLayout;
import tessera.imaging.repeat.SeamMetric;
import tessera.plugin.constraints.internal.Designs;

class RepeatSolverTest {
    private final RepeatSolver solver = RepeatSolver.withDefaults();
    private final ProductionProfile rotary64 = Designs.profile("rotary-64-6");

    private static Pattern block(double widthCm, double heightCm) {
        return Designs.pattern(Designs.blockSeamless(64, 64), RepeatGeometry.BLOCK, widthCm, heightCm);
    }

    @Test
    void aRepeatTallerThanTheScreenIsRefusedWithTheSizesThatFit() {
        ConstraintReport r = solver.check(block(70, 70), rotary64);
        assertThat(r.passed()).isFalse();
        Violation v = r.violations().get(0);
        assertThat(v.rule()).isEqualTo(RepeatSolver.CIRCUMFERENCE);
        assertThat(v.severity()).isEqualTo(Severity.ERROR);
        assertThat(v.message()).isEqualTo(
                "Repeat height 70 cm does not divide the 64 cm rotary screen; use 64, 32 or 21.33 cm, or a profile with a larger screen.");
        assertThat(v.measured()).isEqualTo(70.0);
        assertThat(v.limit()).isEqualTo(64.0);
        assertThat(v.unit()).isEqualTo("cm");
        assertThat(v.fix()).contains("−8.6 %").contains("the repair does this");
    }

    @Test
    void aRepeatThatDoesNotDivideTheScreenSaysHowManyTurnsItWouldMake() {
        Violation v = solver.check(block(30, 30), rotary64).violations().get(0);
        assertThat(v.message()).contains("2.13 repeats per turn").contains("use 32, 21.33 or 16 cm");
    }

    @Test
    void divisorsOfTheScreenPassIncludingRoundedOnes() {
        for (double h : new double[] {64, 32, 21.33, 16, 12.8, 10.67}) {
            ConstraintReport r = solver.check(block(h, h), rotary64);
            assertThat(r.passed()).as("%s cm", h).isTrue();
            assertThat(r.measures().get("repeat.repeatsPerTurn")).isCloseTo(64 / h, within(1e-9));
        }
    }

    @Test
    void theRepairScalesTheRepeatToTheNearestSizeThatFits() {
        RepairResult r = solver.repair(block(35, 70), rotary64);
        assertThat(r.pattern().heightCm()).isCloseTo(64, within(1e-9));
        assertThat(r.pattern().widthCm()).isCloseTo(32, within(1e-9));
        assertThat(r.pattern().tile()).isEqualTo(block(35, 70).tile()); // scaling keeps the pixels
        assertThat(r.changes()).singleElement().asString().contains("35 × 70 cm to 32 × 64 cm (−8.6 %)")
                .contains("1 repeat round the 64 cm screen");
        assertThat(r.after().passed()).isTrue();
    }

    @Test
    void aLargeScaleChangeIsLeftToThePerson() {
        // 45 cm: the nearest fits are 32 cm (−29 %) and 64 cm (+42 %), both beyond the 20 % a repair may change
        RepairResult r = solver.repair(block(45, 45), rotary64);
        assertThat(r.changes()).isEmpty();
        assertThat(r.pattern().heightCm()).isEqualTo(45);
        assertThat(r.after().passed()).isFalse();
        assertThat(r.after().violations().get(0).fix()).doesNotContain("the repair does this");
    }

    @Test
    void aMirrorRepeatPrintsTwoTilesRoundTheScreen() {
        Pattern mirror = Designs.pattern(Designs.ramp(64, 64), RepeatGeometry.MIRROR, 40, 40);
        Violation v = solver.check(mirror, rotary64).violations().get(0);
        assertThat(v.message()).contains("mirror repeat is 80 cm tall (2 tiles of 40 cm)").contains("make the tile 32");
        assertThat(solver.check(Designs.pattern(Designs.ramp(64, 64), RepeatGeometry.MIRROR, 32, 32), rotary64).passed()).isTrue();
    }

    @Test
    void aRepeatWiderThanTheLineIsRefused() {
        ConstraintReport r = solver.check(block(180, 32), rotary64);
        assertThat(r.violations()).extracting(Violation::rule).containsExactly(RepeatSolver.SIZE);
        assertThat(r.violations().get(0).message()).isEqualTo("Repeat width 180 cm exceeds the 160 cm widest repeat of rotary-64-6.");
    }

    @Test
    void aRepeatTypeTheLineDoesNotPrintIsLaidOutAsTheBlockItEquals() {
        Pattern halfBrick = Designs.pattern(transpose(Designs.halfDropSeamless(64, 64)), RepeatGeometry.HALF_BRICK, 32, 32);
        assertThat(SeamMetric.measure(halfBrick.tile(), RepeatGeometry.HALF_BRICK).seamless()).isTrue();
        ConstraintReport before = solver.check(halfBrick, rotary64);
        assertThat(before.violations()).extracting(Violation::rule).contains(RepeatSolver.TYPE);
        assertThat(before.violations().get(0).message()).isEqualTo("rotary-64-6 does not print half-brick repeats; it prints block, half-drop or mirror.");

        RepairResult r = solver.repair(halfBrick, rotary64);
        Pattern block = r.pattern();
        assertThat(block.repeat()).isEqualTo(RepeatGeometry.BLOCK);
        assertThat(block.tile().width()).isEqualTo(64);
        assertThat(block.tile().height()).isEqualTo(128);
        assertThat(block.heightCm()).isEqualTo(64);
        assertThat(SeamMetric.measure(block.tile(), RepeatGeometry.BLOCK).seamless()).isTrue();
        assertThat(block.tile()).isEqualTo(RepeatLayout.of(halfBrick.tile(), RepeatGeometry.HALF_BRICK).render(halfBrick.tile(), 0, 0, 64, 128));
        assertThat(r.changes().get(0)).contains("1 × 2 tiles, 64 × 128 px, 32 × 64 cm");
        assertThat(r.after().passed()).isTrue();
    }

    @Test
    void aJacquardRepeatMustFitTheHooks() {
        ProductionProfile jacquard = Designs.profile("jacquard-2688");
        ConstraintReport r = solver.check(block(56, 40), jacquard);
        assertThat(r.passed()).isTrue();
        assertThat(r.measures().get("repeat.ends")).isCloseTo(2688, within(1e-6));

        Violation v = solver.check(block(60, 40), jacquard).violations().get(0);
        assertThat(v.rule()).isEqualTo(RepeatSolver.HOOKS);
        assertThat(v.message()).contains("2880 ends").contains("2688 hooks");
        RepairResult fixed = solver.repair(block(60, 40), jacquard);
        assertThat(fixed.pattern().widthCm()).isCloseTo(56, within(1e-9));
        assertThat(fixed.after().passed()).isTrue();
    }

    @Test
    void aPointTieWeavesAMirrorWithTheHooksOfOneTile() {
        ProductionProfile jacquard = Designs.profile("jacquard-2688");
        assertThat(solver.check(Designs.pattern(Designs.ramp(64, 64), RepeatGeometry.MIRROR, 56, 40), jacquard).passed()).isTrue();
    }

    @Test
    void inkjetPrintsEveryRepeatTypeAndNoProfileChecksNothing() {
        Pattern drop = Designs.pattern(Designs.blockSeamless(60, 60), RepeatGeometry.parse("drop:0.333"), 47, 53);
        assertThat(solver.check(drop, Designs.profile("inkjet-600-reactive-8")).violations()).isEmpty();
        ConstraintReport free = solver.check(block(400, 400), null);
        assertThat(free.passed()).isTrue();
        assertThat(free.violations()).isEmpty();
        assertThat(free.measures()).containsEntry("repeat.widthCm", 400.0);
    }

    @Test
    void periodsFollowTheOffsetAsAFraction() {
        assertThat(RepeatPeriod.of(RepeatGeometry.parse("drop:0.333"))).isEqualTo(new RepeatPeriod(3, 1));
        assertThat(RepeatPeriod.of(RepeatGeometry.parse("brick:0.25"))).isEqualTo(new RepeatPeriod(1, 4));
        assertThat(RepeatPeriod.of(RepeatGeometry.HALF_DROP)).isEqualTo(new RepeatPeriod(2, 1));
        assertThat(RepeatPeriod.of(RepeatGeometry.MIRROR).hookTiles(RepeatType.MIRROR)).isEqualTo(1);
        assertThat(RepeatPeriod.of(RepeatGeometry.parse("brick:0.37")).closes()).isFalse();
        assertThat(RotaryScreenFit.fits(64, 21.33)).isTrue();
        assertThat(RotaryScreenFit.fits(64, 21.2)).isFalse();
    }

    private static tessera.api.image.RgbImage transpose(tessera.api.image.RgbImage t) {
        return Designs.of(t.height(), t.width(), (c, x, y) -> t.get(c, x, y));
    }
}
