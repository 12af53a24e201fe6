package tessera.compute.cpu.internal;

/**
 * A GEMM operand that copies blocks of itself into the packed layout of the micro-kernel, so the
 * GEMM never needs the operand as a dense matrix (convolution packs straight from the image).
 */
interface PackSource {
    /**
     * As the left operand (M×K): rows [m0, m0+mc) and columns [k0, k0+kc) into MR-row strips,
     * {@code dst[dstOffset + s*MR*kc + p*MR + r]}, rows past mc zero.
     */
    void packA(float[] dst, int dstOffset, int m0, int mc, int k0, int kc, int mr);

    /**
     * As the right operand (K×N): rows [k0, k0+kc) and columns [n0, n0+nc) into NR-column strips,
     * {@code dst[dstOffset + s*NR*kc + p*NR + j]}, columns past nc zero.
     */
    void packB(float[] dst, int dstOffset, int k0, int kc, int n0, int nc, int nr);
}
