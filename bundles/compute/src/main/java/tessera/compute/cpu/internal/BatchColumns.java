package tessera.compute.cpu.internal;

import java.util.Arrays;

/**
 * The columns of a whole batch as one K×N matrix, never stored: element (k, j) of column
 * j = first + n·P + p (sample n, pixel p) at {@code data[base + n·sampleStride + k·P + p]}. The
 * transposed convolution multiplies Wᵀ by it in one GEMM over the batch (#4) instead of one narrow
 * GEMM per sample. Only a right-hand operand.
 */
final class BatchColumns implements PackSource {
    private final float[] data;
    private final int base;
    private final int sampleStride;
    private final int pixels;
    private final int first;

    /**
     * @param base offset of row 0, sample 0, pixel 0
     * @param sampleStride floats from one sample to the next
     * @param pixels P, columns per sample (rows of one sample are P apart)
     * @param first the batch column that is this matrix's column 0
     */
    BatchColumns(float[] data, int base, int sampleStride, int pixels, int first) {
        this.data = data;
        this.base = base;
        this.sampleStride = sampleStride;
        this.pixels = pixels;
        this.first = first;
    }

    @Override
    public void packA(float[] dst, int dstOffset, int m0, int mc, int k0, int kc, int mr) {
        throw new UnsupportedOperationException("batch columns are only a right-hand operand");
    }

    @Override
    public void packB(float[] dst, int dstOffset, int k0, int kc, int n0, int nc, int nr) {
        int[] off = new int[nr];
        int d = dstOffset;
        for (int s = 0; s < nc; s += nr) {
            int cols = Math.min(nr, nc - s);
            int j0 = first + n0 + s;
            int sample0 = j0 / pixels;
            // a strip inside one sample is a contiguous row segment
            boolean contiguous = (j0 + cols - 1) / pixels == sample0;
            int start = base + sample0 * sampleStride + (j0 - sample0 * pixels);
            if (!contiguous) {
                for (int j = 0; j < cols; j++) {
                    int jj = j0 + j;
                    int n = jj / pixels;
                    off[j] = base + n * sampleStride + (jj - n * pixels);
                }
            }
            for (int k = k0; k < k0 + kc; k++, d += nr) {
                int row = k * pixels;
                if (contiguous) {
                    System.arraycopy(data, start + row, dst, d, cols);
                } else {
                    for (int j = 0; j < cols; j++) {
                        dst[d + j] = data[off[j] + row];
                    }
                }
                if (cols < nr) {
                    Arrays.fill(dst, d + cols, d + nr, 0f);
                }
            }
        }
    }
}
