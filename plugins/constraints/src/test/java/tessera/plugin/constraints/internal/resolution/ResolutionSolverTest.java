package tessera.plugin.constraints.internal.resolution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

import tessera.api.constraint.ConstraintReport;
import tessera.api.constraint.Severity;
import tessera.api.constraint.Violation;
import tessera.api.image.RgbImage;
import tessera.api.pattern.Pattern;
import tessera.api.profile.ProductionProfile;
import tessera.api.repeat.RepeatGeometry;
import tessera.plugin.constraints.internal.Designs;

class ResolutionSolverTest {
    private final ResolutionSolver solver = ResolutionSolver.withDefaults();
    private final ProductionProfile rotary64 = Designs.profile("rotary-64-6");

    private static Pattern square(int px, double cm) {
        return Designs.pattern(RgbImage.wrap(px, px, new float[3 * px * px]), RepeatGeometry.BLOCK, cm, cm);
    }

    @Test
    void aTileThatNeedsMoreThanFourfoldUpsamplingIsAnError() {
        ConstraintReport r = solver.check(square(256, 32), rotary64);
        assertThat(r.passed()).isFalse();
        Violation v = r.violations().get(0);
        assertThat(v.rule()).isEqualTo(ResolutionSolver.DPI);
        assertThat(v.measured()).isCloseTo(20.32, within(1e-9));
        assertThat(v.limit()).isEqualTo(150);
        assertThat(v.unit()).isEqualTo("dpi");
        assertThat(v.message()).isEqualTo("The tile has 20 DPI at 32 × 32 cm (256 × 256 px); rotary-64-6 prints at 150 DPI, so the"
                + " export would upsample it 7.4× with wrap-aware resampling and each tile pixel would print as a 1.3 mm blur.");
        assertThat(v.fix()).startsWith("Generate the tile at 1890 × 1890 px or more, print the repeat at most 4.33 × 4.33 cm");
        assertThat(r.measures().get("resolution.upsampling")).isCloseTo(7.38, within(0.01));
    }

    @Test
    void moderateUpsamplingWarnsAndRoutineUpsamplingInforms() {
        Violation warn = solver.check(square(512, 32), rotary64).violations().get(0); // 40.6 DPI: 3.7×
        assertThat(warn.severity()).isEqualTo(Severity.WARNING);
        assertThat(warn.message()).contains("detail finer than 0.6 mm will look soft");
        Violation info = solver.check(square(1024, 32), rotary64).violations().get(0); // 81 DPI: 1.8×
        assertThat(info.severity()).isEqualTo(Severity.INFO);
        assertThat(info.message()).contains("as print RIPs routinely do");
    }

    @Test
    void enoughPixelsPassSilently() {
        ConstraintReport r = solver.check(square(2048, 32), rotary64); // 163 DPI
        assertThat(r.violations()).isEmpty();
        assertThat(r.measures().get("resolution.upsampling")).isLessThan(1);
    }

    @Test
    void aFixNeverAsksForMorePixelsThanATileMayHave() {
        Violation v = solver.check(square(256, 100), Designs.profile("inkjet-1200-acid-12")).violations().get(0);
        assertThat(v.fix()).isEqualTo("At 1200 DPI this repeat needs 47245 × 47245 px, more than the 16384 px a tile may have;"
                + " print the repeat at most 0.54 × 0.54 cm, or choose a line with a lower resolution.");
    }

    @Test
    void aJacquardNeedsAPixelPerEnd() {
        // 48 ends/cm = 121.9 per inch; jacquard-2688 asks for 122 DPI, one pixel per end and pick
        ConstraintReport r = solver.check(square(672, 14), Designs.profile("jacquard-2688")); // 121.9 DPI
        assertThat(r.measures().get("resolution.requiredDpi")).isEqualTo(122);
        assertThat(r.violations()).singleElement().extracting(Violation::severity).isEqualTo(Severity.INFO);
    }

    @Test
    void stretchedPixelsWarnWithOrWithoutAProfile() {
        Pattern p = Designs.pattern(RgbImage.wrap(256, 256, new float[3 * 256 * 256]), RepeatGeometry.BLOCK, 32, 48);
        ConstraintReport r = solver.check(p, null);
        assertThat(r.violations()).singleElement().satisfies(v -> {
            assertThat(v.rule()).isEqualTo(ResolutionSolver.ASPECT);
            assertThat(v.severity()).isEqualTo(Severity.WARNING);
            assertThat(v.message()).contains("print 1.5× taller than wide");
            assertThat(v.fix()).contains("256 × 384 px").contains("32 × 32 cm");
        });
        assertThat(r.measures()).containsKeys("resolution.dpiX", "resolution.dpiY").doesNotContainKey("resolution.upsampling");
    }
}
