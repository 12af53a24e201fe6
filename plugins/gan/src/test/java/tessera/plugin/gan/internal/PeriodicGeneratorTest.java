package tessera.plugin.gan.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import tessera.api.image.RgbImage;
import tessera.api.repeat.RepeatGeometry;
import tessera.compute.Autograd;
import tessera.compute.Tensor;
import tessera.compute.TensorScope;
import tessera.compute.cpu.CpuDevices;
import tessera.imaging.repeat.SeamMetric;
import tessera.plugin.gan.internal.model.GanSpec;
import tessera.plugin.gan.internal.model.LatentCode;
import tessera.plugin.gan.internal.model.PeriodicGenerator;
import tessera.plugin.gan.internal.model.TileRenderer;
import tessera.plugin.gan.internal.model.Torus;

/** The periodic construction holds for any weights, so an untrained (random) generator must already obey it. */
class PeriodicGeneratorTest {
    static final GanSpec SPEC = new GanSpec(4, 6, 3, 4, 3, List.of("stripes", "floral"), List.of("nordic"),
            List.of(16, 8), List.of(8, 16), 4, 32);
    static final PeriodicGenerator G = new PeriodicGenerator(SPEC, CpuDevices.shared(), 11);

    @AfterAll
    static void close() {
        G.weights().close();
    }

    @Test
    void wavesSnapToTheRepeatLattice() {
        for (Torus t : List.of(Torus.block(5, 7), new Torus(6, 8, 2, 4, false), new Torus(6, 8, 2, 3, true))) {
            double[] k = t.snap(0.731, -1.234);
            double[][] lattice = t.brick() ? new double[][] {{t.shift(), t.cellsH()}, {t.cellsW(), 0}}
                    : new double[][] {{t.cellsW(), t.shift()}, {0, t.cellsH()}};
            for (double[] a : lattice) {
                double turns = (k[0] * a[0] + k[1] * a[1]) / (2 * Math.PI);
                assertThat(Math.abs(turns - Math.rint(turns))).as("%s %s", t, java.util.Arrays.toString(a)).isLessThan(1e-9);
            }
            assertThat(Math.hypot(k[0] - 0.731, k[1] + 1.234)).as("snapping moves the wave only a little").isLessThan(1.6);
        }
    }

    @Test
    void shiftingTheNoiseByOneCellShiftsTheTileByTheStride() {
        // without waves (their phase is absolute) the whole input shifts, so circular convolution must shift the tile
        GanSpec spec = new GanSpec(4, 6, 0, 4, 3, List.of("stripes"), List.of("nordic"), List.of(16, 8), List.of(8), 4, 32);
        PeriodicGenerator gen = new PeriodicGenerator(spec, CpuDevices.shared(), 5);
        LatentCode c = LatentCode.sample(spec, 3, 0, spec.anyPalette());
        int cells = 8, s = spec.stride();
        float[] local = c.localNoise(spec, cells, cells), rolled = new float[local.length];
        for (int ch = 0; ch < spec.localChannels(); ch++) {
            for (int y = 0; y < cells; y++) {
                for (int x = 0; x < cells; x++) {
                    rolled[(ch * cells + y) * cells + (x + 1) % cells] = local[(ch * cells + y) * cells + x];
                }
            }
        }
        TileRenderer r = new TileRenderer(gen);
        List<RgbImage> t = r.render(List.of(c.withLocal(local), c.withLocal(rolled)), cells * s, cells * s, null);
        gen.weights().close();
        int w = cells * s;
        for (int ch = 0; ch < 3; ch++) {
            for (int y = 0; y < w; y++) {
                for (int x = 0; x < w; x++) {
                    assertThat(t.get(1).get(ch, y, (x + s) % w)).isCloseTo(t.get(0).get(ch, y, x), org.assertj.core.data.Offset.offset(1e-4f));
                }
            }
        }
    }

    @Test
    void halfDropFieldRepeatsWithTheDrop() {
        Torus t = new TileRenderer(G).torus(32, 32, RepeatGeometry.HALF_DROP);
        assertThat(t.copies()).isEqualTo(2);
        LatentCode c = LatentCode.sample(SPEC, 9, 1, 0);
        try (TensorScope s = TensorScope.open(); var off = Autograd.noGrad()) {
            TileRenderer.Inputs in = new TileRenderer(G).inputs(List.of(c), t);
            float[] f = G.forward(in.local(), in.global(), in.family(), in.palette(), in.phases(), t).toArray();
            int fw = 64, fh = 32;
            double worst = 0;
            for (int ch = 0; ch < 3; ch++) {
                for (int y = 0; y < fh; y++) {
                    for (int x = 0; x < 32; x++) {
                        float left = f[(ch * fh + y) * fw + x];
                        float right = f[(ch * fh + (y + 16) % fh) * fw + x + 32];
                        worst = Math.max(worst, Math.abs(left - right));
                    }
                }
            }
            assertThat(worst).as("F(x + W, y + H/2) = F(x, y)").isLessThan(1e-4);
        }
    }

    @Test
    void anySizeTileIsSeamlessUnderItsRepeat() {
        TileRenderer r = new TileRenderer(G);
        LatentCode c = LatentCode.sample(SPEC, 5, 0, 0);
        for (RepeatGeometry g : List.of(RepeatGeometry.BLOCK, RepeatGeometry.HALF_DROP, RepeatGeometry.HALF_BRICK)) {
            RgbImage tile = r.render(List.of(c), 96, 64, g).get(0);
            assertThat(tile.width()).isEqualTo(96);
            assertThat(SeamMetric.measure(tile, g).seamless()).as(g.label()).isTrue();
        }
        RgbImage odd = r.render(List.of(c), 50, 50, RepeatGeometry.BLOCK).get(0);
        assertThat(odd.width()).isEqualTo(50);
        assertThat(SeamMetric.measure(odd, RepeatGeometry.BLOCK).seamless()).as("resampled wrap-aware").isTrue();
    }

    @Test
    void sameSeedSameTileDifferentSeedDifferentTile() {
        TileRenderer r = new TileRenderer(G);
        List<RgbImage> t = r.render(List.of(LatentCode.sample(SPEC, 1, 0, 0), LatentCode.sample(SPEC, 1, 0, 0),
                LatentCode.sample(SPEC, 2, 0, 0)), 32, 32, null);
        assertThat(t.get(0).planesView()).containsExactly(t.get(1).planesView());
        assertThat(t.get(0).planesView()).isNotEqualTo(t.get(2).planesView());
    }

}
