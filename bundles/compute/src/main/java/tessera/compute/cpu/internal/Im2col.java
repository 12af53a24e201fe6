package tessera.compute.cpu.internal;

import java.util.Arrays;

/**
 * The im2col matrix of one sample and one channel group, never stored whole: row
 * k = (c, ky, kx) of {@code C/g·kH·kW}, column p = (oy, ox) of {@code OH·OW}, value
 * {@code x[c, oy·sh - ph + ky·dh, ox·sw - pw + kx·dw]} or 0 in the padding. Convolution packs GEMM
 * panels straight from the image (implicit GEMM); the backward passes use it in column chunks.
 */
final class Im2col implements PackSource {
    private final float[] x;
    private final int base;
    private final int h;
    private final int w;
    private final int kh;
    private final int kw;
    private final int sh;
    private final int sw;
    private final int ph;
    private final int pw;
    private final int dh;
    private final int dw;
    private final int ow;

    /**
     * @param base offset of channel 0 of this sample's group in x
     */
    Im2col(float[] x, int base, int h, int w, int kh, int kw, int sh, int sw, int ph, int pw, int dh, int dw,
            int ow) {
        this.x = x;
        this.base = base;
        this.h = h;
        this.w = w;
        this.kh = kh;
        this.kw = kw;
        this.sh = sh;
        this.sw = sw;
        this.ph = ph;
        this.pw = pw;
        this.dh = dh;
        this.dw = dw;
        this.ow = ow;
    }

    @Override
    public void packA(float[] dst, int m0, int mc, int k0, int kc, int mr) {
        throw new UnsupportedOperationException("im2col is only a right-hand operand");
    }

    @Override
    public void packB(float[] dst, int k0, int kc, int n0, int nc, int nr) {
        int[] iy0 = new int[nr];
        int[] ix0 = new int[nr];
        int d = 0;
        for (int s = 0; s < nc; s += nr) {
            int cols = Math.min(nr, nc - s);
            int p0 = n0 + s;
            for (int j = 0; j < cols; j++) {
                int p = p0 + j;
                iy0[j] = (p / ow) * sh - ph;
                ix0[j] = (p % ow) * sw - pw;
            }
            boolean oneRow = cols == nr && sw == 1 && iy0[0] == iy0[cols - 1];
            for (int k = k0; k < k0 + kc; k++, d += nr) {
                int kx = k % kw;
                int ky = (k / kw) % kh;
                int c = k / (kw * kh);
                int chan = base + c * h * w;
                int dy = ky * dh;
                int dx = kx * dw;
                if (oneRow) {
                    int iy = iy0[0] + dy;
                    int ix = ix0[0] + dx;
                    if (iy < 0 || iy >= h) {
                        Arrays.fill(dst, d, d + nr, 0f);
                        continue;
                    }
                    if (ix >= 0 && ix + nr <= w) {
                        System.arraycopy(x, chan + iy * w + ix, dst, d, nr);
                        continue;
                    }
                }
                for (int j = 0; j < cols; j++) {
                    int iy = iy0[j] + dy;
                    int ix = ix0[j] + dx;
                    dst[d + j] = iy >= 0 && iy < h && ix >= 0 && ix < w ? x[chan + iy * w + ix] : 0f;
                }
                if (cols < nr) {
                    Arrays.fill(dst, d + cols, d + nr, 0f);
                }
            }
        }
    }

    /** col[k·pc + j] = im2col[k, p0 + j] for all k of {@code rows}, j &lt; pc. */
    void fill(float[] col, int rows, int p0, int pc) {
        for (int k = 0; k < rows; k++) {
            int kx = k % kw;
            int ky = (k / kw) % kh;
            int chan = base + (k / (kw * kh)) * h * w;
            int o = k * pc;
            for (int j = 0; j < pc; j++) {
                int p = p0 + j;
                int iy = (p / ow) * sh - ph + ky * dh;
                int ix = (p % ow) * sw - pw + kx * dw;
                col[o + j] = iy >= 0 && iy < h && ix >= 0 && ix < w ? x[chan + iy * w + ix] : 0f;
            }
        }
    }

    /** The adjoint of {@link #fill}: image[c, iy, ix] += col[k·pc + j] over the same index map. */
    void scatterAdd(float[] col, int rows, int p0, int pc) {
        for (int k = 0; k < rows; k++) {
            int kx = k % kw;
            int ky = (k / kw) % kh;
            int chan = base + (k / (kw * kh)) * h * w;
            int o = k * pc;
            for (int j = 0; j < pc; j++) {
                int p = p0 + j;
                int iy = (p / ow) * sh - ph + ky * dh;
                int ix = (p % ow) * sw - pw + kx * dw;
                if (iy >= 0 && iy < h && ix >= 0 && ix < w) {
                    x[chan + iy * w + ix] += col[o + j];
                }
            }
        }
    }
}
