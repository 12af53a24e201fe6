package tessera.compute.cpu.internal;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

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
    /**
     * Up to this many rows of A, a row-major B (a weight, in the narrow transposed convolution) is read in place
     * instead of packed: packing costs a pass over all of B per call, which a few MR-row blocks never pay back
     * (#4 dcgan64 at batch 1: packing the 512×4096 weight took twice the multiply).
     */
    static final int IN_PLACE_ROWS = 32;
    /** Below this many multiply-adds one thread does the whole product. */
    private static final long PARALLEL_WORK = 1L << 18;
    /** Numbers products, so a thread knows whether its packed A block is still current. */
    private static final AtomicLong CALLS = new AtomicLong();

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
                new float[roundUp(nc, nr) * kc], new float[mr * nr], new float[kc * nr]));
    }

    /** Per-thread packing space; {@code b} is shared with the workers while its owner runs a product. */
    private static final class Buffers {
        final float[] a;
        final float[] b;
        final float[] tile;
        /** The last, partial strip of a B read in place, packed (kc × NR). */
        final float[] edge;
        /** Identity of the A block in {@link #a}: (call, jc, pc, ic), to skip repacking. */
        long packedCall = -1;
        int packedJc = -1;
        int packedPc = -1;
        int packedIc = -1;

        Buffers(float[] a, float[] b, float[] tile, float[] edge) {
            this.a = a;
            this.b = b;
            this.tile = tile;
            this.edge = edge;
        }
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
                    Arrays.fill(c, co + i * ldc, co + i * ldc + n, 0f);
                }
            }
            return;
        }
        boolean threaded = parallel.threads() > 1 && (long) m * n * k >= PARALLEL_WORK;
        DenseMatrix inPlace = m <= IN_PLACE_ROWS && b instanceof DenseMatrix d && d.cs() == 1 ? d : null;
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
            for (int pc = 0; pc < k; pc += kcEven) {
                Panel p = new Panel(call, jc, nc, strips, pc, Math.min(kcEven, k - pc), accumulate || pc > 0, slices);
                if (inPlace == null) {
                    int packTasks = threaded ? Math.min(strips, parallel.threads() * 2) : 1;
                    run(threaded, packTasks, t -> packPanel(p, b, bPanel, t, packTasks));
                }
                run(threaded, mBlocks * slices, t -> computeTask(p, a, m, inPlace, bPanel, c, co, ldc, t));
            }
        }
    }

    /** One packed KC×NC block of B and how its work is cut into tasks. */
    private record Panel(long call, int jc, int nc, int strips, int pc, int kc, boolean accumulate, int slices) {
    }

    /** Packs part {@code t} of {@code parts} of the panel's strips into their place. */
    private void packPanel(Panel p, PackSource b, float[] bPanel, int t, int parts) {
        int nr = kernel.nr();
        int s0 = (int) ((long) p.strips() * t / parts);
        int s1 = (int) ((long) p.strips() * (t + 1) / parts);
        int c0 = s0 * nr;
        int c1 = Math.min(p.nc(), s1 * nr);
        if (c1 > c0) {
            b.packB(bPanel, s0 * nr * p.kc(), p.pc(), p.kc(), p.jc() + c0, c1 - c0, nr);
        }
    }

    /**
     * Task t: A block t / slices (packed unless this thread holds it already) × panel slice t % slices; B from the
     * packed panel, or read in place from {@code inPlace} when not null.
     */
    private void computeTask(Panel p, PackSource a, int m, DenseMatrix inPlace, float[] bPanel, float[] c, int co, int ldc,
            int t) {
        int nr = kernel.nr();
        int ic = (t / p.slices()) * mcBlock;
        int mc = Math.min(mcBlock, m - ic);
        Buffers buf = buffers.get();
        if (buf.packedCall != p.call() || buf.packedJc != p.jc() || buf.packedPc != p.pc() || buf.packedIc != ic) {
            a.packA(buf.a, 0, ic, mc, p.pc(), p.kc(), kernel.mr());
            buf.packedCall = p.call();
            buf.packedJc = p.jc();
            buf.packedPc = p.pc();
            buf.packedIc = ic;
        }
        int perSlice = (p.strips() + p.slices() - 1) / p.slices();
        int s0 = (t % p.slices()) * perSlice;
        int s1 = Math.min(p.strips(), s0 + perSlice);
        macro(mc, s0 * nr, Math.min(p.nc(), s1 * nr), p, buf, inPlace, bPanel, c, co + ic * ldc + p.jc(), ldc);
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
    private void macro(int mc, int n0, int n1, Panel p, Buffers buf, DenseMatrix inPlace, float[] bPanel, float[] c,
            int co, int ldc) {
        int mr = kernel.mr();
        int nr = kernel.nr();
        int kc = p.kc();
        boolean acc = p.accumulate();
        for (int jr = n0; jr < n1; jr += nr) {
            int cols = Math.min(nr, n1 - jr);
            float[] bs = bPanel;
            int bo = jr * kc;
            int ldb = nr;
            if (inPlace != null && cols == nr) {
                bs = inPlace.data();
                bo = inPlace.offset() + p.pc() * inPlace.rs() + p.jc() + jr;
                ldb = inPlace.rs();
            } else if (inPlace != null) { // the kernel reads NR columns: a partial strip is packed with zeros
                inPlace.packB(buf.edge, 0, p.pc(), kc, p.jc() + jr, cols, nr);
                bs = buf.edge;
                bo = 0;
            }
            for (int ir = 0; ir < mc; ir += mr) {
                int rows = Math.min(mr, mc - ir);
                int ao = ir * kc;
                int cij = co + ir * ldc + jr;
                if (rows == mr && cols == nr) {
                    kernel.run(kc, buf.a, ao, bs, bo, ldb, c, cij, ldc, acc);
                } else {
                    kernel.run(kc, buf.a, ao, bs, bo, ldb, buf.tile, 0, nr, false);
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
