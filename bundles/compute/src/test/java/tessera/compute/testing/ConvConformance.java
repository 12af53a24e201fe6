package tessera.compute.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tessera.compute.Conv2dSpec;
import tessera.compute.PaddingMode;
import tessera.compute.Tensor;
import tessera.compute.ops.Convolution;
import tessera.compute.ops.Shapes;
import tessera.compute.testing.GradCheck.Input;

/** Convolution and transposed convolution with every padding mode, stride, dilation and groups. */
public abstract class ConvConformance extends ConformanceBase {

    private Conv2dSpec randomSpec(int kh, int kw, int h, int w, boolean transposed) {
        int g = new int[] {1, 1, 2, 3}[rnd.nextInt(4)];
        PaddingMode mode = transposed ? (rnd.nextBoolean() ? PaddingMode.ZEROS : PaddingMode.CIRCULAR)
                : PaddingMode.values()[rnd.nextInt(3)];
        int dil = rnd.nextInt(4) == 0 ? 2 : 1;
        int limitH = mode == PaddingMode.REFLECT ? h - 1 : mode == PaddingMode.CIRCULAR ? h : 3;
        int limitW = mode == PaddingMode.REFLECT ? w - 1 : mode == PaddingMode.CIRCULAR ? w : 3;
        int ph = Math.min(rnd.nextInt(3), limitH);
        int pw = Math.min(rnd.nextInt(3), limitW);
        int sh = between(1, 2), sw = between(1, 2);
        if (transposed) {
            // the full output must be at least 2p+max(p,1) wide so that a circular fold is defined
            ph = Math.min(ph, dil * (kh - 1));
            pw = Math.min(pw, dil * (kw - 1));
            while (ph > 0 && (h - 1) * sh + dil * (kh - 1) + 1 - 2 * ph < ph) {
                ph--;
            }
            while (pw > 0 && (w - 1) * sw + dil * (kw - 1) + 1 - 2 * pw < pw) {
                pw--;
            }
        }
        return new Conv2dSpec(sh, sw, ph, pw, dil, dil, g, mode, 0, 0);
    }

    @Test
    void conv2dMatchesFloat64ForRandomGeometries() {
        for (int trial = 0; trial < 12; trial++) {
            int kh = between(1, 4), kw = between(1, 4);
            int h = between(kh * 2 + 1, 12), w = between(kw * 2 + 1, 12);
            Conv2dSpec s = randomSpec(kh, kw, h, w, false);
            int g = s.groups();
            int c = g * between(1, 3), co = g * between(1, 3), n = between(1, 3);
            float[] x = uniform(n * c * h * w, -1, 1);
            float[] wt = uniform(co * (c / g) * kh * kw, -1, 1);
            float[] b = rnd.nextBoolean() ? uniform(co, -1, 1) : null;
            Tensor y = Convolution.conv2d(tensor(x, n, c, h, w), tensor(wt, co, c / g, kh, kw),
                    b == null ? null : tensor(b, co), s);
            assertDotClose("conv2d " + s, y, Reference.conv2d(x, new int[] {n, c, h, w}, wt,
                    new int[] {co, c / g, kh, kw}, b, s));
        }
    }

    @Test
    void conv2dOnAWideImageUsesTheFastPackingPath() {
        int n = 2, c = 8, co = 16, h = 20, w = 40;
        Conv2dSpec s = Conv2dSpec.of(1, 1);
        float[] x = uniform(n * c * h * w, -1, 1);
        float[] wt = uniform(co * c * 9, -1, 1);
        Tensor y = Convolution.conv2d(tensor(x, n, c, h, w), tensor(wt, co, c, 3, 3), null, s);
        assertDotClose("conv2d 3x3", y, Reference.conv2d(x, new int[] {n, c, h, w}, wt, new int[] {co, c, 3, 3},
                null, s));
    }

