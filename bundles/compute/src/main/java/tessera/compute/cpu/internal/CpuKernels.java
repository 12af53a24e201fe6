package tessera.compute.cpu.internal;

import static tessera.compute.cpu.internal.CpuDevice.array;

import tessera.compute.Conv2dSpec;
import tessera.compute.PaddingMode;
import tessera.compute.Pool2dSpec;
import tessera.compute.Tensor;
import tessera.compute.spi.AdamStep;
import tessera.compute.spi.BinaryOp;
import tessera.compute.spi.Distribution;
import tessera.compute.spi.Interpolation;
import tessera.compute.spi.Kernels;
import tessera.compute.spi.PoolKind;
import tessera.compute.spi.ReduceOp;
import tessera.compute.spi.UnaryOp;

/** The CPU's {@link Kernels}: dispatch to the kernel families. */
final class CpuKernels implements Kernels {
    private final Parallel parallel;
    private final Gemm gemm;
    private final CpuElementwise elementwise;
    private final CpuReduce reduce;
    private final CpuConv conv;
    private final CpuResample resample;

    CpuKernels(Parallel parallel, Gemm gemm) {
        this(parallel, gemm, new BufferPool(0));
    }

    /** @param pool where the convolution's batch-wide column buffers come from and go back to */
    CpuKernels(Parallel parallel, Gemm gemm, BufferPool pool) {
        this.parallel = parallel;
        this.gemm = gemm;
        this.elementwise = new CpuElementwise(parallel);
        this.reduce = new CpuReduce(parallel);
        this.conv = new CpuConv(parallel, gemm, pool);
        this.resample = new CpuResample(parallel);
    }

    Gemm gemm() {
        return gemm;
    }

    @Override
    public void fill(Tensor out, float value) {
        elementwise.fill(out, value);
    }

    @Override
    public void copy(Tensor src, Tensor dst) {
        elementwise.copy(src, dst);
    }

    @Override
    public void random(Tensor out, Distribution distribution, long seed, float a, float b) {
        elementwise.random(out, distribution, seed, a, b);
    }

    @Override
    public void unary(UnaryOp op, float alpha, Tensor x, Tensor out) {
        elementwise.unary(op, alpha, x, out);
    }

    @Override
    public void unaryBackward(UnaryOp op, float alpha, Tensor x, Tensor y, Tensor gy, Tensor gx) {
        elementwise.unaryBackward(op, alpha, x, gy, gx);
    }

    @Override
    public void binary(BinaryOp op, Tensor a, Tensor b, Tensor out) {
        elementwise.binary(op, a, b, out);
    }

    @Override
    public void reduce(ReduceOp op, Tensor x, Tensor out) {
        reduce.reduce(op, x, out);
    }

    @Override
    public void axpby(float alpha, Tensor x, float beta, Tensor y) {
        elementwise.axpby(alpha, x, beta, y);
    }

    @Override
    public void matmul(Tensor a, Tensor b, Tensor c, float beta) {
        int batches = c.dim(0);
        int m = c.dim(1);
        int n = c.dim(2);
        int k = a.dim(2);
        float[] aa = array(a.buffer());
        float[] ba = array(b.buffer());
        float[] ca = array(c.buffer());
        int[] as = a.strides();
        int[] bs = b.strides();
        java.util.function.IntConsumer one = i -> gemm.multiply(m, n, k,
                new DenseMatrix(aa, a.offset() + i * as[0], as[1], as[2]),
                new DenseMatrix(ba, b.offset() + i * bs[0], bs[1], bs[2]),
                ca, c.offset() + i * m * n, n, beta != 0f);
        if (batches > 1 && (long) m * n * k < (1L << 21)) {
            parallel.forEach(batches, one);
        } else {
            for (int i = 0; i < batches; i++) {
                one.accept(i);
            }
        }
    }

    @Override
    public void conv2d(Tensor x, Tensor w, Tensor bias, Tensor out, Conv2dSpec spec) {
        conv.conv2d(x, w, bias, out, spec);
    }

    @Override
    public void conv2dBackwardInput(Tensor gy, Tensor w, Tensor gx, Conv2dSpec spec) {
        conv.backwardInput(gy, w, gx, spec);
    }

    @Override
    public void conv2dBackwardWeight(Tensor x, Tensor gy, Tensor gw, Conv2dSpec spec) {
        conv.backwardWeight(x, gy, gw, spec);
    }

    @Override
    public void pool2d(PoolKind kind, Tensor x, Tensor out, Pool2dSpec spec) {
        resample.pool(kind, x, out, spec, null, null);
    }

    @Override
    public void pool2dBackward(PoolKind kind, Tensor x, Tensor gy, Tensor gx, Pool2dSpec spec) {
        resample.pool(kind, x, null, spec, gy, gx);
    }

    @Override
    public void upsample2d(Interpolation mode, boolean wrap, Tensor x, Tensor out) {
        resample.upsample(mode, wrap, x, out, false);
    }

    @Override
    public void upsample2dBackward(Interpolation mode, boolean wrap, Tensor gy, Tensor gx) {
        resample.upsample(mode, wrap, gy, gx, true);
    }

    @Override
    public void pad2d(PaddingMode mode, Tensor x, Tensor out, int top, int bottom, int left, int right) {
        resample.pad(mode, x, out, top, left, false);
    }

    @Override
    public void pad2dBackward(PaddingMode mode, Tensor gy, Tensor gx, int top, int bottom, int left, int right) {
        resample.pad(mode, gx, gy, top, left, true);
    }

    @Override
    public void normalize(Tensor x, int a, int b, int c, float eps, Tensor xhat, Tensor mean, Tensor rstd) {
        reduce.normalize(x, a, b, c, eps, xhat, mean, rstd);
    }

    @Override
    public void groupNorm(Tensor x, int groups, float eps, Tensor gamma, Tensor beta, UnaryOp activation, Tensor out,
            Tensor mean, Tensor rstd) {
        reduce.groupNorm(x, groups, eps, gamma, beta, activation, out, mean, rstd);
    }

    @Override
    public void channelAffine(Tensor x, Tensor scale, Tensor shift, UnaryOp activation, Tensor out) {
        reduce.channelAffine(x, scale, shift, activation, out);
    }

    @Override
    public void normalizeBackward(Tensor xhat, Tensor rstd, Tensor gxhat, int a, int b, int c, Tensor gx) {
        reduce.normalizeBackward(xhat, rstd, gxhat, a, b, c, gx);
    }

    @Override
    public void softmax(Tensor x, int axis, boolean log, Tensor out) {
        reduce.softmax(x, axis, log, out);
    }

    @Override
    public void softmaxBackward(Tensor y, Tensor gy, int axis, boolean log, Tensor gx) {
        reduce.softmaxBackward(y, gy, axis, log, gx);
    }

    @Override
    public void gatherRows(Tensor table, int[] rows, Tensor out) {
        elementwise.gatherRows(table, rows, out);
    }

    @Override
    public void scatterAddRows(Tensor g, int[] rows, Tensor gtable) {
        elementwise.scatterAddRows(g, rows, gtable);
    }

    @Override
    public void adamStep(Tensor p, Tensor g, Tensor m, Tensor v, AdamStep step) {
        elementwise.adam(p, g, m, v, step);
    }
}
