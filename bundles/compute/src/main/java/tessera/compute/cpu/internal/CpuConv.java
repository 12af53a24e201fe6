package tessera.compute.cpu.internal;

import static tessera.compute.cpu.internal.CpuDevice.array;

import java.util.Arrays;
import java.util.function.IntConsumer;
import tessera.compute.Conv2dSpec;
import tessera.compute.Tensor;

/**
 * Convolution through the GEMM: forward packs im2col panels straight from the image (implicit
 * GEMM); the input gradient (and so the transposed convolution) multiplies by Wᵀ into column chunks
 * and folds them back (col2im); the weight gradient multiplies the output gradient by im2col chunks.
 */
final class CpuConv {
    /** Floats per column chunk in the backward passes (4 MiB). */
    private static final int CHUNK_FLOATS = 1 << 20;

    /** Floats in the transposed convolution's batch-wide column buffer at most (32 MiB). */
    private static final int BATCH_COLUMN_FLOATS = 1 << 23;

    private final Parallel parallel;
    private final Gemm gemm;
    private final BufferPool pool;
    private final ThreadLocal<float[][]> chunk = ThreadLocal.withInitial(() -> new float[1][0]);

    CpuConv(Parallel parallel, Gemm gemm, BufferPool pool) {
        this.parallel = parallel;
        this.gemm = gemm;
        this.pool = pool;
    }

    /** Geometry shared by the three passes, from x [N,C,H,W], w and y [N,Co,OH,OW]. */
    private record Geo(int n, int c, int h, int wd, int co, int oh, int ow, int g, int cig, int cog, int kh,
            int kw, int kk, Conv2dSpec s) {
        static Geo of(int[] x, int[] w, int[] y, Conv2dSpec s) {
            int g = s.groups();
            return new Geo(x[0], x[1], x[2], x[3], y[1], y[2], y[3], g, x[1] / g, y[1] / g, w[2], w[3],
                    x[1] / g * w[2] * w[3], s);
        }

        int pixels() {
            return oh * ow;
        }

        Im2col image(float[] data, int offset, int sample, int group) {
            return new Im2col(data, offset + (sample * c + group * cig) * h * wd, h, wd, kh, kw, s.strideH(),
                    s.strideW(), s.padH(), s.padW(), s.dilationH(), s.dilationW(), ow);
        }
    }

    void conv2d(Tensor x, Tensor w, Tensor bias, Tensor y, Conv2dSpec s) {
        Geo geo = Geo.of(x.dims(), w.dims(), y.dims(), s);
        float[] xa = array(x.buffer());
        float[] wa = array(w.buffer());
        float[] ya = array(y.buffer());
        float[] ba = bias == null ? null : array(bias.buffer());
        int p = geo.pixels();
        samples(geo, (nIdx) -> {
            for (int gi = 0; gi < geo.g; gi++) {
                int yo = y.offset() + (nIdx * geo.co + gi * geo.cog) * p;
                if (ba != null) {
                    for (int o = 0; o < geo.cog; o++) {
                        Arrays.fill(ya, yo + o * p, yo + (o + 1) * p, ba[bias.offset() + gi * geo.cog + o]);
                    }
                }
                DenseMatrix a = new DenseMatrix(wa, w.offset() + gi * geo.cog * geo.kk, geo.kk, 1);
                gemm.multiply(geo.cog, p, geo.kk, a, geo.image(xa, x.offset(), nIdx, gi), ya, yo, p, ba != null);
            }
        });
    }

    /**
     * gx = the adjoint of the convolution applied to gy (also the transposed convolution): per
     * group one GEMM Wᵀ·[gy of all samples] over the whole batch (N·OH·OW columns, in chunks of a
     * bounded column buffer from the pool), each chunk folded back into its samples (col2im).
     */
    void backwardInput(Tensor gy, Tensor w, Tensor gx, Conv2dSpec s) {
        Geo geo = Geo.of(gx.dims(), w.dims(), gy.dims(), s);
        float[] ga = array(gy.buffer());
        float[] wa = array(w.buffer());
        float[] gxa = array(gx.buffer());
        int p = geo.pixels();
        int image = geo.c * geo.h * geo.wd;
        Arrays.fill(gxa, gx.offset(), gx.offset() + geo.n * image, 0f);
        long total = (long) geo.n * p;
        if (total == 0 || geo.kk == 0) {
            return;
        }
        int pc = (int) Math.min(total, Math.max(16, BATCH_COLUMN_FLOATS / geo.kk));
        int size = geo.kk * pc;
        float[] col = pool.acquire(size);
        if (col == null) {
            col = new float[size];
        }
        try {
            float[] cb = col;
            for (int gi = 0; gi < geo.g; gi++) {
                int group = gi;
                DenseMatrix wt = new DenseMatrix(wa, w.offset() + gi * geo.cog * geo.kk, 1, geo.kk);
                int go = gy.offset() + gi * geo.cog * p;
                for (int j0 = 0; j0 < total; j0 += pc) {
                    int first = j0;
                    int cols = (int) Math.min(pc, total - j0);
                    BatchColumns gyCols = new BatchColumns(ga, go, geo.co * p, p, first);
                    if (cols <= NARROW_COLUMNS) {
                        narrowColumns(geo, wa, w.offset() + gi * geo.cog * geo.kk, gyCols, cols, cb);
                    } else {
                        gemm.multiply(geo.kk, cols, geo.cog, wt, gyCols, cb, 0, cols, false);
                    }
                    int n0 = first / p;
                    int n1 = (first + cols - 1) / p + 1;
                    IntConsumer fold = i -> {
                        int nIdx = n0 + i;
                        int lo = Math.max(first, nIdx * p);
                        int hi = Math.min(first + cols, (nIdx + 1) * p);
                        geo.image(gxa, gx.offset(), nIdx, group).scatterAdd(cb, lo - first, cols, geo.kk,
                                lo - nIdx * p, hi - lo);
                    };
                    if (n1 - n0 > 1 && parallel.threads() > 1) {
                        parallel.forEach(n1 - n0, fold);
                    } else {
                        for (int i = 0; i < n1 - n0; i++) {
                            fold.accept(i);
                        }
                    }
                }
            }
        } finally {
            pool.release(col);
        }
    }

