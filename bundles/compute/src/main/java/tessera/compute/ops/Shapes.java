package tessera.compute.ops;

import static tessera.compute.ops.Ops.contig;
import static tessera.compute.ops.Ops.require;

import tessera.compute.Autograd;
import tessera.compute.ComputeException;
import tessera.compute.PaddingMode;
import tessera.compute.Shape;
import tessera.compute.Tensor;
import tessera.compute.spi.ReduceOp;

/** Views and layout ops: reshape, permute, slice, expand, concat, pad. */
public final class Shapes {
    private Shapes() {
    }

    /**
     * The same values in another shape; one dimension may be -1 (inferred). A view when x is
     * contiguous, else a copy.
     */
    public static Tensor reshape(Tensor x, int... dims) {
        Shape s = Shape.of(infer(x, dims));
        if (s.equals(x.shape())) {
            return x;
        }
        Tensor c = contig(x);
        Tensor y = c.view(s, s.contiguousStrides(), c.offset());
        Shape in = x.shape();
        return Autograd.record("reshape", y, (g, n) -> new Tensor[] {reshape(g, in.toArray())}, x);
    }

    /** Merges axes from {@code startAxis} to the end into one: [N, C, H, W] → [N, C·H·W] for 1. */
    public static Tensor flatten(Tensor x, int startAxis) {
        int a = x.shape().axis(startAxis);
        int[] d = new int[a + 1];
        int rest = 1;
        for (int i = 0; i < x.rank(); i++) {
            if (i < a) {
                d[i] = x.dim(i);
            } else {
                rest *= x.dim(i);
            }
        }
        d[a] = rest;
        return reshape(x, d);
    }

    /** Inserts a size-1 axis at {@code axis} (0..rank). */
    public static Tensor unsqueeze(Tensor x, int axis) {
        int r = x.rank();
        int a = axis < 0 ? axis + r + 1 : axis;
        require(a >= 0 && a <= r, "unsqueeze axis " + axis + " out of range for " + x.shape());
        int[] d = new int[r + 1];
        for (int i = 0, j = 0; i <= r; i++) {
            d[i] = i == a ? 1 : x.dim(j++);
        }
        return reshape(x, d);
    }

    /** Removes a size-1 axis. */
    public static Tensor squeeze(Tensor x, int axis) {
        int a = x.shape().axis(axis);
        require(x.dim(a) == 1, "squeeze axis " + axis + " of " + x.shape() + " is not of size 1");
        int[] d = new int[x.rank() - 1];
        for (int i = 0, j = 0; i < x.rank(); i++) {
            if (i != a) {
                d[j++] = x.dim(i);
            }
        }
        return reshape(x, d);
    }

    /** Reorders axes (a view): output axis i is input axis {@code axes[i]}. */
    public static Tensor permute(Tensor x, int... axes) {
        int r = x.rank();
        require(axes.length == r, "permute needs " + r + " axes for " + x.shape() + ", got " + Ops.str(axes));
        int[] d = new int[r];
        int[] s = new int[r];
        int[] inverse = new int[r];
        boolean[] seen = new boolean[r];
        for (int i = 0; i < r; i++) {
            int a = x.shape().axis(axes[i]);
            require(!seen[a], "permute axes " + Ops.str(axes) + " repeat an axis");
            seen[a] = true;
            d[i] = x.dim(a);
            s[i] = x.stride(a);
            inverse[a] = i;
        }
        Tensor y = x.view(Shape.of(d), s, x.offset());
        return Autograd.record("permute", y, (g, n) -> new Tensor[] {permute(g, inverse)}, x);
    }