    @Test
    void convTranspose2dMatchesFloat64() {
        for (int trial = 0; trial < 10; trial++) {
            int kh = between(1, 4), kw = between(1, 4);
            int h = between(2, 7), w = between(2, 7);
            Conv2dSpec s = randomSpec(kh, kw, h, w, true);
            int g = s.groups();
            int ci = g * between(1, 3), co = g * between(1, 3), n = between(1, 2);
            float[] x = uniform(n * ci * h * w, -1, 1);
            float[] wt = uniform(ci * (co / g) * kh * kw, -1, 1);
            float[] b = rnd.nextBoolean() ? uniform(co, -1, 1) : null;
            Tensor y = Convolution.convTranspose2d(tensor(x, n, ci, h, w), tensor(wt, ci, co / g, kh, kw),
                    b == null ? null : tensor(b, co), s);
            assertDotClose("convTranspose2d " + s, y, Reference.convTranspose2d(x, new int[] {n, ci, h, w}, wt,
                    new int[] {ci, co / g, kh, kw}, b, s));
        }
    }

    @Test
    void convTranspose2dMatchesFloat64ForOneFewAndManyInputPixels() {
        // the device may take another path for few columns (batch · input pixels) than for many: cover one
        // column, a few, and more than a narrow path would take
        int[][] shapes = {{1, 1, 1}, {2, 2, 3}, {2, 6, 7}, {1, 9, 9}};
        for (int[] nhw : shapes) {
            int n = nhw[0], h = nhw[1], w = nhw[2], ci = 5, co = 3;
            Conv2dSpec s = Conv2dSpec.of(2, 1);
            float[] x = uniform(n * ci * h * w, -1, 1);
            float[] wt = uniform(ci * co * 4 * 4, -1, 1);
            Tensor y = Convolution.convTranspose2d(tensor(x, n, ci, h, w), tensor(wt, ci, co, 4, 4), null, s);
            assertDotClose("convTranspose2d " + n + "×" + h + "×" + w, y, Reference.convTranspose2d(x, new int[] {n, ci, h, w}, wt,
                    new int[] {ci, co, 4, 4}, null, s));
        }
    }

    @Test
    void dcganUpsamplingLayerShape() {
        Tensor x = Tensor.normal(device(), seed, 0, 1, 1, 8, 4, 4);
        Tensor w = Tensor.normal(device(), seed + 1, 0, 0.1f, 8, 4, 4, 4);
        Tensor y = Convolution.convTranspose2d(x, w, null, Conv2dSpec.of(2, 1));
        assertThat(y.dims()).containsExactly(1, 4, 8, 8);
        Tensor first = Convolution.convTranspose2d(Tensor.normal(device(), seed, 0, 1, 2, 8, 1, 1), w, null,
                Conv2dSpec.of(1, 0));
        assertThat(first.dims()).containsExactly(2, 4, 4, 4);
    }

