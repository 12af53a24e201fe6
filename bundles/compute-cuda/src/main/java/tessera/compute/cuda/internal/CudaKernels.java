package tessera.compute.cuda.internal;

import java.util.Arrays;
import jcuda.driver.CUdeviceptr;
import tessera.compute.ComputeException;
import tessera.compute.Conv2dSpec;
import tessera.compute.PaddingMode;
import tessera.compute.Pool2dSpec;
import tessera.compute.Tensor;
import tessera.compute.cuda.MatmulPrecision;
import tessera.compute.spi.AdamStep;
import tessera.compute.spi.BinaryOp;
import tessera.compute.spi.Distribution;
import tessera.compute.spi.Interpolation;
import tessera.compute.spi.Kernels;
import tessera.compute.spi.PoolKind;
import tessera.compute.spi.ReduceOp;
import tessera.compute.spi.UnaryOp;

/**
 * The {@link Kernels} contract on a GPU. Each method only queues work on the device's stream; the
 * ops layer has already checked shapes. Calls are serialised per device because convolution and
 * table uploads share scratch memory.
 */
final class CudaKernels implements Kernels {
    private final CudaDevice dev;
    private final ResampleTables tables;

    CudaKernels(CudaDevice dev) {
        this.dev = dev;
        this.tables = new ResampleTables(dev);
    }

    private CUdeviceptr p(Tensor t) {
        return dev.ptr(t.buffer()).withByteOffset(4L * t.offset());
    }

    private static boolean aligned4(Tensor t) {
        return (t.offset() & 3) == 0 && (t.numel() & 3) == 0;
    }

    // ---- memory -------------------------------------------------------------------------------

    @Override
    public synchronized void fill(Tensor out, float value) {
        dev.enter();
        int n = out.numel();
        if (n == 0) {
            return;
        }
        int[] lo = Layouts.of(out);
        if (Layouts.contiguous(lo) && aligned4(out)) {
            dev.launch1d("memory", "fill4", n / 4, new Args().i(n / 4).f(value).p(p(out)));
        } else {
            dev.launch1d("memory", "fill_strided", n, new Args().i(n).f(value).p(p(out)).struct(lo));
        }
    }

    @Override
    public synchronized void copy(Tensor src, Tensor dst) {
        dev.enter();
        int n = dst.numel();
        if (n == 0) {
            return;
        }
        int[] ls = Layouts.of(src);
        int[] ld = Layouts.of(dst);
        if (Layouts.contiguous(ls) && Layouts.contiguous(ld) && aligned4(src) && aligned4(dst)) {
            dev.launch1d("memory", "copy4", n / 4, new Args().i(n / 4).p(p(src)).p(p(dst)));
        } else {
            dev.launch1d("memory", "copy_strided", n, new Args().i(n).p(p(src)).struct(ls).p(p(dst)).struct(ld));
        }
    }

    @Override
    public synchronized void random(Tensor out, Distribution distribution, long seed, float a, float b) {
        dev.enter();
        int n = out.numel();
        if (n == 0) {
            return;
        }
        String fn = distribution == Distribution.UNIFORM ? "random_uniform" : "random_normal";
        dev.launch1d("memory", fn, n, new Args().i(n).l(seed).f(a).f(b).p(p(out)));
    }

    // ---- elementwise --------------------------------------------------------------------------

    @Override
    public synchronized void unary(UnaryOp op, float alpha, Tensor x, Tensor out) {
        dev.enter();
        int n = out.numel();
        if (n == 0) {
            return;
        }
        int[] lx = Layouts.of(x);
        int[] lo = Layouts.of(out);
        int code = CudaOps.unary(op);
        if (Layouts.contiguous(lx) && Layouts.contiguous(lo) && aligned4(x) && aligned4(out)) {
            dev.launch1d("elementwise", "unary4", n / 4, new Args().i(n / 4).i(code).f(alpha).p(p(x)).p(p(out)));
        } else {
            dev.launch1d("elementwise", "unary_strided", n,
                    new Args().i(n).i(code).f(alpha).p(p(x)).struct(lx).p(p(out)).struct(lo));
        }
    }

    @Override
    public synchronized void unaryBackward(UnaryOp op, float alpha, Tensor x, Tensor y, Tensor gy, Tensor gx) {
        dev.enter();
        int n = gx.numel();
        if (n == 0) {
            return;
        }
        dev.launch1d("elementwise", "unary_backward", n,
                new Args().i(n).i(CudaOps.unary(op)).f(alpha).p(p(x)).p(p(gy)).p(p(gx)));
    }

