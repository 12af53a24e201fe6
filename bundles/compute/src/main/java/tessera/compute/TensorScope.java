package tessera.compute;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Owns device memory: every tensor's buffer belongs to one scope, and closing the scope frees
 * (or pools) the buffers of every tensor made in it. Ops allocate their outputs in the
 * <em>current</em> scope: the innermost scope opened or entered on this thread.
 *
 * <pre>{@code
 * try (TensorScope step = TensorScope.open()) {      // activations and gradients of one step
 *     Tensor loss = Losses.mse(model.forward(x), y);
 *     Autograd.backward(loss);                       // parameter grads live in the parameters' scope
 *     optimizer.step();
 * }                                                  // everything made in the step is freed here
 * }</pre>
 *
 * A long-lived scope (a model's weights) is made with {@link #detached(String)} and entered
 * when allocating into it; it may be closed from any thread. A tensor whose buffer was freed fails
 * on use with a message that says so.
 */
public final class TensorScope implements AutoCloseable {
    private static final ThreadLocal<ArrayDeque<TensorScope>> STACK = ThreadLocal.withInitial(ArrayDeque::new);
    private static volatile boolean poison;

    private final String name;
    private final List<Storage> storages = new ArrayList<>();
    private final boolean threadBound;
    private boolean closed;

    private TensorScope(String name, boolean threadBound) {
        this.name = name;
        this.threadBound = threadBound;
    }

    /** Opens a scope and makes it current on this thread until it is closed. */
    public static TensorScope open() {
        TensorScope s = new TensorScope("scope", true);
        STACK.get().push(s);
        return s;
    }

    /**
     * A scope that is not current anywhere until {@link #enter() entered}; for memory that outlives
     * one call, such as weights and optimizer state.
     *
     * @param name shown in error messages, e.g. {@code gan weights}
     */
    public static TensorScope detached(String name) {
        return new TensorScope(name, false);
    }

    /** The innermost scope on this thread. */
    public static TensorScope current() {
        TensorScope s = STACK.get().peek();
        if (s == null) {
            throw new ComputeException("no TensorScope is open on thread " + Thread.currentThread().getName()
                    + "; wrap tensor work in try (TensorScope s = TensorScope.open()) { ... }");
        }
        return s;
    }

    /**
     * Makes this scope current on this thread until the returned handle is closed, so ops allocate
     * into it. Closing the handle does not free anything.
     */
    public Entered enter() {
        checkOpen();
        ArrayDeque<TensorScope> stack = STACK.get();
        stack.push(this);
        return () -> stack.removeFirstOccurrence(this);
    }

    /** Handle returned by {@link #enter()}. */
    @FunctionalInterface
    public interface Entered extends AutoCloseable {
        @Override
        void close();
    }

    /** Allocates an uninitialized contiguous tensor owned by this scope. */
    public Tensor allocate(ComputeDevice device, Shape shape) {
        checkOpen();
        DeviceBuffer buffer = device.allocate(shape.numel());
        Storage storage = new Storage(buffer, this);
        synchronized (this) {
            storages.add(storage);
        }
        Tensor t = new Tensor(device, storage, 0, shape, shape.contiguousStrides());
        if (poison && shape.numel() > 0) {
            device.kernels().fill(t, Float.NaN);
        }
        return t;
    }

    /** Moves ownership of a tensor's buffer (and so of every view of it) into this scope. */
    void adopt(Storage storage) {
        checkOpen();
        TensorScope from = storage.owner;
        if (from == this) {
            return;
        }
        synchronized (from) {
            from.storages.remove(storage);
        }
        synchronized (this) {
            storages.add(storage);
        }
        storage.owner = this;
    }

    /** Buffers currently owned. */
    public synchronized int size() {
        return storages.size();
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    /** Frees every buffer this scope owns and, for a scope from {@link #open()}, leaves the thread's stack. */
    @Override
    public void close() {
        List<Storage> owned;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            owned = new ArrayList<>(storages);
            storages.clear();
        }
        if (threadBound) {
            STACK.get().removeFirstOccurrence(this);
        }
        for (Storage s : owned) {
            s.buffer.close();
        }
    }

    /**
     * For conformance tests: fill every new allocation with NaN, so a kernel that reads an output
     * before writing it, or leaves part of it unwritten, is caught.
     */
    public static void poisonAllocations(boolean on) {
        poison = on;
    }

    private void checkOpen() {
        if (isClosed()) {
            throw new ComputeException("tensor scope '" + name + "' is closed; allocate in an open scope");
        }
    }

    @Override
    public String toString() {
        return "TensorScope[" + name + ", " + size() + " buffers" + (closed ? ", closed" : "") + "]";
    }
}
