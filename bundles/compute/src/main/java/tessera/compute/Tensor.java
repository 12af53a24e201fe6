package tessera.compute;

import java.util.Arrays;
import tessera.compute.ops.Elementwise;
import tessera.compute.ops.Linalg;
import tessera.compute.ops.Reductions;
import tessera.compute.ops.Shapes;
import tessera.compute.spi.Distribution;

/**
 * A float32 tensor on one device: a view (shape, strides, offset, all in elements) of a buffer
 * owned by a {@link TensorScope}. Image tensors are NCHW. Tensors are immutable to ops: every op
 * returns a new tensor (possibly a view sharing memory), so autograd never sees in-place changes;
 * only optimizers update parameters in place, outside the graph.
 *
 * <p>Ops live in {@code tessera.compute.ops}; the methods here are the common ones, for fluent use.
 */
public final class Tensor {
    private final ComputeDevice device;
    private final Storage storage;
    private final int offset;
    private final Shape shape;
    private final int[] strides;
    private boolean requiresGrad;
    private Tensor grad;
    /** The last cleared gradient, reused by the next backward pass (see {@link #clearGrad}). */
    private Tensor spareGrad;
    /** The op that made this tensor, for autograd; null for leaves and untracked results. */
    Autograd.Node node;

    Tensor(ComputeDevice device, Storage storage, int offset, Shape shape, int[] strides) {
        this.device = device;
        this.storage = storage;
        this.offset = offset;
        this.shape = shape;
        this.strides = strides;
    }

    // ---- creation (in the current scope) ------------------------------------------------------

    /** An uninitialized contiguous tensor in the current scope. */
    public static Tensor empty(ComputeDevice device, int... dims) {
        return TensorScope.current().allocate(device, Shape.of(dims));
    }

    public static Tensor empty(ComputeDevice device, Shape shape) {
        return TensorScope.current().allocate(device, shape);
    }

    public static Tensor zeros(ComputeDevice device, int... dims) {
        return full(device, 0f, dims);
    }

    public static Tensor ones(ComputeDevice device, int... dims) {
        return full(device, 1f, dims);
    }

    public static Tensor full(ComputeDevice device, float value, int... dims) {
        Tensor t = empty(device, dims);
        device.kernels().fill(t, value);
        return t;
    }

    /** A rank-0 tensor holding {@code value}. */
    public static Tensor scalar(ComputeDevice device, float value) {
        return full(device, value);
    }

    /**
     * A tensor with the given contents, row-major.
     *
     * @param data exactly as many values as the shape has elements
     */
    public static Tensor of(ComputeDevice device, float[] data, int... dims) {
        Shape s = Shape.of(dims);
        if (data.length != s.numel()) {
            throw new ComputeException(data.length + " values given for shape " + s + ", which holds "
                    + s.numel());
        }
        Tensor t = empty(device, s);
        device.write(data, 0, t.buffer(), 0, data.length);
        return t;
    }

    /** Uniform in [lo, hi), reproducible across devices (see {@code CounterRng}). */
    public static Tensor uniform(ComputeDevice device, long seed, float lo, float hi, int... dims) {
        Tensor t = empty(device, dims);
        device.kernels().random(t, Distribution.UNIFORM, seed, lo, hi);
        return t;
    }

    /** Normal with the given mean and standard deviation, reproducible across devices. */
    public static Tensor normal(ComputeDevice device, long seed, float mean, float std, int... dims) {
        Tensor t = empty(device, dims);
        device.kernels().random(t, Distribution.NORMAL, seed, mean, std);
        return t;
    }

    // ---- geometry -----------------------------------------------------------------------------

    public ComputeDevice device() {
        return device;
    }

    public Shape shape() {
        return shape;
    }

    public int[] dims() {
        return shape.toArray();
    }

    /** @param axis negative counts from the end */
    public int dim(int axis) {
        return shape.dim(axis);
    }

    public int rank() {
        return shape.rank();
    }

    public int numel() {
        return shape.numel();
    }

