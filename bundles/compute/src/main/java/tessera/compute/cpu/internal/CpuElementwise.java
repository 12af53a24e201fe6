package tessera.compute.cpu.internal;

import static tessera.compute.cpu.internal.CpuDevice.array;

import tessera.compute.Tensor;
import tessera.compute.spi.AdamStep;
import tessera.compute.spi.BinaryOp;
import tessera.compute.spi.CounterRng;
import tessera.compute.spi.Distribution;
import tessera.compute.spi.UnaryOp;

/** Fill, copy, random, unary, binary and optimizer kernels on strided host arrays. */
final class CpuElementwise {
    /** Elements below which an elementwise kernel stays on one thread. */
    static final int GRAIN = 1 << 15;

    private final Parallel parallel;

    CpuElementwise(Parallel parallel) {
        this.parallel = parallel;
    }

    private void rows(Strided s, Strided.RowBody body) {
        int minRows = Math.max(1, GRAIN / Math.max(1, s.inner()));
        parallel.forRange(s.rows, minRows, (lo, hi) -> s.forRows(lo, hi, body));
    }

    void fill(Tensor out, float v) {
        float[] o = array(out.buffer());
        Strided s = Strided.of(out);
        int n = s.inner();
        int so = s.innerStride(0);
        rows(s, b -> {
            for (int j = 0, p = b[0]; j < n; j++, p += so) {
                o[p] = v;
            }
        });
    }

    void copy(Tensor src, Tensor dst) {
        float[] x = array(src.buffer());
        float[] o = array(dst.buffer());
        Strided s = Strided.of(src, dst);
        int n = s.inner();
        int sx = s.innerStride(0);
        int so = s.innerStride(1);
        rows(s, b -> {
            if (sx == 1 && so == 1) {
                System.arraycopy(x, b[0], o, b[1], n);
            } else {
                for (int j = 0, p = b[0], q = b[1]; j < n; j++, p += sx, q += so) {
                    o[q] = x[p];
                }
            }
        });
    }

    void random(Tensor out, Distribution d, long seed, float a, float b) {
        float[] o = array(out.buffer());
        int off = out.offset();
        parallel.forRange(out.numel(), GRAIN / 4, (lo, hi) -> {
            for (int i = lo; i < hi; i++) {
                o[off + i] = d == Distribution.UNIFORM ? a + (b - a) * CounterRng.uniform(seed, i)
                        : a + b * CounterRng.normal(seed, i);
            }
        });
    }

    void unary(UnaryOp op, float alpha, Tensor x, Tensor out) {
        float[] xa = array(x.buffer());
        float[] o = array(out.buffer());
        Strided s = Strided.of(x, out);
        int n = s.inner();
        int sx = s.innerStride(0);
        int so = s.innerStride(1);
        rows(s, b -> {
            int p = b[0];
            int q = b[1];
            switch (op) {
                case RELU -> {
                    for (int j = 0; j < n; j++, p += sx, q += so) {
                        float v = xa[p];
                        o[q] = v > 0 ? v : 0f;
                    }
                }
                case SCALE -> {
                    for (int j = 0; j < n; j++, p += sx, q += so) {
                        o[q] = alpha * xa[p];
                    }
                }
                default -> {
                    TranscendentalKernel fast = TranscendentalKernel.BEST;
                    if (fast != null && sx == 1 && so == 1 && fast.apply(op, xa, p, o, q, n)) {
                        return;
                    }
                    for (int j = 0; j < n; j++, p += sx, q += so) {
                        o[q] = ScalarMath.apply(op, alpha, xa[p]);
                    }
                }
            }
        });
    }

    void unaryBackward(UnaryOp op, float alpha, Tensor x, Tensor gy, Tensor gx) {
        float[] xa = array(x.buffer());
        float[] g = array(gy.buffer());
        float[] o = array(gx.buffer());
        int xo = x.offset();
        int go = gy.offset();
        int oo = gx.offset();
        parallel.forRange(gx.numel(), GRAIN, (lo, hi) -> {
            for (int i = lo; i < hi; i++) {
                o[oo + i] = g[go + i] * ScalarMath.derivative(op, alpha, xa[xo + i]);
            }
        });
    }

