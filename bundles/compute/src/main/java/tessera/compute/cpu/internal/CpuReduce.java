package tessera.compute.cpu.internal;

import static tessera.compute.cpu.internal.CpuDevice.array;

import tessera.compute.Tensor;
import tessera.compute.spi.UnaryOp;
import tessera.compute.spi.ReduceOp;

/** Reductions, softmax and normalization: per-slice loops with double accumulators. */
final class CpuReduce {
    private final Parallel parallel;

    CpuReduce(Parallel parallel) {
        this.parallel = parallel;
    }

    void reduce(ReduceOp op, Tensor x, Tensor out) {
        int rank = x.rank();
        int[] xd = x.dims();
        int[] xs = x.strides();
        int[] od = out.dims();
        int nk = 0;
        int nr = 0;
        int[] keptDim = new int[rank];
        int[] keptStride = new int[rank];
        int[] redDim = new int[rank];
        int[] redStride = new int[rank];
        for (int i = 0; i < rank; i++) {
            if (od[i] == 1 && xd[i] != 1) {
                redDim[nr] = xd[i];
                redStride[nr++] = xs[i];
            } else {
                keptDim[nk] = xd[i];
                keptStride[nk++] = xs[i];
            }
        }
        float[] xa = array(x.buffer());
        float[] o = array(out.buffer());
        int oo = out.offset();
        int xo = x.offset();
        int total = out.numel();
        int kept = nk;
        int red = nr;
        long perOut = Math.max(1, x.numel() / Math.max(1, total));
        parallel.forRange(total, (int) Math.max(1, CpuElementwise.GRAIN / perOut), (lo, hi) -> {
            int[] idx = new int[Math.max(red, 1)];
            for (int e = lo; e < hi; e++) {
                int base = xo;
                int rem = e;
                for (int a = kept - 1; a >= 0; a--) {
                    base += (rem % keptDim[a]) * keptStride[a];
                    rem /= keptDim[a];
                }
                o[oo + e] = reduceSlice(op, xa, base, redDim, redStride, red, idx);
            }
        });
    }

    private static float reduceSlice(ReduceOp op, float[] x, int base, int[] dim, int[] stride, int r, int[] idx) {
        java.util.Arrays.fill(idx, 0);
        double acc = op == ReduceOp.SUM ? 0 : op == ReduceOp.MAX ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        int p = base;
        int inner = r == 0 ? 1 : dim[r - 1];
        int is = r == 0 ? 0 : stride[r - 1];
        while (true) {
            for (int j = 0, q = p; j < inner; j++, q += is) {
                float v = x[q];
                acc = switch (op) {
                    case SUM -> acc + v;
                    case MAX -> v > acc || Float.isNaN(v) ? v : acc;
                    case MIN -> v < acc || Float.isNaN(v) ? v : acc;
                };
            }
            int a = r - 2;
            while (a >= 0) {
                if (++idx[a] < dim[a]) {
                    p += stride[a];
                    break;
                }
                idx[a] = 0;
                p -= (dim[a] - 1) * stride[a];
                a--;
            }
            if (a < 0) {
                return (float) acc;
            }
        }
    }

