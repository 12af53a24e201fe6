package tessera.plugin.constraints.internal.colour;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import tessera.api.constraint.ConstraintReport;
import tessera.api.constraint.RepairResult;
import tessera.api.constraint.Severity;
import tessera.api.constraint.Violation;
import tessera.api.image.RgbImage;
import tessera.api.pattern.Pattern;
import tessera.api.profile.ProductionProfile;
import tessera.api.repeat.RepeatGeometry;
import tessera.plugin.constraints.internal.Designs;

class ColourSolverTest {
    private final ColourSolver solver = ColourSolver.withDefaults();
    private final ProductionProfile rotary64 = Designs.profile("rotary-64-6");

    private static Pattern pattern(RgbImage tile) {
        return Designs.pattern(tile, RepeatGeometry.BLOCK, 32, 32);
    }

    private static Set<Integer> distinct(RgbImage tile) {
        return Arrays.stream(tile.toPackedRgb()).boxed().collect(Collectors.toSet());
    }

    @Test
    void threeFlatColoursCountThreeAndPass() {
        ConstraintReport r = solver.check(pattern(Designs.bands(96, 32, 0xd62828, 0x2a9d3f, 0x1d3fbb)), rotary64);
        assertThat(r.passed()).isTrue();
        assertThat(r.measures()).containsEntry("colour.count", 3.0).containsEntry("colour.distinct", 3.0);
    }

    @Test
    void twelveColoursOnSixScreensAreAnError() {
        ConstraintReport r = solver.check(pattern(Designs.bands(120, 24, Designs.TWELVE)), rotary64);
        assertThat(r.passed()).isFalse();
        Violation v = r.violations().get(0);
        assertThat(v.rule()).isEqualTo(ColourSolver.COUNT);
        assertThat(v.measured()).isEqualTo(12);
        assertThat(v.limit()).isEqualTo(6);
        assertThat(v.unit()).isEqualTo("colours");
        assertThat(v.message()).isEqualTo("The design has 12 colours after merging shades within 2.5 ΔE2000; rotary-64-6 prints at most 6,"
                + " one per screen.");
        assertThat(v.fix()).contains("k-means in CIELAB");
    }

    @Test
    void antiAliasedEdgesAndNearShadesDoNotCount() {
        RgbImage discs = Designs.antiAliasedDiscs(256, 0xf4ecd8, 0x1d3fbb, 0xd62828);
        assertThat(distinct(discs).size()).isGreaterThan(20);
        ConstraintReport r = solver.check(pattern(discs), Designs.profile("flatbed-hand-6"));
        assertThat(r.measures().get("colour.count")).isEqualTo(3);
        assertThat(r.measures().get("colour.ignoredPercent")).isBetween(0.0, 2.0);

        // two shades 1 ΔE apart print from one screen
        ConstraintReport shades = solver.check(pattern(Designs.bands(64, 16, 0x808080, 0x838383)), null);
        assertThat(shades.measures().get("colour.count")).isEqualTo(1);
    }