    void binary(BinaryOp op, Tensor a, Tensor b, Tensor out) {
        float[] x = array(a.buffer());
        float[] y = array(b.buffer());
        float[] o = array(out.buffer());
        Strided s = Strided.of(a, b, out);
        int n = s.inner();
        int sa = s.innerStride(0);
        int sb = s.innerStride(1);
        int so = s.innerStride(2);
        rows(s, r -> {
            int p = r[0];
            int q = r[1];
            int w = r[2];
            switch (op) {
                case ADD -> {
                    for (int j = 0; j < n; j++, p += sa, q += sb, w += so) {
                        o[w] = x[p] + y[q];
                    }
                }
                case MUL -> {
                    for (int j = 0; j < n; j++, p += sa, q += sb, w += so) {
                        o[w] = x[p] * y[q];
                    }
                }
                case SUB -> {
                    for (int j = 0; j < n; j++, p += sa, q += sb, w += so) {
                        o[w] = x[p] - y[q];
                    }
                }
                default -> {
                    for (int j = 0; j < n; j++, p += sa, q += sb, w += so) {
                        o[w] = ScalarMath.apply(op, x[p], y[q]);
                    }
                }
            }
        });
    }

    void axpby(float alpha, Tensor x, float beta, Tensor y) {
        float[] xa = array(x.buffer());
        float[] ya = array(y.buffer());
        int xo = x.offset();
        int yo = y.offset();
        parallel.forRange(y.numel(), GRAIN, (lo, hi) -> {
            for (int i = lo; i < hi; i++) {
                ya[yo + i] = alpha * xa[xo + i] + beta * ya[yo + i];
            }
        });
    }

    void adam(Tensor p, Tensor g, Tensor m, Tensor v, AdamStep h) {
        float[] pa = array(p.buffer());
        float[] ga = array(g.buffer());
        float[] ma = array(m.buffer());
        float[] va = array(v.buffer());
        int po = p.offset();
        int go = g.offset();
        int mo = m.offset();
        int vo = v.offset();
        double bc1 = 1 - Math.pow(h.beta1(), h.step());
        double bc2 = 1 - Math.pow(h.beta2(), h.step());
        float b1 = h.beta1();
        float b2 = h.beta2();
        float lr = h.lr();
        float wd = h.weightDecay();
        float stepSize = (float) (lr / bc1);
        float sqrtBc2 = (float) Math.sqrt(bc2);
        parallel.forRange(p.numel(), GRAIN, (lo, hi) -> {
            for (int i = lo; i < hi; i++) {
                float w = pa[po + i];
                float gr = ga[go + i];
                if (h.decoupled()) {
                    w -= lr * wd * w;
                } else {
                    gr += wd * w;
                }
                float mi = b1 * ma[mo + i] + (1 - b1) * gr;
                float vi = b2 * va[vo + i] + (1 - b2) * gr * gr;
                ma[mo + i] = mi;
                va[vo + i] = vi;
                pa[po + i] = w - stepSize * mi / ((float) Math.sqrt(vi) / sqrtBc2 + h.eps());
            }
        });
    }

    void gatherRows(Tensor table, int[] rows, Tensor out) {
        float[] t = array(table.buffer());
        float[] o = array(out.buffer());
        int d = table.dim(1);
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(t, table.offset() + rows[i] * d, o, out.offset() + i * d, d);
        }
    }

    void scatterAddRows(Tensor g, int[] rows, Tensor gtable) {
        float[] ga = array(g.buffer());
        float[] o = array(gtable.buffer());
        int d = gtable.dim(1);
        for (int i = 0; i < rows.length; i++) {
            int src = g.offset() + i * d;
            int dst = gtable.offset() + rows[i] * d;
            for (int j = 0; j < d; j++) {
                o[dst + j] += ga[src + j];
            }
        }
    }
}
