package tessera.compute;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.annotation.versioning.ConsumerType;
import tessera.compute.spi.BinaryOp;

/**
 * Reverse-mode automatic differentiation. Each op records a {@link GradFn} next to its forward;
 * {@link #backward} accumulates into the {@code grad()} of leaves that require it (training);
 * {@link #grad} returns the gradients of chosen tensors without touching any {@code grad()}
 * (gradient guidance: the gradient of a constraint penalty with respect to an image).
 * Backward functions run with recording off; first derivatives only.
 */
public final class Autograd {
    private static final ThreadLocal<boolean[]> DISABLED = ThreadLocal.withInitial(() -> new boolean[1]);

    private Autograd() {
    }

    /**
     * The backward of one op: given the gradient of its output, the gradients of its inputs.
     * Implemented next to each op's forward, and by users for custom differentiable ops.
     */
    @ConsumerType
    @FunctionalInterface
    public interface GradFn {
        /**
         * @param gradOutput gradient of the op's output, its shape
         * @param needsGrad which inputs need a gradient
         * @return one gradient per input, each of that input's shape, null where not needed
         */
        Tensor[] backward(Tensor gradOutput, boolean[] needsGrad);
    }

    /** A recorded op application. */
    record Node(String op, Tensor[] inputs, GradFn fn) {
    }

    /** Restores the previous recording state when closed. */
    @FunctionalInterface
    public interface GradMode extends AutoCloseable {
        @Override
        void close();
    }

    /** Turns recording off on this thread (inference, optimizer steps) until the handle closes. */
    public static GradMode noGrad() {
        boolean[] flag = DISABLED.get();
        boolean before = flag[0];
        flag[0] = true;
        return () -> flag[0] = before;
    }

    public static boolean isRecording() {
        return !DISABLED.get()[0];
    }