    @Override
    public synchronized void binary(BinaryOp op, Tensor a, Tensor b, Tensor out) {
        dev.enter();
        int n = out.numel();
        if (n == 0) {
            return;
        }
        int[] la = Layouts.of(a);
        int[] lb = Layouts.of(b);
        int[] lo = Layouts.of(out);
        int code = CudaOps.binary(op);
        if (Layouts.contiguous(la) && Layouts.contiguous(lb) && Layouts.contiguous(lo) && aligned4(a) && aligned4(b)
                && aligned4(out)) {
            dev.launch1d("elementwise", "binary4", n / 4, new Args().i(n / 4).i(code).p(p(a)).p(p(b)).p(p(out)));
        } else {
            dev.launch1d("elementwise", "binary_strided", n,
                    new Args().i(n).i(code).p(p(a)).struct(la).p(p(b)).struct(lb).p(p(out)).struct(lo));
        }
    }

    @Override
    public synchronized void reduce(ReduceOp op, Tensor x, Tensor out) {
        dev.enter();
        int rank = x.rank();
        int[] xd = x.dims();
        int[] xs = x.strides();
        int[] od = out.dims();
        int[] kd = new int[rank];
        int[] ks = new int[rank];
        int[] rd = new int[rank];
        int[] rs = new int[rank];
        int nk = 0;
        int nr = 0;
        for (int i = 0; i < rank; i++) {
            if (od[i] == 1 && xd[i] != 1) {
                rd[nr] = xd[i];
                rs[nr++] = xs[i];
            } else {
                kd[nk] = xd[i];
                ks[nk++] = xs[i];
            }
        }
        int nOut = out.numel();
        if (nOut == 0) {
            return;
        }
        int nRed = 1;
        for (int i = 0; i < nr; i++) {
            nRed *= rd[i];
        }
        // a layout that collapses to rank 0 is stride 1 over its range, which is what both need
        int[] kept = Layouts.of(Arrays.copyOf(kd, nk), Arrays.copyOf(ks, nk));
        int[] red = Layouts.of(Arrays.copyOf(rd, nr), Arrays.copyOf(rs, nr));
        boolean perBlock = nOut < 4L * dev.multiprocessors() * 32 && nRed >= 256;
        Args args = new Args().i(nOut).i(nRed).i(CudaOps.reduce(op)).p(p(x)).struct(kept).struct(red).p(p(out));
        if (perBlock) {
            dev.launch("reduce", "reduce_per_block", Math.min(nOut, 65535), 1, 1, 256, args);
        } else {
            dev.launch1d("reduce", "reduce_per_thread", nOut, args);
        }
    }

    @Override
    public synchronized void axpby(float alpha, Tensor x, float beta, Tensor y) {
        dev.enter();
        int n = y.numel();
        if (n > 0) {
            dev.launch1d("memory", "axpby", n, new Args().i(n).f(alpha).p(p(x)).f(beta).p(p(y)));
        }
    }

    // ---- linear algebra -----------------------------------------------------------------------

    @Override
    public synchronized void matmul(Tensor a, Tensor b, Tensor c, float beta) {
        dev.enter();
        int batches = c.dim(0);
        int m = c.dim(1);
        int n = c.dim(2);
        int k = a.dim(2);
        int[] as = a.strides();
        int[] bs = b.strides();
        gemm(m, n, k, p(a), as[0], as[1], as[2], p(b), bs[0], bs[1], bs[2], p(c), (long) m * n, n, beta, batches);
    }

