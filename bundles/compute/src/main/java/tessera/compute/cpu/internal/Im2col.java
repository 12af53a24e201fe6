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
    public void packA(float[] dst, int dstOffset, int m0, int mc, int k0, int kc, int mr) {
        throw new UnsupportedOperationException("im2col is only a right-hand operand");
    }

    private static final StripCopier COPY = StripCopier.BEST;
    /** Strips packed together: k outermost within a group, so the image is read row by row. */
    private static final int GROUP = 8;

    @Override
    public void packB(float[] dst, int dstOffset, int k0, int kc, int n0, int nc, int nr) {
        int strips = (nc + nr - 1) / nr;
        int[] iy0 = new int[GROUP * nr];
        int[] ix0 = new int[GROUP * nr];
        boolean[] oneRow = new boolean[GROUP];
        for (int g0 = 0; g0 < strips; g0 += GROUP) {
            int gs = Math.min(GROUP, strips - g0);
            for (int s = 0; s < gs; s++) {
                int p0 = n0 + (g0 + s) * nr;
                int cols = Math.min(nr, n0 + nc - p0);
                for (int j = 0; j < nr; j++) {
                    int p = p0 + Math.min(j, cols - 1);
                    iy0[s * nr + j] = (p / ow) * sh - ph;
                    ix0[s * nr + j] = j < cols ? (p % ow) * sw - pw : Integer.MIN_VALUE / 2;
                }
                oneRow[s] = cols == nr && sw == 1 && iy0[s * nr] == iy0[s * nr + nr - 1];
            }
            // walk k = (c, ky, kx) incrementally: a division per element costs more than the copy
            int kx = k0 % kw;
            int ky = (k0 / kw) % kh;
            int chan = base + (k0 / (kw * kh)) * h * w;
            for (int k = 0; k < kc; k++) {
                int dy = ky * dh;
                int dx = kx * dw;
                for (int s = 0; s < gs; s++) {
                    int d = dstOffset + ((g0 + s) * kc + k) * nr;
                    int q = s * nr;
                    if (oneRow[s]) {
                        int iy = iy0[q] + dy;
                        int ix = ix0[q] + dx;
                        if (iy < 0 || iy >= h) {
                            Arrays.fill(dst, d, d + nr, 0f);
                        } else if (ix >= 0 && ix + nr <= w) {
                            COPY.copy(x, chan + iy * w + ix, dst, d, nr);
                        } else {
                            int row = chan + iy * w;
                            for (int j = 0; j < nr; j++) {
                                int xx = ix + j;
                                dst[d + j] = xx >= 0 && xx < w ? x[row + xx] : 0f;
                            }
                        }
                    } else {
                        for (int j = 0; j < nr; j++) {
                            int iy = iy0[q + j] + dy;
                            int ix = ix0[q + j] + dx;
                            dst[d + j] = iy >= 0 && iy < h && ix >= 0 && ix < w ? x[chan + iy * w + ix] : 0f;
                        }
                    }
                }
                if (++kx == kw) {
                    kx = 0;
                    if (++ky == kh) {
                        ky = 0;
                        chan += h * w;
                    }
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
        scatterAdd(col, 0, pc, rows, p0, pc);
    }

    /**
     * image[c, iy, ix] += col[colOffset + k·ld + j] for k &lt; rows, j &lt; pc, column p0 + j: the
     * adjoint of {@link #fill} on a block of a wider column matrix (row stride {@code ld}).
     */
    void scatterAdd(float[] col, int colOffset, int ld, int rows, int p0, int pc) {
        for (int k = 0; k < rows; k++) {
            int kx = k % kw;
            int ky = (k / kw) % kh;
            int chan = base + (k / (kw * kh)) * h * w;
            int o = colOffset + k * ld;
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