    /**
     * Up to this many columns (a transposed convolution at batch 1 over a 1×1 to 4×4 input: a DCGAN's first
     * layers) the product runs with its operands swapped; see {@link #narrowColumns}.
     */
    static final int NARROW_COLUMNS = 32;

    /**
     * cb[m·cols + j] = Σ_k W[k, m]·gy[k, j] for few columns, as (gyᵀ·W)ᵀ: the weight [cog, kk] becomes the
     * right operand in its own row-major layout (packed by contiguous copies) and the few columns the left
     * one (MR rows). The straight product packs Wᵀ through a stride of kk floats per element and pads the
     * columns to the micro-kernel's 16: at batch 1 that cost 4 ms for 1 M multiply-adds (#4 profile).
     */
    private void narrowColumns(Geo geo, float[] wa, int wOffset, BatchColumns gyCols, int cols, float[] cb) {
        DenseMatrix weight = new DenseMatrix(wa, wOffset, geo.kk, 1);
        if (cols == 1) { // one column is the same numbers in either orientation
            gemm.multiply(1, geo.kk, geo.cog, new TransposedSource(gyCols), weight, cb, 0, geo.kk, false);
            return;
        }
        int size = cols * geo.kk;
        float[] t = pool.acquire(size);
        if (t == null) {
            t = new float[size];
        }
        try {
            gemm.multiply(cols, geo.kk, geo.cog, new TransposedSource(gyCols), weight, t, 0, geo.kk, false);
            for (int m = 0; m < geo.kk; m++) {
                for (int j = 0; j < cols; j++) {
                    cb[m * cols + j] = t[j * geo.kk + m];
                }
            }
        } finally {
            pool.release(t);
        }
    }

    void backwardWeight(Tensor x, Tensor gy, Tensor gw, Conv2dSpec s) {
        Geo geo = Geo.of(x.dims(), gw.dims(), gy.dims(), s);
        float[] xa = array(x.buffer());
        float[] ga = array(gy.buffer());
        float[] gwa = array(gw.buffer());
        int p = geo.pixels();
        int pc = chunkColumns(geo.kk, p);
        float[] col = buffer(geo.kk * pc);
        for (int gi = 0; gi < geo.g; gi++) {
            int wo = gw.offset() + gi * geo.cog * geo.kk;
            boolean started = false;
            for (int nIdx = 0; nIdx < geo.n; nIdx++) {
                Im2col img = geo.image(xa, x.offset(), nIdx, gi);
                int go = gy.offset() + (nIdx * geo.co + gi * geo.cog) * p;
                for (int p0 = 0; p0 < p; p0 += pc) {
                    int cols = Math.min(pc, p - p0);
                    img.fill(col, geo.kk, p0, cols);
                    gemm.multiply(geo.cog, geo.kk, cols, new DenseMatrix(ga, go + p0, p, 1),
                            new DenseMatrix(col, 0, 1, cols), gwa, wo, geo.kk, started);
                    started = true;
                }
            }
            if (!started) {
                Arrays.fill(gwa, wo, wo + geo.cog * geo.kk, 0f);
            }
        }
    }

    /** Runs per-sample work, spread over samples when one sample is too small to split. */
    private void samples(Geo geo, java.util.function.IntConsumer body) {
        long perSample = (long) geo.co * geo.pixels() * geo.kk;
        if (geo.n > 1 && perSample < (1L << 22)) {
            parallel.forEach(geo.n, body);
        } else {
            for (int i = 0; i < geo.n; i++) {
                body.accept(i);
            }
        }
    }

    private static int chunkColumns(int rows, int pixels) {
        int pc = Math.max(16, CHUNK_FLOATS / Math.max(1, rows));
        return Math.min(pixels, pc);
    }

    private float[] buffer(int size) {
        float[][] holder = chunk.get();
        if (holder[0].length < size) {
            holder[0] = new float[size];
        }
        return holder[0];
    }
}