    /** Batched strided GEMM in the device's precision; batches beyond the grid's z limit loop. */
    void gemm(int m, int n, int k, CUdeviceptr a, long aBs, int aRs, int aCs, CUdeviceptr b, long bBs, int bRs, int bCs,
            CUdeviceptr c, long cBs, int ldc, float beta, int batches) {
        if (m == 0 || n == 0 || batches == 0) {
            return;
        }
        if (k == 0) {
            // an empty sum: C = beta·C
            for (int i = 0; i < batches; i++) {
                for (int r = 0; r < m; r++) {
                    CUdeviceptr row = c.withByteOffset(4L * (i * cBs + (long) r * ldc));
                    dev.launch1d("memory", "axpby", n, new Args().i(n).f(0f).p(row).f(beta).p(row));
                }
            }
            return;
        }
        if (dev.precision() != MatmulPrecision.FP32) {
            tensorCoreGemm(m, n, k, a, aBs, aRs, aCs, b, bBs, bRs, bCs, c, cBs, ldc, beta, batches);
            return;
        }
        int gx = (n + 127) / 128;
        int gy = (m + 127) / 128;
        if (gy > 65535) {
            throw new ComputeException("matrix product with " + m + " rows exceeds the CUDA grid; split it");
        }
        for (int z0 = 0; z0 < batches; z0 += 65535) {
            int nz = Math.min(65535, batches - z0);
            dev.launch("gemm", "sgemm", gx, gy, nz, 256, new Args().i(m).i(n).i(k)
                    .p(a.withByteOffset(4L * z0 * aBs)).l(aBs).i(aRs).i(aCs)
                    .p(b.withByteOffset(4L * z0 * bBs)).l(bBs).i(bRs).i(bCs)
                    .p(c.withByteOffset(4L * z0 * cBs)).l(cBs).i(ldc).f(beta));
        }
    }

    /**
     * TF32/BF16 through gemm_tc.cu: both operands packed once into K-contiguous, tile-padded rows
     * (B transposed), then the pipelined mma.sync kernel. A shared operand (batch stride 0) is
     * packed once.
     */
    private void tensorCoreGemm(int m, int n, int k, CUdeviceptr a, long aBs, int aRs, int aCs, CUdeviceptr b, long bBs,
            int bRs, int bCs, CUdeviceptr c, long cBs, int ldc, float beta, int batches) {
        boolean bf16 = dev.precision() == MatmulPrecision.BF16;
        int elem = bf16 ? 2 : 4;
        long mp = (m + 127L) / 128 * 128;
        int bn = 128;
        long np = (n + bn - 1L) / bn * bn;
        long kp = (k + 31L) / 32 * 32;
        for (int z0 = 0; z0 < batches; z0 += 65535) {
            int nz = Math.min(65535, batches - z0);
            int za = aBs == 0 ? 1 : nz;
            int zb = bBs == 0 ? 1 : nz;
            long aBytes = za * mp * kp * elem;
            long bBytes = zb * np * kp * elem;
            CUdeviceptr pa = dev.packScratch((aBytes + bBytes + 3) / 4);
            CUdeviceptr pb = pa.withByteOffset(aBytes);
            String pack = bf16 ? "pack_bf16" : "pack_tf32";
            dev.launch("gemm_tc", pack, (int) (kp / 32), (int) (mp / 32), za, 32, 8, 0, new Args().i(m).i(k).i((int) mp)
                    .i((int) kp).p(a.withByteOffset(4L * z0 * aBs)).l(aBs).i(aRs).i(aCs).p(pa));
            dev.launch("gemm_tc", pack, (int) (kp / 32), (int) (np / 32), zb, 32, 8, 0, new Args().i(n).i(k).i((int) np)
                    .i((int) kp).p(b.withByteOffset(4L * z0 * bBs)).l(bBs).i(bCs).i(bRs).p(pb));
            int smem = 3 * (128 + bn) * (bf16 ? 40 * 2 : 36 * 4);
            dev.launch("gemm_tc", (bf16 ? "gemm_bf16_tn_" : "gemm_tf32_tn_") + bn, (int) (np / bn), (int) (mp / 128), nz, 256, 1,
                    smem, new Args().i(m).i(n).i((int) kp).p(pa).l(aBs == 0 ? 0 : mp * kp).p(pb)
                            .l(bBs == 0 ? 0 : np * kp).p(c.withByteOffset(4L * z0 * cBs)).l(cBs).i(ldc).f(beta));
        }
    }

    // ---- convolution --------------------------------------------------------------------------

    @Override
    public synchronized void conv2d(Tensor x, Tensor w, Tensor bias, Tensor out, Conv2dSpec spec) {
        dev.enter();
        new CudaConv(dev, this, x.dims(), w.dims(), out.dims(), spec).forward(p(x), p(w), bias == null ? null : p(bias), p(out));
    }

    @Override
    public synchronized void conv2dBackwardInput(Tensor gy, Tensor w, Tensor gx, Conv2dSpec spec) {
        dev.enter();
        new CudaConv(dev, this, gx.dims(), w.dims(), gy.dims(), spec).backwardInput(p(gy), p(w), p(gx));
    }

