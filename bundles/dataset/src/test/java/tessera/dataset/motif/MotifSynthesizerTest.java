package tessera.dataset.motif;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import tessera.api.image.RgbImage;
import tessera.api.repeat.RepeatGeometry;
import tessera.api.repeat.RepeatType;
import tessera.dataset.motif.internal.MotifPainter;

class MotifSynthesizerTest {
    static final List<RepeatGeometry> REPEATS = List.of(RepeatGeometry.BLOCK, RepeatGeometry.HALF_DROP,
            RepeatGeometry.HALF_BRICK, RepeatGeometry.MIRROR, new RepeatGeometry(RepeatType.DROP, 0.333),
            new RepeatGeometry(RepeatType.BRICK, 0.25));

    static Stream<Arguments> familiesAndRepeats() {
        List<Arguments> all = new ArrayList<>();
        for (MotifFamily f : MotifFamily.values()) {
            for (RepeatGeometry r : REPEATS) {
                all.add(Arguments.of(f, r));
            }
        }
        return all.stream();
    }

    /** Non-square on purpose: width and height must never be confused. */
    static final int W = 72, H = 56;

    static MotifSpec spec(MotifFamily family, RepeatGeometry repeat, long seed) {
        return MotifSpec.sample(seed, PromptWords.of(family, null)).withRepeat(repeat);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("familiesAndRepeats")
    void windowOfThePrintEqualsTheTileLaidOutInItsRepeat(MotifFamily family, RepeatGeometry repeat) {
        for (long seed = 1; seed <= 3; seed++) {
            MotifSpec spec = spec(family, repeat, seed * 7919);
            RgbImage tile = MotifSynthesizer.render(spec, W, H).image();
            // mirror tiles are drawn on the block lattice; mirroring them is seamless by itself
            RepeatGeometry lattice = repeat.type() == RepeatType.MIRROR ? RepeatGeometry.BLOCK : repeat;
            RepeatLayout print = new RepeatLayout(tile, lattice);
            int ox = W / 2 + 5, oy = H / 3 - 2;
            RgbImage window = MotifPainter.paint(spec, W, H, ox, oy, W, H).image();
            double worst = 0;
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < H; y++) {
                    for (int x = 0; x < W; x++) {
                        worst = Math.max(worst, Math.abs(window.get(c, y, x) - print.get(c, oy + y, ox + x)));
                    }
                }
            }
            assertThat(worst).as("%s seed %d: largest difference between the shifted window and the repeat", spec, seed)
                    .isLessThan(2e-4);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("familiesAndRepeats")
    void seamsAreNoSharperThanTheInterior(MotifFamily family, RepeatGeometry repeat) {
        for (long seed = 1; seed <= 3; seed++) {
            MotifSpec spec = spec(family, repeat, seed * 104729);
            RepeatLayout print = new RepeatLayout(MotifSynthesizer.render(spec, W, H).image(), repeat);
            assertThat(print.seamRatio()).as("%s seed %d", spec, seed).isLessThan(1.5);
        }
    }

    @Test
    void sameSpecGivesIdenticalPixelsAcrossThreads() throws Exception {
        MotifSpec[] specs = new MotifSpec[MotifFamily.values().length];
        for (int i = 0; i < specs.length; i++) {
            specs[i] = spec(MotifFamily.values()[i], REPEATS.get(i % REPEATS.size()), 42 + i);
        }
        RgbImage[] first = new RgbImage[specs.length];
        for (int i = 0; i < specs.length; i++) {
            first[i] = MotifSynthesizer.render(specs[i], 64, 64).image();
        }
        RgbImage[] second = new RgbImage[specs.length];
        Thread[] threads = new Thread[specs.length];
        for (int i = 0; i < specs.length; i++) {
            int k = specs.length - 1 - i; // reverse order, concurrently
            threads[i] = new Thread(() -> second[k] = MotifSynthesizer.render(specs[k], 64, 64).image());
            threads[i].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        for (int i = 0; i < specs.length; i++) {
            assertThat(second[i]).as(specs[i].family().id()).isEqualTo(first[i]);
        }
        assertThat(MotifSpec.sample(99)).isEqualTo(MotifSpec.sample(99));
    }

    @Test
    void differentSeedsGiveDifferentTiles() {
        for (MotifFamily f : MotifFamily.values()) {
            Set<RgbImage> seen = new HashSet<>();
            for (long seed = 0; seed < 4; seed++) {
                seen.add(MotifSynthesizer.render(spec(f, RepeatGeometry.BLOCK, seed), 48, 48).image());
            }
            assertThat(seen).as(f.id()).hasSizeGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void captionsNameFamilyPaletteColoursAndRepeat() {
        for (MotifFamily f : MotifFamily.values()) {
            for (Palette p : PaletteBook.all()) {
                MotifSpec spec = MotifSpec.sample(f.ordinal() * 100L + p.hashCode(), PromptWords.of(f, p));
                Motif m = MotifSynthesizer.render(spec, 32, 32);
                String caption = m.caption().toLowerCase(Locale.ROOT);
                assertThat(caption).contains(f.noun().toLowerCase(Locale.ROOT)).contains(p.name().toLowerCase(Locale.ROOT))
                        .contains(spec.repeat().label()).contains(m.inks().size() + " colours");
                assertThat(m.labels()).containsEntry("family", f.id()).containsEntry("palette", p.id())
                        .containsEntry("caption", m.caption()).containsEntry("seed", Long.toString(spec.seed()))
                        .containsKeys("repeat", "density", "scale", "rotation", "colours", "inks", "style", "synth");
                assertThat(m.inks()).hasSize(spec.effectiveColours());
                assertThat(p.inks()).containsAll(m.inks().subList(1, m.inks().size()).stream()
                        .filter(i -> !i.equals(p.ground())).toList());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void pixelsAreInksOrTwoInkBlends(MotifFamily family) {
        for (long seed = 0; seed < 6; seed++) {
            MotifSpec spec = spec(family, REPEATS.get((int) seed), seed * 31);
            Motif m = MotifSynthesizer.render(spec, 64, 64);
            List<float[]> pure = new ArrayList<>();
            m.inks().forEach(i -> pure.add(i.channels()));
            List<float[]> inks = new ArrayList<>(pure);
            if (WOVEN.contains(family)) {
                // a woven or knit colour is itself a mix of two yarns (half-tone, shaded stitch gap)
                for (float[] a : pure) {
                    for (float[] b : pure) {
                        for (double t : new double[] {0.18, 0.3, 0.5}) {
                            inks.add(new float[] {(float) (a[0] + (b[0] - a[0]) * t), (float) (a[1] + (b[1] - a[1]) * t),
                                (float) (a[2] + (b[2] - a[2]) * t)});
                        }
                    }
                }
            }
            RgbImage img = m.image();
            java.util.Map<List<Float>, Integer> colours = new java.util.HashMap<>();
            for (int y = 0; y < 64; y++) {
                for (int x = 0; x < 64; x++) {
                    colours.merge(List.of(img.get(0, y, x), img.get(1, y, x), img.get(2, y, x)), 1, Integer::sum);
                }
            }
            int off = 0;
            for (var e : colours.entrySet()) {
                float[] px = {e.getKey().get(0), e.getKey().get(1), e.getKey().get(2)};
                if (distanceToBlends(px, inks) > 0.02) {
                    off += e.getValue();
                }
            }
            // anti-aliasing where three inks meet (fine stripes at 64 px, dry brush over another ink) mixes three
            assertThat(off / 4096.0).as("%s: share of pixels that are no ink or blend of two", spec).isLessThan(0.05);
        }
    }

    static final Set<MotifFamily> WOVEN = Set.of(MotifFamily.GINGHAM, MotifFamily.TARTAN, MotifFamily.NORDIC_KNIT);

    static Stream<MotifFamily> families() {
        return Stream.of(MotifFamily.values());
    }

    /** Largest per-channel distance from px to the nearest segment between two inks. */
    static double distanceToBlends(float[] px, List<float[]> inks) {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < inks.size(); i++) {
            for (int j = i; j < inks.size(); j++) {
                float[] a = inks.get(i), b = inks.get(j);
                double num = 0, den = 0;
                for (int c = 0; c < 3; c++) {
                    num += (px[c] - a[c]) * (b[c] - a[c]);
                    den += (b[c] - a[c]) * (b[c] - a[c]);
                }
                double t = den == 0 ? 0 : Math.clamp(num / den, 0, 1);
                double d = 0;
                for (int c = 0; c < 3; c++) {
                    d = Math.max(d, Math.abs(px[c] - (a[c] + t * (b[c] - a[c]))));
                }
                best = Math.min(best, d);
            }
        }
        return best;
    }

    @Test
    void catalogueHasEnoughFamiliesAndPalettes() {
        assertThat(MotifFamily.values()).hasSizeGreaterThanOrEqualTo(14);
        assertThat(PaletteBook.all()).hasSizeGreaterThanOrEqualTo(10);
        assertThat(PaletteBook.all().stream().map(Palette::id).distinct()).hasSize(PaletteBook.all().size());
        for (String id : List.of("nordic", "pastel", "earth", "jewel", "monochrome", "neon", "indigo", "terracotta",
                "sage", "scandinavian-winter")) {
            assertThat(PaletteBook.byId(id).inks()).hasSizeGreaterThanOrEqualTo(4);
        }
    }

    @Test
    void oddSizesAndLargeTilesRender() {
        MotifSpec spec = spec(MotifFamily.FLORAL, RepeatGeometry.HALF_DROP, 5);
        assertThat(MotifSynthesizer.render(spec, 17, 33).image().width()).isEqualTo(17);
        RepeatLayout print = new RepeatLayout(MotifSynthesizer.render(spec, 37, 29).image(), RepeatGeometry.HALF_DROP);
        assertThat(print.seamRatio()).isLessThan(1.5);
    }
}