    /** Swaps two axes (a view). */
    public static Tensor transpose(Tensor x, int a, int b) {
        int[] axes = new int[x.rank()];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = i;
        }
        int ia = x.shape().axis(a);
        int ib = x.shape().axis(b);
        axes[ia] = ib;
        axes[ib] = ia;
        return permute(x, axes);
    }

    /** Elements [start, end) along {@code axis} (a view). */
    public static Tensor slice(Tensor x, int axis, int start, int end) {
        int a = x.shape().axis(axis);
        int n = x.dim(a);
        require(0 <= start && start <= end && end <= n,
                "slice [" + start + ", " + end + ") is outside axis " + axis + " of " + x.shape());
        Tensor y = x.view(x.shape().with(a, end - start), x.strides(), x.offset() + start * x.stride(a));
        Shape in = x.shape();
        return Autograd.record("slice", y, (g, need) -> {
            Tensor gx = Tensor.zeros(g.device(), in.toArray());
            Tensor part = gx.view(in.with(a, end - start), gx.strides(), start * gx.stride(a));
            g.device().kernels().copy(g, part);
            return new Tensor[] {gx};
        }, x);
    }

    /** Joins tensors along an axis; all other dimensions must agree. */
    public static Tensor concat(int axis, Tensor... xs) {
        require(xs.length > 0, "concat needs at least one tensor");
        Ops.device("concat", xs);
        Shape first = xs[0].shape();
        int a = first.axis(axis);
        int total = 0;
        for (Tensor t : xs) {
            require(t.rank() == first.rank(), "concat: " + t.shape() + " and " + first + " differ in rank");
            for (int i = 0; i < first.rank(); i++) {
                require(i == a || t.dim(i) == first.dim(i),
                        "concat along axis " + axis + ": " + t.shape() + " does not match " + first);
            }
            total += t.dim(a);
        }
        Tensor y = Ops.out(xs[0].device(), first.with(a, total));
        int[] starts = new int[xs.length];
        int at = 0;
        for (int i = 0; i < xs.length; i++) {
            starts[i] = at;
            Tensor part = y.view(xs[i].shape(), y.strides(), at * y.stride(a));
            y.device().kernels().copy(xs[i], part);
            at += xs[i].dim(a);
        }
        return Autograd.record("concat", y, (g, need) -> {
            Tensor[] gs = new Tensor[xs.length];
            for (int i = 0; i < xs.length; i++) {
                if (need[i]) {
                    gs[i] = g.view(xs[i].shape(), g.strides(), g.offset() + starts[i] * g.stride(a));
                }
            }
            return gs;
        }, xs);
    }

    /**
     * Broadcasts x to {@code dims} (a view with stride 0 on stretched axes), NumPy rules: trailing
     * axes align, size-1 axes stretch, missing leading axes are added.
     */
    public static Tensor expand(Tensor x, int... dims) {
        Shape target = Shape.of(dims);
        if (target.equals(x.shape())) {
            return x;
        }
        int r = dims.length;
        int off = r - x.rank();
        require(off >= 0, "cannot expand " + x.shape() + " to the lower rank " + target);
        int[] s = new int[r];
        for (int i = 0; i < r; i++) {
            int j = i - off;
            if (j < 0) {
                s[i] = 0;
            } else if (x.dim(j) == dims[i]) {
                s[i] = x.stride(j);
            } else if (x.dim(j) == 1) {
                s[i] = 0;
            } else {
                throw new ComputeException("cannot broadcast " + x.shape() + " to " + target);
            }
        }
        Tensor y = x.view(target, s, x.offset());
        Shape in = x.shape();
        return Autograd.record("expand", y, (g, n) -> new Tensor[] {sumTo(g, in)}, x);
    }

    /** Sums a broadcast gradient back to {@code shape}: the adjoint of {@link #expand}. */
    public static Tensor sumTo(Tensor g, Shape shape) {
        if (g.shape().equals(shape)) {
            return g;
        }
        int off = g.rank() - shape.rank();
        int[] keep = new int[g.rank()];
        for (int i = 0; i < g.rank(); i++) {
            int j = i - off;
            keep[i] = j >= 0 && shape.dim(j) == g.dim(i) ? g.dim(i) : 1;
        }
        Tensor r = Ops.out(g.device(), keep);
        g.device().kernels().reduce(ReduceOp.SUM, g, r);
        Tensor result = r.view(shape, shape.contiguousStrides(), 0);
        return Autograd.record("sumTo", result, (gg, n) -> new Tensor[] {expand(gg, g.dims())}, g);
    }

    /** The broadcast shape of two shapes, or a message naming both. */
    public static Shape broadcast(Shape a, Shape b) {
        int r = Math.max(a.rank(), b.rank());
        int[] d = new int[r];
        for (int i = 0; i < r; i++) {
            int da = i - (r - a.rank()) >= 0 ? a.dim(i - (r - a.rank())) : 1;
            int db = i - (r - b.rank()) >= 0 ? b.dim(i - (r - b.rank())) : 1;
            if (da != db && da != 1 && db != 1) {
                throw new ComputeException("shapes " + a + " and " + b + " do not broadcast (axis " + i + ")");
            }
            d[i] = da == 1 ? db : da;
        }
        return Shape.of(d);
    }

    /** A contiguous copy when x is a view with gaps or another order; x itself otherwise. */
    public static Tensor contiguous(Tensor x) {
        if (x.isContiguous()) {
            return x;
        }
        Tensor y = contig(x);
        return Autograd.record("contiguous", y, (g, n) -> new Tensor[] {g}, x);
    }

    /**
     * Pads the last two axes of an NCHW tensor; {@link PaddingMode#CIRCULAR} wraps the tile around
     * (pads up to the axis size), {@link PaddingMode#REFLECT} mirrors (pads below the axis size).
     */
    public static Tensor pad2d(Tensor x, int top, int bottom, int left, int right, PaddingMode mode) {
        Ops.rank("pad2d", x, 4, "NCHW");
        int h = x.dim(2);
        int w = x.dim(3);
        require(top >= 0 && bottom >= 0 && left >= 0 && right >= 0, "pad2d: negative padding");
        int limitH = mode == PaddingMode.REFLECT ? h - 1 : mode == PaddingMode.CIRCULAR ? h : Integer.MAX_VALUE;
        int limitW = mode == PaddingMode.REFLECT ? w - 1 : mode == PaddingMode.CIRCULAR ? w : Integer.MAX_VALUE;
        require(Math.max(top, bottom) <= limitH && Math.max(left, right) <= limitW,
                mode + " padding of " + top + "/" + bottom + "/" + left + "/" + right + " is too large for "
                        + x.shape() + "; it may be at most " + (mode == PaddingMode.REFLECT ? "size-1" : "the size"));
        Tensor xc = contig(x);
        Tensor y = Ops.out(x.device(), x.dim(0), x.dim(1), h + top + bottom, w + left + right);
        x.device().kernels().pad2d(mode, xc, y, top, bottom, left, right);
        return Autograd.record("pad2d", y, (g, n) -> {
            Tensor gx = Ops.out(g.device(), x.shape());
            g.device().kernels().pad2dBackward(mode, contig(g), gx, top, bottom, left, right);
            return new Tensor[] {gx};
        }, x);
    }

    /**
     * The adjoint of {@link #pad2d}: crops the border and, for circular and reflect modes, adds it
     * back where it came from. A transposed convolution with circular padding ends with this.
     */
    public static Tensor unpad2d(Tensor y, int top, int bottom, int left, int right, PaddingMode mode) {
        Ops.rank("unpad2d", y, 4, "NCHW");
        int h = y.dim(2) - top - bottom;
        int w = y.dim(3) - left - right;
        require(h > 0 && w > 0, "unpad2d: cropping " + top + "/" + bottom + "/" + left + "/" + right
                + " leaves nothing of " + y.shape());
        int limitH = mode == PaddingMode.REFLECT ? h - 1 : mode == PaddingMode.CIRCULAR ? h : Integer.MAX_VALUE;
        int limitW = mode == PaddingMode.REFLECT ? w - 1 : mode == PaddingMode.CIRCULAR ? w : Integer.MAX_VALUE;
        require(Math.max(top, bottom) <= limitH && Math.max(left, right) <= limitW, mode + " border of "
                + top + "/" + bottom + "/" + left + "/" + right + " cannot fold onto " + h + "x" + w
                + "; it may be at most " + (mode == PaddingMode.REFLECT ? "size-1" : "the size"));
        Tensor x = Ops.out(y.device(), y.dim(0), y.dim(1), h, w);
        y.device().kernels().pad2dBackward(mode, contig(y), x, top, bottom, left, right);
        return Autograd.record("unpad2d", x, (g, n) -> {
            Tensor gy = Ops.out(g.device(), y.shape());
            g.device().kernels().pad2d(mode, contig(g), gy, top, bottom, left, right);
            return new Tensor[] {gy};
        }, y);
    }

    private static int[] infer(Tensor x, int[] dims) {
        int[] d = dims.clone();
        int unknown = -1;
        long known = 1;
        for (int i = 0; i < d.length; i++) {
            if (d[i] == -1) {
                require(unknown < 0, "reshape " + Ops.str(dims) + ": at most one -1");
                unknown = i;
            } else {
                known *= d[i];
            }
        }
        if (unknown >= 0) {
            require(known > 0 && x.numel() % known == 0,
                    "cannot reshape " + x.shape() + " to " + Ops.str(dims));
            d[unknown] = (int) (x.numel() / known);
            known *= d[unknown];
        }
        require(known == x.numel(), "cannot reshape " + x.shape() + " (" + x.numel() + " elements) to "
                + Ops.str(dims));
        return d;
    }
}
