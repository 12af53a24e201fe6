package tessera.plugin.constraints.internal.guidance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

import org.junit.jupiter.api.Test;

import tessera.api.image.RgbImage;
import tessera.api.pattern.Pattern;
import tessera.api.profile.ProductionProfile;
import tessera.api.repeat.RepeatGeometry;
import tessera.compute.ComputeDevice;
import tessera.compute.Tensor;
import tessera.compute.TensorScope;
import tessera.compute.cpu.CpuDevices;
import tessera.compute.guidance.GuidancePenalty;
import tessera.compute.guidance.GuidanceTarget;
import tessera.compute.optim.Adam;
import tessera.plugin.constraints.internal.Designs;
import tessera.plugin.constraints.internal.colour.ColourSolver;
import tessera.plugin.constraints.internal.feature.FeatureSizeSolver;
import tessera.plugin.constraints.internal.ink.InkSolver;
import tessera.plugin.constraints.internal.seam.SeamSolver;

/** #6: following each penalty's gradient lowers the violation its check measures, on random images. */
class GuidancePenaltiesTest {
    private static final ComputeDevice CPU = CpuDevices.shared();

    /** @return the penalty for {@code rule} that the provider gives for this line and tile */
    private static GuidancePenalty penalty(String profile, double widthCm, String repeat, String rule) {
        List<GuidancePenalty> all = GuidancePenalties.penalties(Designs.profile(profile), new GuidanceTarget(profile, widthCm, widthCm, repeat));
        return all.stream().filter(p -> p.rule().equals(rule)).findFirst().orElseThrow();
    }

    /** Adam on the image itself (what latent-free guidance does), then the image back in [0, 1]. */
    private static RgbImage descend(RgbImage start, GuidancePenalty penalty, int steps, float lr) {
        int w = start.width();
        int h = start.height();
        try (TensorScope scope = TensorScope.open()) {
            Tensor x = Tensor.of(CPU, start.planes(), 1, 3, h, w).requiresGrad(true);
            Adam opt = Adam.adam(List.of(x), lr, 0.9f, 0.999f, 1e-8f, 0f);
            for (int i = 0; i < steps; i++) {
                try (TensorScope step = TensorScope.open()) {
                    Tensor loss = penalty.penalty(x);
                    opt.zeroGrad();
                    loss.backward();
                    opt.step();
                }
            }
            float[] v = x.detach().toArray();
            for (int i = 0; i < v.length; i++) {
                v[i] = Math.clamp(v[i], 0f, 1f);
            }
            return RgbImage.wrap(w, h, v);
        }
    }

    private static void reduces(RgbImage start, GuidancePenalty penalty, int steps, float lr, ToDoubleFunction<RgbImage> violation,
            double factor) {
        double before = violation.applyAsDouble(start);
        RgbImage after = descend(start, penalty, steps, lr);
        double then = violation.applyAsDouble(after);
        assertThat(before).as("%s: the random image violates the rule", penalty.rule()).isGreaterThan(0);
        assertThat(then).as("%s: violation after following the gradient (before %s)", penalty.rule(), before)
                .isLessThan(before * factor);
    }

    @Test
    void seamPenaltyBlendsTheWrapUntilTheSeamCheckPasses() {
        SplittableRandom rnd = new SplittableRandom(61);
        // a third drop and a quarter brick too: the seam is where the repeat puts the neighbour, not half a tile off
        for (String repeat : new String[] {"block", "half-drop", "drop:0.333", "brick:0.25"}) {
            double a = rnd.nextDouble(0.2, 0.4);
            double phase = rnd.nextDouble(6);
            RgbImage img = Designs.of(64, 64, (c, x, y) -> 0.3 + a * x / 63.0 + 0.15 * Math.sin(2 * Math.PI * y / 64.0 + phase + c)
                    + 0.03 * rnd.nextDouble());
            Pattern p = Designs.pattern(img, RepeatGeometry.parse(repeat), 10, 10);
            ToDoubleFunction<RgbImage> score = t -> SeamSolver.withDefaults().check(p.withTile(t), null).measures().get("seam.score");
            reduces(img, penalty("rotary-64-6", 10, repeat, "seam"), 150, 0.01f, score, 0.6);
            assertThat(score.applyAsDouble(descend(img, penalty("rotary-64-6", 10, repeat, "seam"), 150, 0.01f))).isLessThan(1.5);
        }
    }