    /** Strides in elements, one per axis (0 for a broadcast axis). */
    public int[] strides() {
        return strides.clone();
    }

    public int stride(int axis) {
        return strides[shape.axis(axis)];
    }

    /** Offset of element [0, ..., 0] in the buffer, in elements. */
    public int offset() {
        return offset;
    }

    /** The buffer this tensor views; fails when its scope has been closed. */
    public DeviceBuffer buffer() {
        if (storage.buffer.isClosed()) {
            throw new ComputeException("tensor " + shape + " on " + device.id() + " was freed when its scope "
                    + "closed; make it in a longer-lived scope or move it there with moveTo(scope)");
        }
        return storage.buffer;
    }

    /** Row-major with no gaps (size-1 axes may have any stride). */
    public boolean isContiguous() {
        int expected = 1;
        for (int i = strides.length - 1; i >= 0; i--) {
            int d = shape.dim(i);
            if (d != 1 && strides[i] != expected) {
                return false;
            }
            expected *= d;
        }
        return true;
    }

    /** True when both tensors view the same buffer. */
    public boolean sharesMemoryWith(Tensor other) {
        return storage == other.storage;
    }

    /**
     * A view of the same memory with another geometry, without autograd: the building block of
     * reshape, permute, slice and expand in {@code tessera.compute.ops.Shapes}.
     *
     * @throws ComputeException when the view would reach outside the buffer
     */
    public Tensor view(Shape newShape, int[] newStrides, int newOffset) {
        if (newStrides.length != newShape.rank()) {
            throw new ComputeException("view " + newShape + " needs " + newShape.rank() + " strides, got "
                    + Arrays.toString(newStrides));
        }
        long lo = newOffset;
        long hi = newOffset;
        for (int i = 0; i < newStrides.length; i++) {
            int d = newShape.dim(i);
            if (d == 0) {
                lo = hi = newOffset;
                break;
            }
            long reach = (long) (d - 1) * newStrides[i];
            if (reach < 0) {
                lo += reach;
            } else {
                hi += reach;
            }
        }
        if (newShape.numel() > 0 && (lo < 0 || hi >= buffer().size())) {
            throw new ComputeException("view " + newShape + " strides " + Arrays.toString(newStrides) + " offset "
                    + newOffset + " reaches outside its buffer of " + storage.buffer.size() + " elements");
        }
        return new Tensor(device, storage, newOffset, newShape, newStrides.clone());
    }

    // ---- autograd -----------------------------------------------------------------------------

    /** Marks a leaf (a parameter or an input to guide) as needing its gradient. */
    public Tensor requiresGrad(boolean on) {
        if (node != null) {
            throw new ComputeException("requiresGrad can only be set on a leaf tensor; this one was made by "
                    + node.op() + " (use detach() first)");
        }
        this.requiresGrad = on;
        return this;
    }

    /** True for a leaf marked with {@link #requiresGrad(boolean)} or a result of such a tensor. */
    public boolean requiresGrad() {
        return requiresGrad || node != null;
    }

    public boolean isLeaf() {
        return node == null;
    }

    /** The op that made this tensor, or null for a leaf. */
    public String gradFn() {
        return node == null ? null : node.op();
    }

    /** The accumulated gradient of a leaf after {@link Autograd#backward}, or null. */
    public Tensor grad() {
        return grad;
    }

    void setGrad(Tensor g) {
        this.grad = g;
    }

    /**
     * Forgets the accumulated gradient. Its memory is kept for the next backward pass to reuse: a leaf's gradient
     * lives in the leaf's own (long-lived) scope, so allocating a fresh one per step would grow a trained model's
     * parameter scope by one gradient set every step until the heap runs out.
     */
    public void clearGrad() {
        if (grad != null) {
            spareGrad = grad;
        }
        this.grad = null;
    }

    /** The memory of the last cleared gradient, once, while its scope is open; else null. */
    Tensor takeSpareGrad() {
        Tensor s = spareGrad;
        spareGrad = null;
        return s != null && !s.isClosed() && s.shape().equals(shape) ? s : null;
    }