    /** True when recording is on and some input requires a gradient: the op should record. */
    public static boolean needsGrad(Tensor... inputs) {
        if (!isRecording()) {
            return false;
        }
        for (Tensor t : inputs) {
            if (t != null && t.requiresGrad()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Records that {@code out} was computed from {@code inputs} by {@code op}, when any input needs
     * a gradient; returns {@code out}. Null inputs (an absent bias) are allowed.
     */
    public static Tensor record(String op, Tensor out, GradFn fn, Tensor... inputs) {
        if (needsGrad(inputs)) {
            out.node = new Node(op, inputs.clone(), fn);
        }
        return out;
    }

    /** Backpropagates from a one-element tensor (a loss) into the leaves' {@code grad()}. */
    public static void backward(Tensor loss) {
        if (loss.numel() != 1) {
            throw new ComputeException("backward() without a gradient needs a one-element loss, got "
                    + loss.shape() + "; reduce it (sum, mean) or pass the output gradient");
        }
        backward(loss, Tensor.ones(loss.device(), loss.dims()));
    }

    /** Backpropagates {@code gradOutput} (of {@code out}'s shape) into the leaves' {@code grad()}. */
    public static void backward(Tensor out, Tensor gradOutput) {
        run(out, gradOutput, null);
    }

    /**
     * Gradients of a one-element {@code out} with respect to {@code wrt} (leaves or not), without
     * changing any {@code grad()}; a tensor that {@code out} does not depend on gets zeros.
     */
    public static Tensor[] grad(Tensor out, Tensor... wrt) {
        if (out.numel() != 1) {
            throw new ComputeException("grad() needs a one-element output, got " + out.shape());
        }
        return vjp(out, Tensor.ones(out.device(), out.dims()), wrt);
    }

    /**
     * Vector-Jacobian product: like {@link #grad(Tensor, Tensor...)} for an output of any shape,
     * with {@code gradOutput} (of the output's shape) as the incoming gradient.
     */
    public static Tensor[] vjp(Tensor out, Tensor gradOutput, Tensor... wrt) {
        Map<Tensor, Tensor> captured = new IdentityHashMap<>();
        for (Tensor t : wrt) {
            captured.put(t, null);
        }
        run(out, gradOutput, captured);
        Tensor[] result = new Tensor[wrt.length];
        for (int i = 0; i < wrt.length; i++) {
            Tensor g = captured.get(wrt[i]);
            result[i] = g != null ? g : Tensor.zeros(wrt[i].device(), wrt[i].dims());
        }
        return result;
    }

    private static void run(Tensor out, Tensor gradOutput, Map<Tensor, Tensor> captured) {
        if (!gradOutput.shape().equals(out.shape())) {
            throw new ComputeException("output gradient " + gradOutput.shape() + " does not match output "
                    + out.shape());
        }
        if (!out.requiresGrad()) {
            throw new ComputeException("this tensor does not depend on any tensor that requires a gradient; "
                    + "mark parameters or inputs with requiresGrad(true) and compute outside noGrad()");
        }
        List<Tensor> order = topologicalOrder(out);
        Set<Tensor> relevant = captured == null ? null : relevant(order, captured.keySet());
        Map<Tensor, Tensor> grads = new IdentityHashMap<>();
        grads.put(out, gradOutput);
        try (GradMode off = noGrad()) {
            for (int i = order.size() - 1; i >= 0; i--) {
                Tensor t = order.get(i);
                Tensor g = grads.remove(t);
                if (g == null) {
                    continue;
                }
                if (captured != null && captured.containsKey(t)) {
                    captured.put(t, g);
                }
                if (t.node == null) {
                    if (captured == null && t.requiresGrad()) {
                        accumulateLeaf(t, g);
                    }
                    continue;
                }
                propagate(t, g, grads, relevant);
            }
        }
    }

    private static void propagate(Tensor t, Tensor g, Map<Tensor, Tensor> grads, Set<Tensor> relevant) {
        Node n = t.node;
        boolean[] needs = new boolean[n.inputs().length];
        boolean any = false;
        for (int k = 0; k < needs.length; k++) {
            Tensor in = n.inputs()[k];
            needs[k] = in != null && in.requiresGrad() && (relevant == null || relevant.contains(in));
            any |= needs[k];
        }
        if (!any) {
            return;
        }
        Tensor[] ins = n.fn().backward(g, needs);
        for (int k = 0; k < needs.length; k++) {
            if (!needs[k]) {
                continue;
            }
            Tensor in = n.inputs()[k];
            Tensor gi = ins[k];
            if (gi == null || !gi.shape().equals(in.shape())) {
                throw new ComputeException("backward of " + n.op() + " returned gradient "
                        + (gi == null ? "null" : gi.shape().toString()) + " for input " + k + " of shape "
                        + in.shape());
            }
            Tensor prev = grads.get(in);
            grads.put(in, prev == null ? gi : add(prev, gi));
        }
    }

    private static Tensor add(Tensor a, Tensor b) {
        Tensor sum = Tensor.empty(a.device(), a.shape());
        a.device().kernels().binary(BinaryOp.ADD, a, b, sum);
        return sum;
    }

    private static void accumulateLeaf(Tensor leaf, Tensor g) {
        Tensor existing = leaf.grad();
        if (existing == null || existing.isClosed()) {
            Tensor fresh = leaf.takeSpareGrad();
            if (fresh == null) {
                fresh = leaf.scope().allocate(leaf.device(), leaf.shape());
            }
            leaf.device().kernels().copy(g, fresh);
            leaf.setGrad(fresh);
        } else {
            leaf.device().kernels().binary(BinaryOp.ADD, existing, g, existing);
        }
    }

    /** Post-order of every tensor {@code out} depends on (inputs before the tensors made from them). */
    private static List<Tensor> topologicalOrder(Tensor out) {
        List<Tensor> order = new ArrayList<>();
        Set<Tensor> visited = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<Object[]> stack = new ArrayDeque<>();
        stack.push(new Object[] {out, 0});
        visited.add(out);
        while (!stack.isEmpty()) {
            Object[] frame = stack.peek();
            Tensor t = (Tensor) frame[0];
            int next = (Integer) frame[1];
            Tensor[] inputs = t.node == null ? new Tensor[0] : t.node.inputs();
            if (next < inputs.length) {
                frame[1] = next + 1;
                Tensor in = inputs[next];
                if (in != null && in.requiresGrad() && visited.add(in)) {
                    stack.push(new Object[] {in, 0});
                }
            } else {
                stack.pop();
                order.add(t);
            }
        }
        return order;
    }

    /** Tensors from which some target is reachable (so gradients need to flow through them). */
    private static Set<Tensor> relevant(List<Tensor> order, Set<Tensor> targets) {
        Set<Tensor> rel = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Tensor t : order) {
            boolean r = targets.contains(t);
            if (!r && t.node != null) {
                for (Tensor in : t.node.inputs()) {
                    if (in != null && rel.contains(in)) {
                        r = true;
                        break;
                    }
                }
            }
            if (r) {
                rel.add(t);
            }
        }
        return rel;
    }
}
