package tessera.compute.testing;

import tessera.compute.Conv2dSpec;
import tessera.compute.PaddingMode;
import tessera.compute.Pool2dSpec;

/**
 * Naive float64 references for the kernels, written independently of the CPU device (direct
 * loops, no im2col, no packing), for the conformance suites on every device.
 */
public final class Reference {
    private Reference() {
    }

    public static double[] d(float[] a) {
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[i];
        }
        return r;
    }

    /** C = A·B for row-major A [m,k], B [k,n]. */
    public static double[] matmul(float[] a, float[] b, int m, int k, int n) {
        double[] c = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += (double) a[i * k + p] * b[p * n + j];
                }
                c[i * n + j] = s;
            }
        }
        return c;
    }

    /** Source index of a padded position, -1 for zero (independent of the device's pad kernel). */
    static int src(PaddingMode mode, int i, int n) {
        if (i >= 0 && i < n) {
            return i;
        }
        switch (mode) {
            case ZEROS:
                return -1;
            case CIRCULAR:
                return ((i % n) + n) % n;
            default:
                int j = i;
                while (j < 0 || j >= n) {
                    j = j < 0 ? -j : 2 * (n - 1) - j;
                }
                return j;
        }
    }

    /** Convolution with any padding mode: x [n,c,h,w], w [co, c/g, kh, kw]. */
    public static double[] conv2d(float[] x, int[] xs, float[] w, int[] ws, float[] bias, Conv2dSpec s) {
        int n = xs[0], c = xs[1], h = xs[2], wd = xs[3];
        int co = ws[0], kh = ws[2], kw = ws[3];
        int g = s.groups(), cig = c / g, cog = co / g;
        int oh = Conv2dSpec.convOut(h, kh, s.strideH(), s.padH(), s.dilationH());
        int ow = Conv2dSpec.convOut(wd, kw, s.strideW(), s.padW(), s.dilationW());
        double[] y = new double[n * co * oh * ow];
        for (int b = 0; b < n; b++) {
            for (int o = 0; o < co; o++) {
                int gi = o / cog;
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        double acc = bias == null ? 0 : bias[o];
                        for (int ci = 0; ci < cig; ci++) {
                            for (int ky = 0; ky < kh; ky++) {
                                int iy = src(s.padding(), oy * s.strideH() - s.padH() + ky * s.dilationH(), h);
                                if (iy < 0) {
                                    continue;
                                }
                                for (int kx = 0; kx < kw; kx++) {
                                    int ix = src(s.padding(), ox * s.strideW() - s.padW() + kx * s.dilationW(), wd);
                                    if (ix < 0) {
                                        continue;
                                    }
                                    acc += (double) x[((b * c + gi * cig + ci) * h + iy) * wd + ix]
                                            * w[((o * cig + ci) * kh + ky) * kw + kx];
                                }
                            }
                        }
                        y[((b * co + o) * oh + oy) * ow + ox] = acc;
                    }
                }
            }
        }
        return y;
    }

    /** Transposed convolution by scattering each input pixel; circular padding wraps the output. */
    public static double[] convTranspose2d(float[] x, int[] xs, float[] w, int[] ws, float[] bias, Conv2dSpec s) {
        int n = xs[0], ci = xs[1], h = xs[2], wd = xs[3];
        int g = s.groups(), cog = ws[1], cig = ci / g, co = cog * g, kh = ws[2], kw = ws[3];
        int oh = Conv2dSpec.transposedOut(h, kh, s.strideH(), s.padH(), s.dilationH(), s.outPadH());
        int ow = Conv2dSpec.transposedOut(wd, kw, s.strideW(), s.padW(), s.dilationW(), s.outPadW());
        boolean wrap = s.padding() == PaddingMode.CIRCULAR;
        double[] y = new double[n * co * oh * ow];
        for (int b = 0; b < n; b++) {
            for (int c = 0; c < ci; c++) {
                int gi = c / cig;
                for (int iy = 0; iy < h; iy++) {
                    for (int ix = 0; ix < wd; ix++) {
                        double v = x[((b * ci + c) * h + iy) * wd + ix];
                        for (int o = 0; o < cog; o++) {
                            for (int ky = 0; ky < kh; ky++) {
                                int oy = iy * s.strideH() - s.padH() + ky * s.dilationH();
                                oy = wrap ? Math.floorMod(oy, oh) : oy;
                                if (oy < 0 || oy >= oh) {
                                    continue;
                                }
                                for (int kx = 0; kx < kw; kx++) {
                                    int ox = ix * s.strideW() - s.padW() + kx * s.dilationW();
                                    ox = wrap ? Math.floorMod(ox, ow) : ox;
                                    if (ox < 0 || ox >= ow) {
                                        continue;
                                    }
                                    y[((b * co + gi * cog + o) * oh + oy) * ow + ox] +=
                                            v * w[((c * cog + o) * kh + ky) * kw + kx];
                                }
                            }
                        }
                    }
                }
            }
        }
        if (bias != null) {
            for (int i = 0; i < y.length; i++) {
                y[i] += bias[(i / (oh * ow)) % co];
            }
        }
        return y;
    }

    public static double[] pad2d(float[] x, int[] xs, int top, int bottom, int left, int right, PaddingMode m) {
        int planes = xs[0] * xs[1], h = xs[2], w = xs[3];
        int oh = h + top + bottom, ow = w + left + right;
        double[] y = new double[planes * oh * ow];
        for (int p = 0; p < planes; p++) {
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    int iy = src(m, oy - top, h);
                    int ix = src(m, ox - left, w);
                    y[(p * oh + oy) * ow + ox] = iy < 0 || ix < 0 ? 0 : x[(p * h + iy) * w + ix];
                }
            }
        }
        return y;
    }

    public static double[] pool(boolean max, float[] x, int[] xs, Pool2dSpec s) {
        int planes = xs[0] * xs[1], h = xs[2], w = xs[3];
        int oh = s.outH(h), ow = s.outW(w);
        double[] y = new double[planes * oh * ow];
        for (int p = 0; p < planes; p++) {
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    double acc = max ? Double.NEGATIVE_INFINITY : 0;
                    for (int ky = 0; ky < s.kernelH(); ky++) {
                        for (int kx = 0; kx < s.kernelW(); kx++) {
                            int iy = oy * s.strideH() - s.padH() + ky;
                            int ix = ox * s.strideW() - s.padW() + kx;
                            if (iy < 0 || iy >= h || ix < 0 || ix >= w) {
                                continue;
                            }
                            double v = x[(p * h + iy) * w + ix];
                            acc = max ? Math.max(acc, v) : acc + v;
                        }
                    }
                    y[(p * oh + oy) * ow + ox] = max ? acc : acc / (s.kernelH() * s.kernelW());
                }
            }
        }
        return y;
    }

    /** PyTorch's nearest and bilinear (align_corners=False) resize, or bilinear wrapping at edges. */
    public static double[] upsample(float[] x, int[] xs, int oh, int ow, boolean bilinear, boolean wrap) {
        int planes = xs[0] * xs[1], h = xs[2], w = xs[3];
        double[] y = new double[planes * oh * ow];
        for (int p = 0; p < planes; p++) {
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    double v;
                    if (!bilinear) {
                        int iy = Math.min((int) Math.floor(oy * (double) h / oh), h - 1);
                        int ix = Math.min((int) Math.floor(ox * (double) w / ow), w - 1);
                        v = x[(p * h + iy) * w + ix];
                    } else {
                        double sy = (oy + 0.5) * h / oh - 0.5;
                        double sx = (ox + 0.5) * w / ow - 0.5;
                        v = 0;
                        for (int dy = 0; dy < 2; dy++) {
                            for (int dx = 0; dx < 2; dx++) {
                                double cy = wrap ? sy : Math.max(sy, 0);
                                double cx = wrap ? sx : Math.max(sx, 0);
                                int y0 = (int) Math.floor(cy);
                                int x0 = (int) Math.floor(cx);
                                double fy = cy - y0;
                                double fx = cx - x0;
                                int yy = wrap ? Math.floorMod(y0 + dy, h) : Math.min(y0 + dy, h - 1);
                                int xx = wrap ? Math.floorMod(x0 + dx, w) : Math.min(x0 + dx, w - 1);
                                double wt = (dy == 0 ? 1 - fy : fy) * (dx == 0 ? 1 - fx : fx);
                                v += wt * x[(p * h + yy) * w + xx];
                            }
                        }
                    }
                    y[(p * oh + oy) * ow + ox] = v;
                }
            }
        }
        return y;
    }

    /** Softmax (or log-softmax) over the last axis of [rows, n]. */
    public static double[] softmax(float[] x, int rows, int n, boolean log) {
        double[] y = new double[x.length];
        for (int r = 0; r < rows; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                max = Math.max(max, x[r * n + j]);
            }
            double sum = 0;
            for (int j = 0; j < n; j++) {
                sum += Math.exp(x[r * n + j] - max);
            }
            for (int j = 0; j < n; j++) {
                double lv = x[r * n + j] - max - Math.log(sum);
                y[r * n + j] = log ? lv : Math.exp(lv);
            }
        }
        return y;
    }

    /** Standardize x seen as [a, b, c] per b over a and c (biased variance). */
    public static double[] standardize(float[] x, int a, int b, int c, double eps) {
        double[] y = new double[x.length];
        for (int j = 0; j < b; j++) {
            double s = 0;
            for (int i = 0; i < a; i++) {
                for (int k = 0; k < c; k++) {
                    s += x[(i * b + j) * c + k];
                }
            }
            double mu = s / (a * c);
            double v = 0;
            for (int i = 0; i < a; i++) {
                for (int k = 0; k < c; k++) {
                    double dd = x[(i * b + j) * c + k] - mu;
                    v += dd * dd;
                }
            }
            double rs = 1 / Math.sqrt(v / (a * c) + eps);
            for (int i = 0; i < a; i++) {
                for (int k = 0; k < c; k++) {
                    y[(i * b + j) * c + k] = (x[(i * b + j) * c + k] - mu) * rs;
                }
            }
        }
        return y;
    }
}