    /** The same memory, cut from the graph. */
    public Tensor detach() {
        return new Tensor(device, storage, offset, shape, strides);
    }

    /** Starts reverse mode from this scalar: shorthand for {@link Autograd#backward(Tensor)}. */
    public void backward() {
        Autograd.backward(this);
    }

    // ---- fluent shorthands for the common ops (see tessera.compute.ops) -------------------------

    public Tensor add(Tensor other) {
        return Elementwise.add(this, other);
    }

    public Tensor add(float s) {
        return Elementwise.add(this, s);
    }

    public Tensor sub(Tensor other) {
        return Elementwise.sub(this, other);
    }

    public Tensor mul(Tensor other) {
        return Elementwise.mul(this, other);
    }

    public Tensor mul(float s) {
        return Elementwise.mul(this, s);
    }

    public Tensor div(Tensor other) {
        return Elementwise.div(this, other);
    }

    public Tensor neg() {
        return Elementwise.neg(this);
    }

    public Tensor square() {
        return Elementwise.square(this);
    }

    public Tensor exp() {
        return Elementwise.exp(this);
    }

    public Tensor log() {
        return Elementwise.log(this);
    }

    public Tensor relu() {
        return Elementwise.relu(this);
    }

    public Tensor sigmoid() {
        return Elementwise.sigmoid(this);
    }

    public Tensor tanh() {
        return Elementwise.tanh(this);
    }

    public Tensor matmul(Tensor other) {
        return Linalg.matmul(this, other);
    }

    public Tensor reshape(int... newDims) {
        return Shapes.reshape(this, newDims);
    }

    public Tensor permute(int... axes) {
        return Shapes.permute(this, axes);
    }

    public Tensor transpose(int a, int b) {
        return Shapes.transpose(this, a, b);
    }

    /** Sum of all elements (rank 0). */
    public Tensor sum() {
        return Reductions.sum(this);
    }

    /** Mean of all elements (rank 0). */
    public Tensor mean() {
        return Reductions.mean(this);
    }

    // ---- memory and host transfer -------------------------------------------------------------

    /** The scope that owns this tensor's buffer. */
    public TensorScope scope() {
        return storage.owner;
    }

    /** Moves this tensor's buffer (shared by all its views) into another scope; returns this. */
    public Tensor moveTo(TensorScope scope) {
        buffer();
        scope.adopt(storage);
        return this;
    }

    public boolean isClosed() {
        return storage.buffer.isClosed();
    }

    /** A contiguous host copy, row-major. */
    public float[] toArray() {
        float[] out = new float[numel()];
        if (isContiguous()) {
            device.read(buffer(), offset, out, 0, out.length);
            return out;
        }
        try (TensorScope tmp = TensorScope.open()) {
            Tensor c = tmp.allocate(device, shape);
            device.kernels().copy(this, c);
            device.read(c.buffer(), 0, out, 0, out.length);
        }
        return out;
    }

    /** The value of a one-element tensor. */
    public float item() {
        if (numel() != 1) {
            throw new ComputeException("item() needs a tensor with one element, this one is " + shape);
        }
        float[] v = new float[1];
        device.read(buffer(), offset, v, 0, 1);
        return v[0];
    }

    /** Overwrites a contiguous tensor's contents from host floats (outside autograd). */
    public Tensor copyFrom(float[] data) {
        if (!isContiguous() || data.length != numel()) {
            throw new ComputeException("copyFrom needs a contiguous tensor and " + numel() + " values; got "
                    + data.length + " values for " + shape + (isContiguous() ? "" : " (not contiguous)"));
        }
        device.write(data, 0, buffer(), offset, data.length);
        return this;
    }

    @Override
    public String toString() {
        return "Tensor" + shape + " on " + device.id() + (node != null ? " (" + node.op() + ")" : "")
                + (storage.buffer.isClosed() ? " [freed]" : "");
    }
}