    @Override
    public synchronized void conv2dBackwardWeight(Tensor x, Tensor gy, Tensor gw, Conv2dSpec spec) {
        dev.enter();
        new CudaConv(dev, this, x.dims(), gw.dims(), gy.dims(), spec).backwardWeight(p(x), p(gy), p(gw));
    }

    // ---- resampling ---------------------------------------------------------------------------

    @Override
    public synchronized void pool2d(PoolKind kind, Tensor x, Tensor out, Pool2dSpec s) {
        dev.enter();
        int n = out.numel();
        if (n == 0) {
            return;
        }
        dev.launch1d("resample", "pool_forward", n, poolArgs(kind, x, out, s).p(p(x)).p(p(out)));
    }

    @Override
    public synchronized void pool2dBackward(PoolKind kind, Tensor x, Tensor gy, Tensor gx, Pool2dSpec s) {
        dev.enter();
        int n = gx.numel();
        if (n == 0) {
            return;
        }
        dev.launch1d("resample", "pool_backward", n, poolArgs(kind, x, gy, s).p(p(x)).p(p(gy)).p(p(gx)));
    }

    /** The window arguments pool_forward and pool_backward share: planes, sizes, window, kind. */
    private static Args poolArgs(PoolKind kind, Tensor x, Tensor pooled, Pool2dSpec s) {
        return new Args().i(x.dim(0) * x.dim(1)).i(x.dim(2)).i(x.dim(3)).i(pooled.dim(2)).i(pooled.dim(3))
                .i(s.kernelH()).i(s.kernelW()).i(s.strideH()).i(s.strideW()).i(s.padH()).i(s.padW())
                .i(kind == PoolKind.MAX ? 1 : 0);
    }

    @Override
    public synchronized void upsample2d(Interpolation mode, boolean wrap, Tensor x, Tensor out) {
        dev.enter();
        gather(x, out, tables.upsample(mode, wrap, x.dim(2), out.dim(2), false),
                tables.upsample(mode, wrap, x.dim(3), out.dim(3), false));
    }

    @Override
    public synchronized void upsample2dBackward(Interpolation mode, boolean wrap, Tensor gy, Tensor gx) {
        dev.enter();
        gather(gy, gx, tables.upsample(mode, wrap, gx.dim(2), gy.dim(2), true),
                tables.upsample(mode, wrap, gx.dim(3), gy.dim(3), true));
    }

    @Override
    public synchronized void pad2d(PaddingMode mode, Tensor x, Tensor out, int top, int bottom, int left, int right) {
        dev.enter();
        gather(x, out, tables.pad(mode, x.dim(2), out.dim(2), top, false), tables.pad(mode, x.dim(3), out.dim(3), left, false));
    }

    @Override
    public synchronized void pad2dBackward(PaddingMode mode, Tensor gy, Tensor gx, int top, int bottom, int left,
            int right) {
        dev.enter();
        gather(gy, gx, tables.pad(mode, gx.dim(2), gy.dim(2), top, true), tables.pad(mode, gx.dim(3), gy.dim(3), left, true));
    }

    private void gather(Tensor src, Tensor dst, ResampleTables.Table rows, ResampleTables.Table cols) {
        int planes = dst.dim(0) * dst.dim(1);
        int n = dst.numel();
        if (n == 0) {
            return;
        }
        dev.launch1d("resample", "separable_gather", n, new Args().i(planes).i(src.dim(2)).i(src.dim(3)).i(dst.dim(2))
                .i(dst.dim(3)).p(p(src)).p(p(dst)).p(rows.start()).p(rows.taps()).p(cols.start()).p(cols.taps()));
    }

    // ---- normalization ------------------------------------------------------------------------

    @Override
    public synchronized void normalize(Tensor x, int a, int b, int c, float eps, Tensor xhat, Tensor mean, Tensor rstd) {
        dev.enter();
        if (b == 0 || (long) a * c == 0) {
            return;
        }
        dev.launch("reduce", "normalize", Math.min(b, 65535), 1, 1, 512,
                new Args().i(a).i(b).i(c).f(eps).p(p(x)).p(p(xhat)).p(p(mean)).p(p(rstd)));
    }

    @Override
    public synchronized void normalizeBackward(Tensor xhat, Tensor rstd, Tensor gxhat, int a, int b, int c, Tensor gx) {
        dev.enter();
        if (b == 0 || (long) a * c == 0) {
            return;
        }
        dev.launch("reduce", "normalize_backward", Math.min(b, 65535), 1, 1, 512,
                new Args().i(a).i(b).i(c).p(p(xhat)).p(p(rstd)).p(p(gxhat)).p(p(gx)));
    }