    @Test
    void circularConvolutionCommutesWithCircularShifts() {
        // #4: a tile of a repeat stays a tile: shifting the input by whole pixels shifts the output
        int h = 8, w = 8;
        Conv2dSpec s = Conv2dSpec.of(1, 1).withPadding(1, 1, PaddingMode.CIRCULAR);
        Tensor x = Tensor.normal(device(), seed, 0, 1, 1, 3, h, w);
        Tensor wt = Tensor.normal(device(), seed + 1, 0, 1, 4, 3, 3, 3);
        float[] y = Convolution.conv2d(x, wt, null, s).toArray();
        Tensor shifted = Shapes.concat(3, Shapes.slice(x, 3, 3, w), Shapes.slice(x, 3, 0, 3));
        float[] ys = Convolution.conv2d(shifted, wt, null, s).toArray();
        double[] expected = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            int col = i % w;
            expected[i] = y[i - col + (col + 3) % w];
        }
        Tolerances.assertAllClose(at("shifted circular conv"), ys, expected, 1e-5, 1e-5);
    }

    @Test
    void convolutionGradients() {
        for (int trial = 0; trial < 3; trial++) {
            int kh = between(1, 3), kw = between(1, 3), h = between(2 * kh + 1, 7), w = between(2 * kw + 1, 7);
            Conv2dSpec s = randomSpec(kh, kw, h, w, false);
            int g = s.groups(), c = g * between(1, 2), co = g * between(1, 2);
            GradCheck.check("conv2d " + s, device(), seed, t -> Convolution.conv2d(t[0], t[1], t[2], s),
                    Input.uniform(rnd, -1, 1, 2, c, h, w), Input.uniform(rnd, -1, 1, co, c / g, kh, kw),
                    Input.uniform(rnd, -1, 1, co));
        }
    }

    @Test
    void transposedConvolutionGradients() {
        for (int trial = 0; trial < 3; trial++) {
            int kh = between(1, 4), kw = between(1, 4), h = between(2, 4), w = between(2, 4);
            Conv2dSpec s = randomSpec(kh, kw, h, w, true);
            int g = s.groups(), ci = g * between(1, 2), co = g * between(1, 2);
            GradCheck.check("convTranspose2d " + s, device(), seed,
                    t -> Convolution.convTranspose2d(t[0], t[1], t[2], s), Input.uniform(rnd, -1, 1, 2, ci, h, w),
                    Input.uniform(rnd, -1, 1, ci, co / g, kh, kw), Input.uniform(rnd, -1, 1, co));
        }
    }

    @Test
    void upsampleConvolutionIsTheConvolutionOfTheUpsampledImage() {
        // #8: the resize-convolution computed on the small image must be the same function as upsample + conv2d
        for (PaddingMode m : new PaddingMode[] {PaddingMode.ZEROS, PaddingMode.CIRCULAR}) {
            for (int trial = 0; trial < 3; trial++) {
                int n = between(1, 2), c = between(1, 5), co = between(1, 6), h = between(1, 7), w = between(1, 9);
                Tensor x = tensor(uniform(n * c * h * w, -1, 1), n, c, h, w);
                Tensor wt = tensor(uniform(co * c * 9, -1, 1), co, c, 3, 3);
                Tensor b = trial == 0 ? null : tensor(uniform(co, -1, 1), co);
                Tensor expected = Convolution.conv2d(tessera.compute.ops.Pooling.upsample(x, 2,
                        tessera.compute.spi.Interpolation.NEAREST, m == PaddingMode.CIRCULAR), wt, b,
                        Conv2dSpec.of(1, 0).withPadding(1, 1, m));
                Tensor y = Convolution.upsampleConv2d(x, wt, b, m);
                assertThat(y.dims()).containsExactly(n, co, 2 * h, 2 * w);
                Tolerances.assertAllClose(at("upsampleConv2d " + m + " " + x.shape()), y.toArray(), expected.toArray(),
                        1e-5, 1e-5);
            }
        }
    }

    @Test
    void upsampleConvolutionGradients() {
        for (PaddingMode m : new PaddingMode[] {PaddingMode.ZEROS, PaddingMode.CIRCULAR}) {
            int c = between(1, 3), co = between(1, 3), h = between(1, 4), w = between(2, 4);
            GradCheck.check("upsampleConv2d " + m, device(), seed, t -> Convolution.upsampleConv2d(t[0], t[1], t[2], m),
                    Input.uniform(rnd, -1, 1, 2, c, h, w), Input.uniform(rnd, -1, 1, co, c, 3, 3), Input.uniform(rnd, -1, 1, co));
        }
    }

    @Test
    void upsampleConvolutionRefusesReflectPadding() {
        Tensor x = Tensor.normal(device(), seed, 0, 1, 1, 2, 4, 4);
        Tensor wt = Tensor.normal(device(), seed + 1, 0, 1, 3, 2, 3, 3);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Convolution.upsampleConv2d(x, wt, null, PaddingMode.REFLECT))
                .hasMessageContaining("reflect");
    }

    @Test
    void paddingModesAndTheirGradients() {
        int h = between(3, 6), w = between(3, 6);
        for (PaddingMode m : PaddingMode.values()) {
            int t = between(0, 2), b = between(0, 2), l = between(0, 2), r = between(0, 2);
            float[] x = uniform(2 * h * w, -1, 1);
            assertClose("pad2d " + m, Shapes.pad2d(tensor(x, 1, 2, h, w), t, b, l, r, m),
                    Reference.pad2d(x, new int[] {1, 2, h, w}, t, b, l, r, m));
            GradCheck.check("pad2d " + m, device(), seed, ts -> Shapes.pad2d(ts[0], t, b, l, r, m),
                    Input.uniform(rnd, -1, 1, 1, 2, h, w));
            GradCheck.check("unpad2d " + m, device(), seed, ts -> Shapes.unpad2d(ts[0], t, b, l, r, m),
                    Input.uniform(rnd, -1, 1, 1, 2, h + t + b, w + l + r));
        }
    }
}
