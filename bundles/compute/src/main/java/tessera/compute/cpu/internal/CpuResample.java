package tessera.compute.cpu.internal;

import static tessera.compute.cpu.internal.CpuDevice.array;

import java.util.Arrays;
import tessera.compute.PaddingMode;
import tessera.compute.Pool2dSpec;
import tessera.compute.Tensor;
import tessera.compute.spi.Interpolation;
import tessera.compute.spi.PoolKind;

/** Pooling, upsampling and padding, one NCHW plane per task. */
final class CpuResample {
    private final Parallel parallel;

    CpuResample(Parallel parallel) {
        this.parallel = parallel;
    }

    private void planes(Tensor t, java.util.function.IntConsumer body) {
        int planes = t.dim(0) * t.dim(1);
        int per = t.dim(2) * t.dim(3);
        int chunk = Math.max(1, CpuElementwise.GRAIN / Math.max(1, per));
        parallel.forRange(planes, chunk, (lo, hi) -> {
            for (int i = lo; i < hi; i++) {
                body.accept(i);
            }
        });
    }

    void pool(PoolKind kind, Tensor x, Tensor y, Pool2dSpec s, Tensor gy, Tensor gx) {
        boolean backward = gy != null;
        float[] xa = array(x.buffer());
        float[] out = backward ? array(gx.buffer()) : array(y.buffer());
        float[] ga = backward ? array(gy.buffer()) : null;
        int h = x.dim(2);
        int w = x.dim(3);
        Tensor yShape = backward ? gy : y;
        int oh = yShape.dim(2);
        int ow = yShape.dim(3);
        int xo = x.offset();
        int oo = backward ? gx.offset() : y.offset();
        int go = backward ? gy.offset() : 0;
        float inv = 1f / (s.kernelH() * s.kernelW());
        planes(x, plane -> {
            int xp = xo + plane * h * w;
            if (backward) {
                Arrays.fill(out, oo + plane * h * w, oo + (plane + 1) * h * w, 0f);
            }
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    int y0 = oy * s.strideH() - s.padH();
                    int x0 = ox * s.strideW() - s.padW();
                    int ya = Math.max(0, y0);
                    int yb = Math.min(h, y0 + s.kernelH());
                    int xa0 = Math.max(0, x0);
                    int xb = Math.min(w, x0 + s.kernelW());
                    int outIdx = plane * oh * ow + oy * ow + ox;
                    if (kind == PoolKind.MAX) {
                        float best = Float.NEGATIVE_INFINITY;
                        int arg = -1;
                        for (int iy = ya; iy < yb; iy++) {
                            for (int ix = xa0; ix < xb; ix++) {
                                float v = xa[xp + iy * w + ix];
                                if (v > best || arg < 0 || Float.isNaN(v)) {
                                    best = v;
                                    arg = iy * w + ix;
                                }
                            }
                        }
                        if (backward) {
                            out[oo + plane * h * w + arg] += ga[go + outIdx];
                        } else {
                            out[oo + outIdx] = best;
                        }
                    } else if (backward) {
                        float g = ga[go + outIdx] * inv;
                        for (int iy = ya; iy < yb; iy++) {
                            for (int ix = xa0; ix < xb; ix++) {
                                out[oo + plane * h * w + iy * w + ix] += g;
                            }
                        }
                    } else {
                        double sum = 0;
                        for (int iy = ya; iy < yb; iy++) {
                            for (int ix = xa0; ix < xb; ix++) {
                                sum += xa[xp + iy * w + ix];
                            }
                        }
                        out[oo + outIdx] = (float) (sum * inv);
                    }
                }
            }
        });
    }

    /** Source taps along one axis: index pairs and weights for each output position. */
    private record Taps(int[] i0, int[] i1, float[] w1) {
        static Taps of(Interpolation mode, boolean wrap, int in, int out) {
            int[] a = new int[out];
            int[] b = new int[out];
            float[] f = new float[out];
            for (int o = 0; o < out; o++) {
                Interpolation.Taps t = mode.taps(o, in, out, wrap);
                a[o] = t.first();
                b[o] = t.second();
                f[o] = t.weight();
            }
            return new Taps(a, b, f);
        }
    }

    void upsample(Interpolation mode, boolean wrap, Tensor src, Tensor dst, boolean backward) {
        // forward: src = x (small), dst = out; backward: src = gy (large), dst = gx (small)
        Tensor small = backward ? dst : src;
        Tensor large = backward ? src : dst;
        int h = small.dim(2);
        int w = small.dim(3);
        int oh = large.dim(2);
        int ow = large.dim(3);
        Taps ty = Taps.of(mode, wrap, h, oh);
        Taps tx = Taps.of(mode, wrap, w, ow);
        float[] sa = array(small.buffer());
        float[] la = array(large.buffer());
        int so = small.offset();
        int lo = large.offset();
        planes(small, plane -> {
            int sp = so + plane * h * w;
            int lp = lo + plane * oh * ow;
            if (backward) {
                Arrays.fill(sa, sp, sp + h * w, 0f);
            }
            for (int oy = 0; oy < oh; oy++) {
                int r0 = sp + ty.i0[oy] * w;
                int r1 = sp + ty.i1[oy] * w;
                float fy = ty.w1[oy];
                for (int ox = 0; ox < ow; ox++) {
                    int c0 = tx.i0[ox];
                    int c1 = tx.i1[ox];
                    float fx = tx.w1[ox];
                    float w00 = (1 - fy) * (1 - fx);
                    float w01 = (1 - fy) * fx;
                    float w10 = fy * (1 - fx);
                    float w11 = fy * fx;
                    int l = lp + oy * ow + ox;
                    if (backward) {
                        float g = la[l];
                        sa[r0 + c0] += w00 * g;
                        sa[r0 + c1] += w01 * g;
                        sa[r1 + c0] += w10 * g;
                        sa[r1 + c1] += w11 * g;
                    } else {
                        la[l] = w00 * sa[r0 + c0] + w01 * sa[r0 + c1] + w10 * sa[r1 + c0] + w11 * sa[r1 + c1];
                    }
                }
            }
        });
    }

    void pad(PaddingMode mode, Tensor small, Tensor large, int top, int left, boolean backward) {
        int h = small.dim(2);
        int w = small.dim(3);
        int oh = large.dim(2);
        int ow = large.dim(3);
        int[] rows = new int[oh];
        int[] cols = new int[ow];
        for (int i = 0; i < oh; i++) {
            rows[i] = mode.sourceIndex(i - top, h);
        }
        for (int i = 0; i < ow; i++) {
            cols[i] = mode.sourceIndex(i - left, w);
        }
        float[] sa = array(small.buffer());
        float[] la = array(large.buffer());
        int so = small.offset();
        int lo = large.offset();
        planes(small, plane -> {
            int sp = so + plane * h * w;
            int lp = lo + plane * oh * ow;
            if (backward) {
                Arrays.fill(sa, sp, sp + h * w, 0f);
            }
            for (int oy = 0; oy < oh; oy++) {
                int r = rows[oy];
                for (int ox = 0; ox < ow; ox++) {
                    int c = cols[ox];
                    int l = lp + oy * ow + ox;
                    if (r < 0 || c < 0) {
                        if (!backward) {
                            la[l] = 0f;
                        }
                    } else if (backward) {
                        sa[sp + r * w + c] += la[l];
                    } else {
                        la[l] = sa[sp + r * w + c];
                    }
                }
            }
        });
    }
}
