package tessera.compute.cpu.internal;

import java.util.Arrays;

/**
 * GotoBLAS-style blocked matrix product {@code C = A·B (+ C)} on packed panels (#4): for each
 * KC×NC block of B, packed once and shared by all threads, the threads take tasks of (MC rows of
 * A) × (a slice of the B panel's columns) from a common counter, so a thread slowed by other work
 * on a shared machine takes fewer tasks instead of holding the others up. Each task packs its A
 * block (reused while the same thread keeps the same rows) and runs the register-tile
 * micro-kernel over its slice.
 */
final class Gemm {
    /**
     * Deepest K block. Tuned on Zen 3 (#4, GemmTuning, n = 512..2048, 1 and 2 threads): 1024 beat
     * 256 and 512 by 5-10%, fewer C updates outweighing a 1024×16 B strip (64 KiB) that spills L1.
     */
    static final int KC = 1024;
    /** Rows of A packed per block (32×1024 floats = 128 KiB, L2). */
    static final int MC = 32;
    /** Columns of B packed per block (1024×3072 floats = 12 MiB, L3). */
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

    /** Per-thread packing space; {@code b} is shared with the workers while its owner runs a product. */
    private static final class Buffers {
        final float[] a;
        final float[] b;
        final float[] tile;
        /** Identity of the A block in {@link #a}: (call, jc, pc, ic), to skip repacking. */
        long packedCall = -1;
        int packedJc = -1;
        int packedPc = -1;
        int packedIc = -1;

        Buffers(float[] a, float[] b, float[] tile) {
            this.a = a;
            this.b = b;
            this.tile = tile;
        }
    }

    private static final java.util.concurrent.atomic.AtomicLong CALLS = new java.util.concurrent.atomic.AtomicLong();

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
                    Arrays.fill(c, co + i * ldc, co + i * ldc + n, 0f);
                }
            }
            return;
        }
        boolean threaded = parallel.threads() > 1 && (long) m * n * k >= PARALLEL_WORK;
        int mr = kernel.mr();
        int nr = kernel.nr();
        float[] bPanel = buffers.get().b;
        long call = CALLS.incrementAndGet();
        // K blocks of equal depth (K = 576 runs as 2 × 288, not 512 + 64)
        int kSteps = (k + kcBlock - 1) / kcBlock;
        int kcEven = (k + kSteps - 1) / kSteps;
        int mBlocks = (m + mcBlock - 1) / mcBlock;
        for (int jc = 0; jc < n; jc += ncBlock) {
            int nc = Math.min(ncBlock, n - jc);
            int strips = (nc + nr - 1) / nr;
            // whole A blocks per task when there are enough of them; else slices of the panel too
            int wanted = threaded ? 4 * parallel.threads() : 1;
            int slices = Math.min(strips, Math.max(1, (wanted + mBlocks - 1) / mBlocks));
            int perSlice = (strips + slices - 1) / slices;
            for (int pc = 0; pc < k; pc += kcEven) {
                int kc = Math.min(kcEven, k - pc);
                boolean acc = accumulate || pc > 0;
                int jcf = jc;
                int pcf = pc;
                // pack the B panel, split by strips
                int packTasks = threaded ? Math.min(strips, parallel.threads() * 2) : 1;
                run(threaded, packTasks, t -> {
                    int s0 = (int) ((long) strips * t / packTasks);
                    int s1 = (int) ((long) strips * (t + 1) / packTasks);
                    int c0 = s0 * nr;
                    int c1 = Math.min(nc, s1 * nr);
                    if (c1 > c0) {
                        b.packB(bPanel, s0 * nr * kc, pcf, kc, jcf + c0, c1 - c0, nr);
                    }
                });
                run(threaded, mBlocks * slices, t -> {
                    int ib = t / slices;
                    int js = t % slices;
                    int ic = ib * mcBlock;
                    int mc = Math.min(mcBlock, m - ic);
                    Buffers buf = buffers.get();
                    if (buf.packedCall != call || buf.packedJc != jcf || buf.packedPc != pcf || buf.packedIc != ic) {
                        a.packA(buf.a, 0, ic, mc, pcf, kc, mr);
                        buf.packedCall = call;
                        buf.packedJc = jcf;
                        buf.packedPc = pcf;
                        buf.packedIc = ic;
                    }
                    int s0 = js * perSlice;
                    int s1 = Math.min(strips, s0 + perSlice);
                    macro(mc, s0 * nr, Math.min(nc, s1 * nr), kc, buf, bPanel, c, co + ic * ldc + jcf, ldc, acc);
                });
            }
        }
    }

    private void run(boolean threaded, int tasks, java.util.function.IntConsumer body) {
        if (threaded) {
            parallel.forEach(tasks, body);
        } else {
            for (int t = 0; t < tasks; t++) {
                body.accept(t);
            }
        }
    }

    /** Micro-kernel over rows [0, mc) of the packed A block and panel columns [n0, n1). */
    private void macro(int mc, int n0, int n1, int kc, Buffers buf, float[] bPanel, float[] c, int co, int ldc,
            boolean acc) {
        int mr = kernel.mr();
        int nr = kernel.nr();
        for (int jr = n0; jr < n1; jr += nr) {
            int cols = Math.min(nr, n1 - jr);
            int bo = jr * kc;
            for (int ir = 0; ir < mc; ir += mr) {
                int rows = Math.min(mr, mc - ir);
                int ao = ir * kc;
                int cij = co + ir * ldc + jr;
                if (rows == mr && cols == nr) {
                    kernel.run(kc, buf.a, ao, bPanel, bo, c, cij, ldc, acc);
                } else {
                    kernel.run(kc, buf.a, ao, bPanel, bo, buf.tile, 0, nr, false);
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
