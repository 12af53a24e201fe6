package tessera.compute.testing;

import org.junit.jupiter.api.Test;
import tessera.compute.Pool2dSpec;
import tessera.compute.Tensor;
import tessera.compute.ops.Pooling;
import tessera.compute.spi.Interpolation;
import tessera.compute.testing.GradCheck.Input;

/** Pooling and resizing. */
public abstract class ResampleConformance extends ConformanceBase {

    private Pool2dSpec randomPool() {
        int k = between(1, 3);
        return new Pool2dSpec(k, between(1, 3), between(1, 2), between(1, 3), between(0, k / 2), 0);
    }

    @Test
    void poolsMatchFloat64() {
        for (int trial = 0; trial < 8; trial++) {
            Pool2dSpec s = randomPool();
            int n = between(1, 2), c = between(1, 3), h = between(s.kernelH(), 9), w = between(s.kernelW(), 9);
            float[] x = uniform(n * c * h * w, -2, 2);
            int[] dims = {n, c, h, w};
            assertClose("max " + s, Pooling.maxPool2d(tensor(x, dims), s), Reference.pool(true, x, dims, s));
            assertClose("avg " + s, Pooling.avgPool2d(tensor(x, dims), s), Reference.pool(false, x, dims, s));
        }
    }

    @Test
    void poolGradients() {
        for (int trial = 0; trial < 3; trial++) {
            Pool2dSpec s = randomPool();
            int[] dims = {2, 2, between(s.kernelH(), 6), between(s.kernelW(), 6)};
            GradCheck.check("maxPool " + s, device(), seed, t -> Pooling.maxPool2d(t[0], s),
                    Input.distinct(rnd, 0.02f, dims));
            GradCheck.check("avgPool " + s, device(), seed, t -> Pooling.avgPool2d(t[0], s),
                    Input.uniform(rnd, -1, 1, dims));
        }
    }

    @Test
    void upsamplingMatchesFloat64() {
        for (Interpolation mode : Interpolation.values()) {
            for (boolean wrap : new boolean[] {false, true}) {
                int h = between(1, 6), w = between(1, 6), oh = between(1, 13), ow = between(1, 13);
                float[] x = uniform(2 * 3 * h * w, -1, 1);
                Tensor y = Pooling.upsample(tensor(x, 2, 3, h, w), oh, ow, mode, wrap);
                assertClose(mode + (wrap ? " wrap " : " ") + h + "x" + w + "->" + oh + "x" + ow, y,
                        Reference.upsample(x, new int[] {2, 3, h, w}, oh, ow, mode == Interpolation.BILINEAR, wrap));
            }
        }
    }

    @Test
    void upsamplingGradients() {
        for (Interpolation mode : Interpolation.values()) {
            for (boolean wrap : new boolean[] {false, true}) {
                int h = between(2, 4), w = between(2, 4);
                GradCheck.check("upsample " + mode + " wrap " + wrap, device(), seed,
                        t -> Pooling.upsample(t[0], 2, mode, wrap), Input.uniform(rnd, -1, 1, 1, 2, h, w));
                GradCheck.check("resize " + mode + " wrap " + wrap, device(), seed,
                        t -> Pooling.upsample(t[0], 5, 3, mode, wrap), Input.uniform(rnd, -1, 1, 1, 2, h, w));
            }
        }
    }
}