    @Test
    void paletteSoftAssignmentLowersTheCostOfReducingToTheLinesColours() {
        ProductionProfile rotary = Designs.profile("rotary-64-6"); // 6 screens
        SplittableRandom rnd = new SplittableRandom(62);
        float[] noise = new float[3 * 48 * 48];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (float) rnd.nextDouble();
        }
        RgbImage img = RgbImage.wrap(48, 48, noise);
        ToDoubleFunction<RgbImage> cost = t -> ColourSolver.withDefaults().repair(Designs.pattern(t, RepeatGeometry.BLOCK, 10, 10), rotary)
                .after().measures().getOrDefault("colour.reduction.meanDe2000", 0.0);
        reduces(img, penalty("rotary-64-6", 10, "block", "colour.count"), 80, 0.01f, cost, 0.5);
    }

    /** Random blocks of two colours crossed by six 1 px lines of a third: 128 px, blocks of 16. */
    private static RgbImage thinLinesOnBlocks(SplittableRandom rnd) {
        int[] colours = {0xf4ecd8, 0x1d3fbb, 0xd62828};
        int[][] blocks = new int[8][8];
        for (int[] row : blocks) {
            for (int j = 0; j < 8; j++) {
                row[j] = colours[rnd.nextInt(2)];
            }
        }
        int[] lineRows = rnd.ints(6, 0, 128).toArray();
        return Designs.of(128, 128, (c, x, y) -> {
            for (int r : lineRows) {
                if (y == r) {
                    return Designs.channel(colours[2], c);
                }
            }
            return Designs.channel(blocks[y / 16][x / 16], c);
        });
    }

    @Test
    void morphologicalPenaltyRemovesLinesThinnerThanTheMinimumUnderTheRepeat() {
        // rotary-64-6: 0.3 mm; a 2 cm tile of 128 px is 6.4 px/mm, so 2 px (made 3): 1 px lines are too thin. Under a half
        // drop the lines run into the side seams, where the neighbour half a tile lower meets them (#6: the penalty pads
        // the tile as the repeat lays it out, as the check does)
        SplittableRandom rnd = new SplittableRandom(63);
        ProductionProfile rotary = Designs.profile("rotary-64-6");
        for (String repeat : new String[] {"block", "half-drop", "half-drop"}) {
            RgbImage img = thinLinesOnBlocks(rnd);
            ToDoubleFunction<RgbImage> thin = t -> FeatureSizeSolver.withDefaults()
                    .check(Designs.pattern(t, RepeatGeometry.parse(repeat), 2, 2), rotary).measures().getOrDefault("feature.thinPercent", 0.0);
            reduces(img, penalty("rotary-64-6", 2, repeat, "feature.size"), 60, 0.02f, thin, 0.25);
        }
    }

    @Test
    void theFeaturePenaltySeesTheSameFieldAsTheCheck() {
        // 0.3 mm at 10 px/mm: 3 px for the check and the penalty. Two 2 px stubs on opposite edges, half a tile apart
        // vertically: a half drop puts them side by side (a 4 px band, printable); a block repeat leaves two thin lines
        int ink = 0x1d3fbb;
        int ground = 0xf4ecd8;
        RgbImage stubs = Designs.of(64, 64, (c, x, y) -> Designs.channel((x >= 62 && y < 32) || (x < 2 && y >= 32) ? ink : ground, c));
        ProductionProfile rotary = Designs.profile("rotary-64-6");
        for (String repeat : new String[] {"half-drop", "block"}) {
            double thin = FeatureSizeSolver.withDefaults().check(Designs.pattern(stubs, RepeatGeometry.parse(repeat), 0.64, 0.64), rotary)
                    .measures().get("feature.thinPercent");
            float cost;
            try (TensorScope scope = TensorScope.open()) {
                cost = penalty("rotary-64-6", 0.64, repeat, "feature.size").penalty(Tensor.of(CPU, stubs.planes(), 1, 3, 64, 64)).item();
            }
            if (repeat.equals("half-drop")) {
                assertThat(thin).as("check, half drop").isZero();
                assertThat(cost).as("penalty, half drop").isZero();
            } else {
                assertThat(thin).as("check, block").isGreaterThan(1);
                assertThat(cost).as("penalty, block").isGreaterThan(1e-3f);
            }
        }
    }

    @Test
    void theRepeatPaddingIsTheFieldImagingLaysOut() {
        SplittableRandom rnd = new SplittableRandom(66);
        float[] v = new float[3 * 20 * 16];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rnd.nextDouble();
        }
        RgbImage tile = RgbImage.wrap(20, 16, v);
        for (String repeat : new String[] {"block", "half-drop", "half-brick", "drop:0.333", "brick:0.25", "mirror"}) {
            RepeatGeometry g = RepeatGeometry.parse(repeat);
            RgbImage field = tessera.imaging.repeat.RepeatLayout.of(tile, g).render(tile, -6, -6, 32, 28);
            try (TensorScope scope = TensorScope.open()) {
                float[] padded = new RepeatPadding(g).pad(Tensor.of(CPU, tile.planes(), 1, 3, 16, 20), 6).toArray();
                assertThat(padded).as(repeat).containsExactly(field.planes());
            }
        }
    }

    @Test
    void labOnTheTensorIsImagingsLabAndDifferentiable() {
        SplittableRandom rnd = new SplittableRandom(67);
        float[] v = new float[3 * 8 * 8];
        for (int i = 0; i < v.length; i++) {
            v[i] = i % 7 == 0 ? 0.01f * rnd.nextInt(5) : (float) rnd.nextDouble(); // some in the sRGB toe and CIE's linear segment
        }
        RgbImage img = RgbImage.wrap(8, 8, v);
        float[] ref = tessera.imaging.colour.LabImage.of(img).planes();
        try (TensorScope scope = TensorScope.open()) {
            Tensor x = Tensor.of(CPU, v, 1, 3, 8, 8).requiresGrad(true);
            Tensor lab = LabTensor.of(x);
            float[] got = lab.detach().toArray();
            for (int i = 0; i < got.length; i++) {
                assertThat(got[i] * LabTensor.SCALE).as("Lab value %d", i).isCloseTo(ref[i], org.assertj.core.data.Offset.offset(0.05f));
            }
            tessera.compute.ops.Reductions.sum(lab).backward();
            float[] g = x.grad().toArray();
            for (float gi : g) {
                assertThat(Float.isFinite(gi)).isTrue();
            }
            // finite difference of L* + a* + b* at one mid-range pixel of the green channel
            int at = 64 + 9;
            float[] up = v.clone();
            float[] down = v.clone();
            up[at] += 1e-3f;
            down[at] -= 1e-3f;
            double fd = (sum(tessera.imaging.colour.LabImage.of(RgbImage.wrap(8, 8, up)).planes())
                    - sum(tessera.imaging.colour.LabImage.of(RgbImage.wrap(8, 8, down)).planes())) / 2e-3 / LabTensor.SCALE;
            assertThat((double) g[at]).isCloseTo(fd, org.assertj.core.data.Offset.offset(0.05 * Math.abs(fd) + 0.02));
        }
    }

    private static double sum(float[] a) {
        double s = 0;
        for (float f : a) {
            s += f;
        }
        return s;
    }

    @Test
    void inkPenaltyBringsDarkPixelsUnderTheInkLimit() {
        ProductionProfile inkjet = Designs.profile("inkjet-300-cmyk"); // 280 %
        SplittableRandom rnd = new SplittableRandom(64);
        float[] v = new float[3 * 40 * 40];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) Math.pow(rnd.nextDouble(), 3); // mostly dark, so plenty is over the limit
        }
        RgbImage img = RgbImage.wrap(40, 40, v);
        ToDoubleFunction<RgbImage> over = t -> InkSolver.withDefaults().check(Designs.pattern(t, RepeatGeometry.BLOCK, 10, 10), inkjet)
                .measures().get("ink.overLimitPercent");
        reduces(img, penalty("inkjet-300-cmyk", 10, "block", "ink.coverage"), 60, 0.01f, over, 0.25);
    }

    @Test
    void eachLineGetsThePenaltiesItsRulesCall() {
        assertThat(GuidancePenalties.penalties(Designs.profile("rotary-64-6"), new GuidanceTarget("rotary-64-6", 32, 32, "half-drop")))
                .extracting(GuidancePenalty::rule).containsExactly("seam", "colour.count", "feature.size");
        assertThat(GuidancePenalties.penalties(Designs.profile("inkjet-300-cmyk"), new GuidanceTarget("inkjet-300-cmyk", 32, 32, "mirror")))
                .extracting(GuidancePenalty::rule).containsExactly("feature.size", "ink.coverage");
        assertThat(new GuidancePenalties().penalties(new GuidanceTarget("rotary-64-6", 32, 32, "block"))).isEmpty(); // no catalog bound
    }
}