    @Test
    void muchUncountedSpeckleWarns() {
        // a flat ground with 15 % of its pixels in scattered random colours, none large enough to count
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(7);
        int[] rgb = new int[256 * 256];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = rnd.nextDouble() < 0.15 ? rnd.nextInt(1 << 24) : 0xf4ecd8;
        }
        RgbImage speckled = RgbImage.fromPackedRgb(256, 256, rgb);
        ConstraintReport r = solver.check(pattern(speckled), rotary64);
        assertThat(r.passed()).as("%s", r).isTrue();
        assertThat(r.violations()).singleElement().satisfies(v -> {
            assertThat(v.rule()).isEqualTo(ColourSolver.COUNT);
            assertThat(v.severity()).isEqualTo(Severity.WARNING);
            assertThat(v.message()).contains("are not counted");
        });
    }

    @Test
    void aGradientIsManyColours() {
        RgbImage gradient = Designs.of(256, 16, (c, x, y) -> c == 0 ? x / 255.0 : c == 1 ? 0.2 : 1 - x / 255.0);
        ConstraintReport r = solver.check(pattern(gradient), rotary64);
        assertThat(r.measures().get("colour.count")).isGreaterThan(12);
        assertThat(r.passed()).isFalse();

        java.util.SplittableRandom rnd = new java.util.SplittableRandom(3);
        RgbImage noise = Designs.of(128, 128, (c, x, y) -> rnd.nextDouble());
        Violation v = solver.check(pattern(noise), rotary64).violations().get(0);
        assertThat(v.message()).startsWith("The design is continuous-tone");
        assertThat(v.measured()).isEqualTo(256);
    }

    @Test
    void reducingTwelveColoursToSixReportsTheCostAndPasses() {
        Pattern twelve = pattern(Designs.bands(120, 24, Designs.TWELVE));
        RepairResult r = solver.repair(twelve, rotary64);
        assertThat(distinct(r.pattern().tile())).hasSize(6);
        assertThat(r.after().passed()).isTrue();
        assertThat(r.after().measures().get("colour.count")).isEqualTo(6);
        assertThat(r.after().measures()).containsKeys("colour.reduction.meanDe2000", "colour.reduction.p95De2000",
                "colour.reduction.maxDe2000");
        assertThat(r.after().measures().get("colour.reduction.maxDe2000")).isGreaterThan(r.after().measures().get("colour.reduction.meanDe2000"));
        assertThat(r.changes().get(0)).startsWith("reduced 12 colours to 6 by k-means in CIELAB (ΔE2000 mean ");
        assertThat(r.changes().get(1)).startsWith("palette: #").contains(" %");
        // six of twelve far-apart colours must move a lot: the solver says so
        assertThat(r.after().violations()).singleElement().satisfies(v -> {
            assertThat(v.rule()).isEqualTo(ColourSolver.REDUCTION);
            assertThat(v.severity()).isEqualTo(Severity.WARNING);
        });
        // deterministic: the same design gets the same palette
        assertThat(solver.repair(twelve, rotary64).pattern().tile()).isEqualTo(r.pattern().tile());
    }

    @Test
    void dominantColoursKeepTheirExactValueWhenAccentsAreMerged() {
        // three large areas and two small accents, reduced to three colours
        int[] colours = new int[30];
        Arrays.fill(colours, 0, 14, 0xf4ecd8);
        Arrays.fill(colours, 14, 22, 0x1d3fbb);
        Arrays.fill(colours, 22, 28, 0xd62828);
        colours[28] = 0x2a9d3f;
        colours[29] = 0xf6d32d;
        RepairResult r = solver.repair(pattern(Designs.bands(300, 10, colours)), Designs.withMaxColours(Designs.profile("jacquard-2688"), 3));
        // each cluster prints in its medoid: the ground and the large areas keep their exact colour
        assertThat(distinct(r.pattern().tile())).containsExactlyInAnyOrder(0xf4ecd8, 0x1d3fbb, 0xd62828);
        assertThat(r.after().passed()).isTrue();
    }

    @Test
    void antiAliasingIsAbsorbedNotPromotedToAPaletteColour() {
        RepairResult r = solver.repair(pattern(Designs.antiAliasedDiscs(256, 0xf4ecd8, 0x1d3fbb, 0xd62828)),
                Designs.withMaxColours(rotary64, 2));
        assertThat(distinct(r.pattern().tile())).containsExactlyInAnyOrder(0xf4ecd8, 0x1d3fbb);
        assertThat(r.changes().get(1)).startsWith("palette: #f4ecd8 9");
    }

    @Test
    void aBrandPaletteReductionPrintsOnlyBrandColoursNearestTheDesign() {
        // twelve design colours onto a brand card of eight, six screens: the six brand colours nearest the design
        int[] brand = {0xc8102e, 0x00843d, 0x003da5, 0xffcd00, 0x000000, 0xffffff, 0xe87722, 0x8a8d8f};
        Pattern twelve = pattern(Designs.bands(120, 24, Designs.TWELVE));
        for (boolean dither : new boolean[] {false, true}) {
            RepairResult r = solver.withDither(dither).withBrandPalette(brand).repair(twelve, rotary64);
            Set<Integer> used = distinct(r.pattern().tile());
            assertThat(used).hasSizeLessThanOrEqualTo(6);
            assertThat(Arrays.stream(brand).boxed().collect(Collectors.toSet())).containsAll(used);
            assertThat(r.changes().get(0)).contains("of the 8 brand colours").contains("ΔE2000 mean");
            assertThat(r.after().passed()).isTrue();
        }
        // black and white stand in for the design's near-black and near-white, which lie far from every other brand colour
        RepairResult plain = solver.withBrandPalette(brand).repair(twelve, rotary64);
        assertThat(distinct(plain.pattern().tile())).contains(0x000000, 0xffffff);
        // a design that already fits the screens is still put into the brand's colours
        Pattern three = pattern(Designs.bands(90, 10, 0xd62828, 0x2a9d3f, 0xfafafa));
        assertThat(distinct(solver.withBrandPalette(brand).repair(three, rotary64).pattern().tile()))
                .containsExactlyInAnyOrder(0xc8102e, 0x00843d, 0xffffff);
    }

    @Test
    void aGivenBrandPaletteFailsTheCheckSoTheJobIsMappedEvenWhenTheCountFits() {
        // #6: the pipeline repairs only failed checks; three colours fit six screens, yet the brand palette must still apply
        int[] brand = {0xc8102e, 0x00843d, 0x003da5, 0xffcd00, 0x000000, 0xffffff, 0xe87722, 0x8a8d8f};
        Pattern three = pattern(Designs.bands(90, 10, 0xd62828, 0x2a9d3f, 0xfafafa));
        ColourSolver branded = solver.withBrandPalette(brand);
        assertThat(solver.check(three, rotary64).passed()).as("without a brand palette three colours pass").isTrue();
        for (ProductionProfile line : new ProductionProfile[] {rotary64, Designs.profile("inkjet-300-cmyk"), null}) {
            ConstraintReport r = branded.check(three, line);
            assertThat(r.passed()).isFalse();
            assertThat(r.violations()).filteredOn(v -> v.rule().equals(ColourSolver.BRAND)).singleElement().satisfies(v -> {
                assertThat(v.severity()).isEqualTo(Severity.ERROR);
                assertThat(v.message()).contains("not among the brand's 8 colours");
                assertThat(v.measured()).isGreaterThan(60); // the red and the green; the white is the brand's white within 2.5
            });
            RepairResult fixed = branded.repair(three, line);
            assertThat(distinct(fixed.pattern().tile())).containsExactlyInAnyOrder(0xc8102e, 0x00843d, 0xffffff);
            assertThat(fixed.changes().get(0)).startsWith("mapped 3 colours into 3 of the 8 brand colours").contains("ΔE2000 mean");
            assertThat(fixed.after().measures()).containsKey("colour.reduction.meanDe2000").containsEntry("colour.offBrandPercent", 0.0);
            assertThat(fixed.after().passed()).isTrue();
            assertThat(branded.check(fixed.pattern(), line).passed()).as("the mapped design is on brand").isTrue();
        }
        // a job names its own palette with the brand.palette label, over the configured one
        Pattern labelled = new Pattern(three.tile(), three.repeat(), three.widthCm(), three.heightCm(),
                java.util.Map.of(ColourSolver.BRAND_LABEL, "#d62828 #2a9d3f #fafafa"));
        assertThat(branded.check(labelled, rotary64).passed()).isTrue();
        assertThat(solver.check(new Pattern(three.tile(), three.repeat(), three.widthCm(), three.heightCm(),
                java.util.Map.of(ColourSolver.BRAND_LABEL, "#000000 #ffffff")), rotary64).passed()).isFalse();
    }

    @Test
    void aColourwaySwapsColoursByAreaAndKeepsTheAntiAliasing() {
        RgbImage discs = Designs.antiAliasedDiscs(256, 0xf4ecd8, 0x1d3fbb, 0xd62828);
        Colourway.Result r = Colourway.recolour(discs, Colourway.parse("#1d2a44", "#e8dcc4", "#b5452f"));
        assertThat(r.from()[0]).isEqualTo(0xf4ecd8); // the ground covers most
        assertThat(r.to()).containsExactly(0x1d2a44, 0xe8dcc4, 0xb5452f);
        int[] before = discs.toPackedRgb();
        int[] after = r.tile().toPackedRgb();
        // flat areas take their new colour exactly (within 8-bit rounding)
        assertThat(near(after[10], 0x1d2a44)).isTrue();
        assertThat(near(after[64 * 256 + 64], r.to()[java.util.Arrays.asList(box(r.from())).indexOf(before[64 * 256 + 64])])).isTrue();
        // an anti-aliased edge pixel between ground and disc stays between their new colours
        int edge = -1;
        for (int i = 0; i < before.length && edge < 0; i++) {
            if (before[i] != 0xf4ecd8 && before[i] != 0x1d3fbb && before[i] != 0xd62828) {
                edge = i;
            }
        }
        int e = after[edge];
        assertThat((e >> 16) & 0xff).isBetween(0x1d - 3, 0xe8 + 3);
        assertThat(e).isNotIn(0x1d2a44, 0xe8dcc4);
        assertThat(r.describe()).startsWith("#f4ecd8 → #1d2a44 (");
        // fewer new colours than design colours: the rest follow their nearest design colour
        Colourway.Result two = Colourway.recolour(discs, Colourway.parse("#222222", "#dddddd"));
        assertThat(two.to()).hasSize(3);
        assertThat(two.to()[2]).isIn(0x222222, 0xdddddd);
        assertThat(Colourway.recolour(Designs.ramp(64, 64), Colourway.parse("#000000"))).isNull();
    }

    private static Integer[] box(int[] a) {
        return Arrays.stream(a).boxed().toArray(Integer[]::new);
    }

    private static boolean near(int a, int b) {
        for (int s = 0; s <= 16; s += 8) {
            if (Math.abs(((a >> s) & 0xff) - ((b >> s) & 0xff)) > 1) {
                return false;
            }
        }
        return true;
    }

    @Test
    void ditheringIsOffByDefaultAndStaysOnThePalette() {
        RgbImage gradient = Designs.of(128, 32, (c, x, y) -> c == 0 ? x / 127.0 : c == 1 ? 0.3 : 0.6);
        RepairResult plain = solver.repair(pattern(gradient), rotary64);
        RepairResult dithered = solver.withDither(true).repair(pattern(gradient), rotary64);
        assertThat(distinct(plain.pattern().tile())).hasSizeLessThanOrEqualTo(6);
        assertThat(distinct(dithered.pattern().tile())).hasSizeLessThanOrEqualTo(6);
        assertThat(dithered.pattern().tile()).isNotEqualTo(plain.pattern().tile());
        assertThat(dithered.changes().get(0)).contains("with error diffusion");
        assertThat(plain.changes().get(0)).doesNotContain("error diffusion");
    }

    @Test
    void linesWithoutAColourLimitAndChecksWithoutAProfileOnlyMeasure() {
        Pattern twelve = pattern(Designs.bands(120, 24, Designs.TWELVE));
        ConstraintReport inkjet = solver.check(twelve, Designs.profile("inkjet-600-reactive-8"));
        assertThat(inkjet.violations()).isEmpty();
        assertThat(inkjet.measures()).containsEntry("colour.count", 12.0);
        RepairResult none = solver.repair(twelve, null);
        assertThat(none.changes()).isEmpty();
        assertThat(none.pattern()).isSameAs(twelve);
    }
}