    @Override
    public synchronized void softmax(Tensor x, int axis, boolean log, Tensor out) {
        softmaxLaunch("softmax", x, axis, log, p(x), p(out));
    }

    @Override
    public synchronized void softmaxBackward(Tensor y, Tensor gy, int axis, boolean log, Tensor gx) {
        softmaxLaunch("softmax_backward", y, axis, log, p(y), p(gy), p(gx));
    }

    /**
     * {@code fn_rows} (a warp per row) when the axis is the last one, else {@code fn_strided} (a thread
     * per lane of x seen as [outer, len, inner]); the pointers follow the kernels' shape arguments.
     */
    private void softmaxLaunch(String fn, Tensor shaped, int axis, boolean log, CUdeviceptr... tensors) {
        dev.enter();
        int[] d = shaped.dims();
        int outer = prod(d, 0, axis);
        int len = d[axis];
        int inner = prod(d, axis + 1, d.length);
        if (outer * inner == 0 || len == 0) {
            return;
        }
        Args args = inner == 1 ? new Args().i(outer).i(len).i(log ? 1 : 0)
                : new Args().i(outer).i(len).i(inner).i(log ? 1 : 0);
        for (CUdeviceptr t : tensors) {
            args.p(t);
        }
        if (inner == 1) {
            dev.launch("reduce", fn + "_rows", Math.max(1, Math.min((outer + 7) / 8, 65535)), 1, 1, 256, args);
        } else {
            dev.launch1d("reduce", fn + "_strided", (long) outer * inner, args);
        }
    }

    private static int prod(int[] d, int from, int to) {
        int p = 1;
        for (int i = from; i < to; i++) {
            p *= d[i];
        }
        return p;
    }

    // ---- indexing -----------------------------------------------------------------------------

    @Override
    public synchronized void gatherRows(Tensor table, int[] rows, Tensor out) {
        dev.enter();
        int d = table.dim(1);
        if (rows.length == 0 || d == 0) {
            return;
        }
        try (CudaBuffer r = dev.upload(rows)) {
            dev.launch1d("index", "gather_rows", (long) rows.length * d,
                    new Args().i(rows.length).i(d).p(p(table)).p(r.ptr()).p(p(out)));
        }
    }

    @Override
    public synchronized void scatterAddRows(Tensor g, int[] rows, Tensor gtable) {
        dev.enter();
        int d = gtable.dim(1);
        if (rows.length == 0 || d == 0) {
            return;
        }
        // CSR by table row, positions ascending: repeated rows add up in a fixed order
        Integer[] order = new Integer[rows.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> rows[x] != rows[y] ? Integer.compare(rows[x], rows[y]) : Integer.compare(x, y));
        int[] unique = new int[rows.length];
        int[] start = new int[rows.length + 1];
        int[] positions = new int[rows.length];
        int u = 0;
        for (int i = 0; i < order.length; i++) {
            positions[i] = order[i];
            if (i == 0 || rows[order[i]] != rows[order[i - 1]]) {
                unique[u] = rows[order[i]];
                start[u++] = i;
            }
        }
        start[u] = rows.length;
        try (CudaBuffer ub = dev.upload(Arrays.copyOf(unique, u)); CudaBuffer sb = dev.upload(Arrays.copyOf(start, u + 1));
                CudaBuffer pb = dev.upload(positions)) {
            dev.launch1d("index", "scatter_add_rows", (long) u * d,
                    new Args().i(u).i(d).p(p(g)).p(ub.ptr()).p(sb.ptr()).p(pb.ptr()).p(p(gtable)));
        }
    }

    // ---- optimizers ---------------------------------------------------------------------------

    @Override
    public synchronized void adamStep(Tensor p, Tensor g, Tensor m, Tensor v, AdamStep h) {
        dev.enter();
        int n = p.numel();
        if (n == 0) {
            return;
        }
        double bc1 = 1 - Math.pow(h.beta1(), h.step());
        double bc2 = 1 - Math.pow(h.beta2(), h.step());
        dev.launch1d("index", "adam_step", n, new Args().i(n).f(h.lr()).f(h.beta1()).f(h.beta2()).f(h.eps())
                .f(h.weightDecay()).i(h.decoupled() ? 1 : 0).f((float) (h.lr() / bc1)).f((float) Math.sqrt(bc2))
                .p(p(p)).p(p(g)).p(p(m)).p(p(v)));
    }
}
