package tessera.compute.cpu.internal;

/**
 * The pure-Java micro-kernel for JVMs without {@code jdk.incubator.vector}: a 4×4 register tile
 * applied to each 4-column quarter of a 4×16 tile, so it shares packing with the vector kernel.
 */
final class ScalarMicroKernel implements MicroKernel {
    static final int MR = 4;
    static final int NR = 16;

    @Override
    public int mr() {
        return MR;
    }

    @Override
    public int nr() {
        return NR;
    }

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public void run(int kc, float[] a, int ao, float[] b, int bo, int ldb, float[] c, int co, int ldc, boolean accumulate) {
        for (int q = 0; q < NR; q += 4) {
            quarter(kc, a, ao, b, bo + q, ldb, c, co + q, ldc, accumulate);
        }
    }

    private static void quarter(int kc, float[] a, int ao, float[] b, int bo, int ldb, float[] c, int co, int ldc,
            boolean acc) {
        float c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
        float c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
        for (int p = 0; p < kc; p++) {
            int pa = ao + p * MR;
            int pb = bo + p * ldb;
            float b0 = b[pb], b1 = b[pb + 1], b2 = b[pb + 2], b3 = b[pb + 3];
            float a0 = a[pa], a1 = a[pa + 1], a2 = a[pa + 2], a3 = a[pa + 3];
            c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
            c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
            c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
            c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
        }
        store(c, co, acc, c00, c01, c02, c03);
        store(c, co + ldc, acc, c10, c11, c12, c13);
        store(c, co + 2 * ldc, acc, c20, c21, c22, c23);
        store(c, co + 3 * ldc, acc, c30, c31, c32, c33);
    }

    private static void store(float[] c, int o, boolean acc, float v0, float v1, float v2, float v3) {
        if (acc) {
            c[o] += v0; c[o + 1] += v1; c[o + 2] += v2; c[o + 3] += v3;
        } else {
            c[o] = v0; c[o + 1] = v1; c[o + 2] = v2; c[o + 3] = v3;
        }
    }
}
