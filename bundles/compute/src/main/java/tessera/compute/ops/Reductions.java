package tessera.compute.ops;

import tessera.compute.Autograd;
import tessera.compute.ComputeDevice;
import tessera.compute.Tensor;
import tessera.compute.spi.BinaryOp;
import tessera.compute.spi.ReduceOp;

/** Sums, means and extrema over axes. */
public final class Reductions {
    private Reductions() {
    }

    /** Sum of all elements: a rank-0 tensor. */
    public static Tensor sum(Tensor x) {
        return Shapes.reshape(reduce(ReduceOp.SUM, x, true, all(x)));
    }

    /** Mean of all elements: a rank-0 tensor. */
    public static Tensor mean(Tensor x) {
        return Elementwise.mul(sum(x), 1f / Math.max(1, x.numel()));
    }

    /** Sum over the given axes (negative counts from the end). */
    public static Tensor sum(Tensor x, boolean keepDims, int... axes) {
        return reduce(ReduceOp.SUM, x, keepDims, axes);
    }

    /** Mean over the given axes. */
    public static Tensor mean(Tensor x, boolean keepDims, int... axes) {
        int count = 1;
        for (int a : axes) {
            count *= x.dim(a);
        }
        return Elementwise.mul(sum(x, keepDims, axes), 1f / Math.max(1, count));
    }

    /** Maximum over axes; the gradient is shared equally among tied maxima. */
    public static Tensor max(Tensor x, boolean keepDims, int... axes) {
        return reduce(ReduceOp.MAX, x, keepDims, axes);
    }

    /** Minimum over axes; the gradient is shared equally among tied minima. */
    public static Tensor min(Tensor x, boolean keepDims, int... axes) {
        return reduce(ReduceOp.MIN, x, keepDims, axes);
    }

    /** Biased variance over axes (as normalization layers use). */
    public static Tensor variance(Tensor x, boolean keepDims, int... axes) {
        Tensor mu = mean(x, true, axes);
        Tensor v = mean(Elementwise.square(Elementwise.sub(x, mu)), true, axes);
        return keepDims ? v : dropAxes(v, x, axes);
    }

    static Tensor reduce(ReduceOp op, Tensor x, boolean keepDims, int... axes) {
        ComputeDevice d = Ops.device("reduce", x);
        int[] kept = x.dims();
        boolean[] reduced = new boolean[x.rank()];
        for (int a : axes) {
            int n = x.shape().axis(a);
            reduced[n] = true;
            kept[n] = 1;
        }
        Tensor y = Ops.out(d, kept);
        d.kernels().reduce(op, x, y);
        Tensor keep = Autograd.record(op.name().toLowerCase(), y, (g, need) -> {
            Tensor ge = Shapes.expand(g, x.dims());
            if (op == ReduceOp.SUM) {
                return new Tensor[] {ge};
            }
            Tensor mask = Elementwise.binary(BinaryOp.EQ, x, Shapes.expand(y, x.dims()));
            Tensor count = reduce(ReduceOp.SUM, mask, true, axes);
            return new Tensor[] {Elementwise.mul(ge, Elementwise.div(mask, count))};
        }, x);
        return keepDims ? keep : dropAxes(keep, x, axes);
    }

    private static Tensor dropAxes(Tensor y, Tensor x, int[] axes) {
        boolean[] reduced = new boolean[x.rank()];
        for (int a : axes) {
            reduced[x.shape().axis(a)] = true;
        }
        int n = 0;
        for (boolean r : reduced) {
            n += r ? 0 : 1;
        }
        int[] d = new int[n];
        for (int i = 0, j = 0; i < x.rank(); i++) {
            if (!reduced[i]) {
                d[j++] = x.dim(i);
            }
        }
        return Shapes.reshape(y, d);
    }

    private static int[] all(Tensor x) {
        int[] a = new int[x.rank()];
        for (int i = 0; i < a.length; i++) {
            a[i] = i;
        }
        return a;
    }
}
