package tessera.plugin.qa.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import tessera.api.repeat.RepeatGeometry;

/** The sub-pixel refinement recovers a known print placement under every repeat, mirror included. */
class RegistrationTest {

    @Test
    void refinementRecoversTheTruePlacementUnderEveryRepeat() {
        for (RepeatGeometry repeat : new RepeatGeometry[] {RepeatGeometry.BLOCK, RepeatGeometry.HALF_DROP,
            RepeatGeometry.HALF_BRICK, RepeatGeometry.MIRROR}) {
            DesignRepeat design = texture(repeat);
            // printed 0.3 % small, turned 0.4°, placed off the tile's origin; the scan patch spans about three tiles
            // across, so it crosses mirrored (reversed) cells in both directions
            Similarity truth = Similarity.of(0.997, Math.toRadians(0.4), 13.3, 7.6);
            int side = 120;
            float[] scan = new float[side * side];
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    scan[y * side + x] = design.sample(0, truth.u(x, y), truth.v(x, y));
                }
            }
            // where a coarse search leaves it: unit scale, no rotation, about a pixel off
            Similarity start = new Similarity(1, 0, 12.6, 8.3);
            Similarity fit = Registration.refine(List.of(new Registration.Patch(scan, 0, 0, side, side)),
                    Registration.template(design, 0.5), start, 20, 20000).map();
            double worst = 0;
            for (int y = 0; y <= side; y += side / 4) {
                for (int x = 0; x <= side; x += side / 4) {
                    worst = Math.max(worst, Math.hypot(fit.u(x, y) - truth.u(x, y), fit.v(x, y) - truth.v(x, y)));
                }
            }
            assertThat(worst).as("%s: largest placement error over the patch, source px (fit %s, truth %s)", repeat, fit, truth)
                    .isLessThan(0.1);
        }
    }

    @Test
    void selectionGivesWhatSortingGives() {
        SplittableRandom rnd = new SplittableRandom(5);
        for (int n : new int[] {1, 2, 3, 10, 101, 4096, 60_001}) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                // ties and runs too: a third of the values from a handful of levels
                v[i] = i % 3 == 0 ? rnd.nextInt(4) : rnd.nextDouble() * 4;
            }
            double[] sorted = v.clone();
            java.util.Arrays.sort(sorted);
            for (int k : new int[] {0, n / 2, n - 1, rnd.nextInt(n)}) {
                assertThat(Planes.select(v.clone(), k)).as("n %d k %d", n, k).isEqualTo(sorted[k]);
            }
        }
        double[] ascending = new double[1000];
        for (int i = 0; i < ascending.length; i++) {
            ascending[i] = i;
        }
        assertThat(Planes.select(ascending, 500)).isEqualTo(500);
        assertThat(Planes.select(new double[777], 388)).isZero();
    }

    /** A smooth random texture on a 40 × 36 tile: structure in every direction, nothing periodic inside the tile. */
    private static DesignRepeat texture(RepeatGeometry repeat) {
        int w = 40;
        int h = 36;
        SplittableRandom rnd = new SplittableRandom(11);
        float[] noise = new float[w * h];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (float) rnd.nextDouble();
        }
        DesignRepeat raw = new DesignRepeat(w, h, repeat, noise);
        return raw.with(Planes.blurRepeat(raw, noise, 1.5));
    }
}