    void softmax(Tensor x, int axis, boolean log, Tensor out) {
        float[] xa = array(x.buffer());
        float[] o = array(out.buffer());
        int[] d = x.dims();
        int outer = prod(d, 0, axis);
        int n = d[axis];
        int inner = prod(d, axis + 1, d.length);
        int xo = x.offset();
        int oo = out.offset();
        parallel.forRange(outer * inner, Math.max(1, CpuElementwise.GRAIN / Math.max(1, n)), (lo, hi) -> {
            for (int s = lo; s < hi; s++) {
                int base = (s / inner) * n * inner + s % inner;
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < n; j++) {
                    max = Math.max(max, xa[xo + base + j * inner]);
                }
                double sum = 0;
                for (int j = 0; j < n; j++) {
                    sum += Math.exp(xa[xo + base + j * inner] - max);
                }
                double lse = max + Math.log(sum);
                for (int j = 0; j < n; j++) {
                    double v = xa[xo + base + j * inner] - lse;
                    o[oo + base + j * inner] = (float) (log ? v : Math.exp(v));
                }
            }
        });
    }

    void softmaxBackward(Tensor y, Tensor gy, int axis, boolean log, Tensor gx) {
        float[] ya = array(y.buffer());
        float[] g = array(gy.buffer());
        float[] o = array(gx.buffer());
        int[] d = y.dims();
        int outer = prod(d, 0, axis);
        int n = d[axis];
        int inner = prod(d, axis + 1, d.length);
        int yo = y.offset();
        int go = gy.offset();
        int oo = gx.offset();
        parallel.forRange(outer * inner, Math.max(1, CpuElementwise.GRAIN / Math.max(1, n)), (lo, hi) -> {
            for (int s = lo; s < hi; s++) {
                int base = (s / inner) * n * inner + s % inner;
                double dot = 0;
                for (int j = 0; j < n; j++) {
                    int k = base + j * inner;
                    dot += log ? g[go + k] : (double) g[go + k] * ya[yo + k];
                }
                for (int j = 0; j < n; j++) {
                    int k = base + j * inner;
                    o[oo + k] = log ? (float) (g[go + k] - Math.exp(ya[yo + k]) * dot)
                            : (float) (ya[yo + k] * (g[go + k] - dot));
                }
            }
        });
    }

    void normalize(Tensor x, int a, int b, int c, float eps, Tensor xhat, Tensor mean, Tensor rstd) {
        float[] xa = array(x.buffer());
        float[] h = array(xhat.buffer());
        float[] m = array(mean.buffer());
        float[] r = array(rstd.buffer());
        int xo = x.offset();
        int ho = xhat.offset();
        int mo = mean.offset();
        int ro = rstd.offset();
        double count = (double) a * c;
        parallel.forRange(b, Math.max(1, CpuElementwise.GRAIN / Math.max(1, a * c)), (lo, hi) -> {
            for (int j = lo; j < hi; j++) {
                double sum = 0;
                for (int i = 0; i < a; i++) {
                    sum += sum(xa, xo + (i * b + j) * c, c);
                }
                double mu = sum / count;
                double sq = 0;
                for (int i = 0; i < a; i++) {
                    sq += squaredDeviations(xa, xo + (i * b + j) * c, c, mu);
                }
                double rs = 1.0 / Math.sqrt(sq / count + eps);
                m[mo + j] = (float) mu;
                r[ro + j] = (float) rs;
                for (int i = 0; i < a; i++) {
                    int base = (i * b + j) * c;
                    for (int k = 0; k < c; k++) {
                        h[ho + base + k] = (float) ((xa[xo + base + k] - mu) * rs);
                    }
                }
            }
        });
    }

    /**
     * {@link tessera.compute.spi.Kernels#groupNorm}: per (n, group) two passes for the statistics (as
     * {@link #normalize}: mean, then squared deviations, in double), then one pass that applies the folded
     * per-channel scale and shift, {@code x·(rstd·γ) + (β − mean·rstd·γ)}, and the activation on the row just
     * written while it is in cache. The unfused form made four passes and broadcast two [C] vectors through strided
     * loops: 8 % of a diffusion sampler's time (#4 profile).
     */
    void groupNorm(Tensor x, int groups, float eps, Tensor gamma, Tensor beta, UnaryOp activation, Tensor out, Tensor mean,
            Tensor rstd) {
        float[] xa = array(x.buffer());
        float[] o = array(out.buffer());
        float[] m = array(mean.buffer());
        float[] r = array(rstd.buffer());
        float[] ga = gamma == null ? null : array(gamma.buffer());
        float[] be = beta == null ? null : array(beta.buffer());
        int xo = x.offset(), oo = out.offset(), mo = mean.offset(), ro = rstd.offset();
        int go = gamma == null ? 0 : gamma.offset(), bo = beta == null ? 0 : beta.offset();
        int n = x.dim(0), ch = x.dim(1), s = x.numel() / (n * ch), per = ch / groups;
        int len = per * s;
        TranscendentalKernel fast = activation == null ? null : TranscendentalKernel.BEST;
        parallel.forRange(n * groups, Math.max(1, CpuElementwise.GRAIN / Math.max(1, len)), (lo, hi) -> {
            for (int j = lo; j < hi; j++) {
                int base = j * len;
                double mu = sum(xa, xo + base, len) / len;
                double rs = 1.0 / Math.sqrt(squaredDeviations(xa, xo + base, len, mu) / len + eps);
                m[mo + j] = (float) mu;
                r[ro + j] = (float) rs;
                int c0 = (j % groups) * per;
                for (int cc = 0; cc < per; cc++) {
                    int c = c0 + cc;
                    float scale = (float) (rs * (ga == null ? 1 : ga[go + c]));
                    float shift = (float) ((be == null ? 0 : be[bo + c]) - mu * scale);
                    scaleShift(xa, xo + base + cc * s, o, oo + base + cc * s, s, scale, shift, activation, fast);
                }
            }
        });
    }

    /** {@link tessera.compute.spi.Kernels#channelAffine}: one pass per channel row, activation while in cache. */
    void channelAffine(Tensor x, Tensor scale, Tensor shift, UnaryOp activation, Tensor out) {
        float[] xa = array(x.buffer());
        float[] o = array(out.buffer());
        float[] sc = array(scale.buffer());
        float[] sh = array(shift.buffer());
        int xo = x.offset(), oo = out.offset(), so = scale.offset(), ho = shift.offset();
        int n = x.dim(0), ch = x.dim(1), s = x.numel() / (n * ch);
        TranscendentalKernel fast = activation == null ? null : TranscendentalKernel.BEST;
        parallel.forRange(n * ch, Math.max(1, CpuElementwise.GRAIN / Math.max(1, s)), (lo, hi) -> {
            for (int row = lo; row < hi; row++) {
                int c = row % ch;
                scaleShift(xa, xo + row * s, o, oo + row * s, s, sc[so + c], sh[ho + c], activation, fast);
            }
        });
    }

    /** o[q..q+n) = act(x[p..p+n)·scale + shift); o may be x at the same place. */
    private static void scaleShift(float[] x, int p, float[] o, int q, int n, float scale, float shift, UnaryOp activation,
            TranscendentalKernel fast) {
        if (activation == UnaryOp.RELU) {
            for (int k = 0; k < n; k++) {
                o[q + k] = Math.max(0f, x[p + k] * scale + shift);
            }
            return;
        }
        for (int k = 0; k < n; k++) {
            o[q + k] = x[p + k] * scale + shift;
        }
        if (activation != null && (fast == null || !fast.apply(activation, o, q, o, q, n))) {
            for (int k = 0; k < n; k++) {
                o[q + k] = ScalarMath.apply(activation, 0f, o[q + k]);
            }
        }
    }

    /** Σ a[p..p+n) in double; four accumulators so the adds overlap instead of waiting on one another. */
    private static double sum(float[] a, int p, int n) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int k = 0;
        for (; k + 4 <= n; k += 4) {
            s0 += a[p + k];
            s1 += a[p + k + 1];
            s2 += a[p + k + 2];
            s3 += a[p + k + 3];
        }
        for (; k < n; k++) {
            s0 += a[p + k];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Σ (a − mu)² over a[p..p+n) in double, as {@link #sum}. */
    private static double squaredDeviations(float[] a, int p, int n, double mu) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int k = 0;
        for (; k + 4 <= n; k += 4) {
            double d0 = a[p + k] - mu, d1 = a[p + k + 1] - mu, d2 = a[p + k + 2] - mu, d3 = a[p + k + 3] - mu;
            s0 += d0 * d0;
            s1 += d1 * d1;
            s2 += d2 * d2;
            s3 += d3 * d3;
        }
        for (; k < n; k++) {
            double d = a[p + k] - mu;
            s0 += d * d;
        }
        return (s0 + s1) + (s2 + s3);
    }

    void normalizeBackward(Tensor xhat, Tensor rstd, Tensor gxhat, int a, int b, int c, Tensor gx) {
        float[] h = array(xhat.buffer());
        float[] r = array(rstd.buffer());
        float[] g = array(gxhat.buffer());
        float[] o = array(gx.buffer());
        int ho = xhat.offset();
        int ro = rstd.offset();
        int go = gxhat.offset();
        int oo = gx.offset();
        double count = (double) a * c;
        parallel.forRange(b, Math.max(1, CpuElementwise.GRAIN / Math.max(1, a * c)), (lo, hi) -> {
            for (int j = lo; j < hi; j++) {
                double s1 = 0;
                double s2 = 0;
                for (int i = 0; i < a; i++) {
                    int base = (i * b + j) * c;
                    for (int k = 0; k < c; k++) {
                        s1 += g[go + base + k];
                        s2 += (double) g[go + base + k] * h[ho + base + k];
                    }
                }
                double m1 = s1 / count;
                double m2 = s2 / count;
                double rs = r[ro + j];
                for (int i = 0; i < a; i++) {
                    int base = (i * b + j) * c;
                    for (int k = 0; k < c; k++) {
                        o[oo + base + k] = (float) (rs * (g[go + base + k] - m1 - h[ho + base + k] * m2));
                    }
                }
            }
        });
    }

    static int prod(int[] d, int from, int to) {
        int p = 1;
        for (int i = from; i < to; i++) {
            p *= d[i];
        }
        return p;
    }
}
