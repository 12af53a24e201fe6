package tessera.compute.cpu.internal;

import java.util.Arrays;

/** A strided matrix in a float array: element (i, j) at {@code data[offset + i*rs + j*cs]}. */
record DenseMatrix(float[] data, int offset, int rs, int cs) implements PackSource {
    private static final StripCopier COPY = StripCopier.BEST;

    @Override
    public void packA(float[] dst, int dstOffset, int m0, int mc, int k0, int kc, int mr) {
        int d = dstOffset;
        for (int s = 0; s < mc; s += mr) {
            int rows = Math.min(mr, mc - s);
            for (int r = 0; r < rows; r++) {
                int src = offset + (m0 + s + r) * rs + k0 * cs;
                int o = d + r;
                if (cs == 1) {
                    for (int p = 0; p < kc; p++, o += mr) {
                        dst[o] = data[src + p];
                    }
                } else {
                    for (int p = 0; p < kc; p++, o += mr, src += cs) {
                        dst[o] = data[src];
                    }
                }
            }
            for (int r = rows; r < mr; r++) {
                for (int p = 0, o = d + r; p < kc; p++, o += mr) {
                    dst[o] = 0f;
                }
            }
            d += mr * kc;
        }
    }

    @Override
    public void packB(float[] dst, int dstOffset, int k0, int kc, int n0, int nc, int nr) {
        int d = dstOffset;
        for (int s = 0; s < nc; s += nr) {
            int cols = Math.min(nr, nc - s);
            int src = offset + k0 * rs + (n0 + s) * cs;
            for (int p = 0; p < kc; p++, src += rs, d += nr) {
                if (cs == 1) {
                    COPY.copy(data, src, dst, d, cols);
                } else {
                    for (int j = 0, q = src; j < cols; j++, q += cs) {
                        dst[d + j] = data[q];
                    }
                }
                if (cols < nr) {
                    Arrays.fill(dst, d + cols, d + nr, 0f);
                }
            }
        }
    }
}
