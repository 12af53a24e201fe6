package tessera.compute.cpu.internal;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API micro-kernel: a 4×(2·lanes) tile held in 8 vector accumulators (4×16 on AVX2),
 * which fits the 16 AVX2 registers without spilling (BUILD-NOTES: a 6×16 tile spills and halves
 * the speed). Loaded only when {@code jdk.incubator.vector} is present (see {@link CpuKernelChoice}).
 */
final class VectorMicroKernel implements MicroKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    static final int MR = 4;
    static final int NR = 2 * L;

    /** Lanes of the preferred species; the kernel is used only when this is at least 4. */
    static int lanes() {
        return L;
    }

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
        return "vector-" + S.vectorBitSize();
    }

    @Override
    public void run(int kc, float[] a, int ao, float[] b, int bo, int ldb, float[] c, int co, int ldc, boolean accumulate) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        int pa = ao;
        int pb = bo;
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(S, b, pb);
            FloatVector b1 = FloatVector.fromArray(S, b, pb + L);
            FloatVector x = FloatVector.broadcast(S, a[pa]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, a[pa + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, a[pa + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, a[pa + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            pa += MR;
            pb += ldb;
        }
        store(c, co, accumulate, c00, c01);
        store(c, co + ldc, accumulate, c10, c11);
        store(c, co + 2 * ldc, accumulate, c20, c21);
        store(c, co + 3 * ldc, accumulate, c30, c31);
    }

    private static void store(float[] c, int o, boolean acc, FloatVector v0, FloatVector v1) {
        if (acc) {
            v0 = v0.add(FloatVector.fromArray(S, c, o));
            v1 = v1.add(FloatVector.fromArray(S, c, o + L));
        }
        v0.intoArray(c, o);
        v1.intoArray(c, o + L);
    }
}
