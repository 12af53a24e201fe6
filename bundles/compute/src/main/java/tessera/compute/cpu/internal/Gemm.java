package tessera.compute.cpu.internal;

/**
 * GotoBLAS-style blocked matrix product {@code C = A·B (+ C)} on packed panels: B blocks of
 * KC×NC, A blocks of MC×KC, and a register-tile micro-kernel (#4). Large products are split
 * over the {@link Parallel} threads along N (or M when it is the larger), each thread packing its
 * own panels, so the threads never wait on each other.
 */
final class Gemm {
    /** Deepest K block: a 4×512 A strip (8 KiB) and a 512×16 B strip (32 KiB, L1) per tile (tuned, #4). */
    static final int KC = 512;
    /** Rows of A packed per block (64×512 floats = 128 KiB, L2). */
    static final int MC = 64;
    /** Columns of B packed per block (512×3072 floats = 6 MiB, L3). */
    static final int NC = 3072;
    /** Below this many multiply-adds one thread does the whole product. */
    private static final long PARALLEL_WORK = 1L << 18;

    private final MicroKernel kernel;
    private final Parallel parallel;
    private final ThreadLocal<Buffers> buffers;
    private final int kcBlock;
    private final int mcBlock;
    private final int ncBlock;

    Gemm(MicroKernel kernel, Parallel parallel) {
        this(kernel, parallel, KC, MC, NC);
    }

    /** With explicit block sizes (for tuning); mc a multiple of MR, nc of NR. */
    Gemm(MicroKernel kernel, Parallel parallel, int kc, int mc, int nc) {
        this.kernel = kernel;
        this.parallel = parallel;
        this.kcBlock = kc;
        this.mcBlock = mc;
        this.ncBlock = nc;
        int mr = kernel.mr();
        int nr = kernel.nr();
        this.buffers = ThreadLocal.withInitial(() -> new Buffers(new float[roundUp(mc, mr) * kc],
                new float[roundUp(nc, nr) * kc], new float[mr * nr]));
    }

    private record Buffers(float[] a, float[] b, float[] tile) {
    }

    MicroKernel kernel() {
        return kernel;
    }

    /**
     * C[m, n] (+)= sum_k A[m, k] B[k, n] with C at {@code c[co + m*ldc + n]}.
     *
     * @param accumulate add to C, else overwrite it (old contents ignored, even NaN)
     */
    void multiply(int m, int n, int k, PackSource a, PackSource b, float[] c, int co, int ldc, boolean accumulate) {
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            if (!accumulate) {
                for (int i = 0; i < m; i++) {
                    java.util.Arrays.fill(c, co + i * ldc, co + i * ldc + n, 0f);
                }
            }
            return;
        }
        int threads = parallel.threads();
        long work = (long) m * n * k;
        if (threads == 1 || work < PARALLEL_WORK) {
            block(0, m, 0, n, k, a, b, c, co, ldc, accumulate);
            return;
        }
        boolean splitN = n >= m;
        int unit = splitN ? kernel.nr() : kernel.mr();
        int units = ((splitN ? n : m) + unit - 1) / unit;
        int parts = Math.min(threads, units);
        parallel.forEach(parts, t -> {
            int lo = (int) ((long) units * t / parts) * unit;
            int hi = Math.min((int) ((long) units * (t + 1) / parts) * unit, splitN ? n : m);
            if (splitN) {
                block(0, m, lo, hi, k, a, b, c, co, ldc, accumulate);
            } else {
                block(lo, hi, 0, n, k, a, b, c, co, ldc, accumulate);
            }
        });
    }

    /** The sequential blocked product over rows [m0, m1) and columns [n0, n1). */
    private void block(int m0, int m1, int n0, int n1, int k, PackSource a, PackSource b, float[] c, int co,
            int ldc, boolean accumulate) {
        Buffers buf = buffers.get();
        int mr = kernel.mr();
        int nr = kernel.nr();
        // K blocks of equal depth (K = 576 runs as 2 × 288, not 512 + 64)
        int kSteps = (k + kcBlock - 1) / kcBlock;
        int kcEven = (k + kSteps - 1) / kSteps;
        for (int jc = n0; jc < n1; jc += ncBlock) {
            int nc = Math.min(ncBlock, n1 - jc);
            for (int pc = 0; pc < k; pc += kcEven) {
                int kc = Math.min(kcEven, k - pc);
                boolean acc = accumulate || pc > 0;
                b.packB(buf.b, pc, kc, jc, nc, nr);
                for (int ic = m0; ic < m1; ic += mcBlock) {
                    int mc = Math.min(mcBlock, m1 - ic);
                    a.packA(buf.a, ic, mc, pc, kc, mr);
                    macro(mc, nc, kc, buf, c, co + ic * ldc + jc, ldc, acc);
                }
            }
        }
    }

    private void macro(int mc, int nc, int kc, Buffers buf, float[] c, int co, int ldc, boolean acc) {
        int mr = kernel.mr();
        int nr = kernel.nr();
        for (int jr = 0; jr < nc; jr += nr) {
            int cols = Math.min(nr, nc - jr);
            int bo = jr * kc;
            for (int ir = 0; ir < mc; ir += mr) {
                int rows = Math.min(mr, mc - ir);
                int ao = ir * kc;
                int cij = co + ir * ldc + jr;
                if (rows == mr && cols == nr) {
                    kernel.run(kc, buf.a, ao, buf.b, bo, c, cij, ldc, acc);
                } else {
                    kernel.run(kc, buf.a, ao, buf.b, bo, buf.tile, 0, nr, false);
                    for (int r = 0; r < rows; r++) {
                        int dst = cij + r * ldc;
                        int src = r * nr;
                        if (acc) {
                            for (int j = 0; j < cols; j++) {
                                c[dst + j] += buf.tile[src + j];
                            }
                        } else {
                            System.arraycopy(buf.tile, src, c, dst, cols);
                        }
                    }
                }
            }
        }
    }

    private static int roundUp(int x, int m) {
        return (x + m - 1) / m * m;
    }
}
