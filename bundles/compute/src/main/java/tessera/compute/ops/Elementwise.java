package tessera.compute.ops;

import static tessera.compute.ops.Ops.contig;

import tessera.compute.Autograd;
import tessera.compute.ComputeDevice;
import tessera.compute.Shape;
import tessera.compute.Tensor;
import tessera.compute.spi.BinaryOp;
import tessera.compute.spi.UnaryOp;

/** Elementwise arithmetic with broadcasting, and the activation functions. */
public final class Elementwise {
    private Elementwise() {
    }

    // ---- binary, broadcasting ------------------------------------------------------------------

    public static Tensor add(Tensor a, Tensor b) {
        return binary(BinaryOp.ADD, a, b);
    }

    public static Tensor sub(Tensor a, Tensor b) {
        return binary(BinaryOp.SUB, a, b);
    }

    public static Tensor mul(Tensor a, Tensor b) {
        return binary(BinaryOp.MUL, a, b);
    }

    public static Tensor div(Tensor a, Tensor b) {
        return binary(BinaryOp.DIV, a, b);
    }

    /** Elementwise max; where a == b the gradient goes to a. */
    public static Tensor maximum(Tensor a, Tensor b) {
        return binary(BinaryOp.MAX, a, b);
    }

    /** Elementwise min; where a == b the gradient goes to a. */
    public static Tensor minimum(Tensor a, Tensor b) {
        return binary(BinaryOp.MIN, a, b);
    }

    /** 1 where a &gt; b, else 0; not differentiable (no gradient flows). */
    public static Tensor greater(Tensor a, Tensor b) {
        try (Autograd.GradMode off = Autograd.noGrad()) {
            return binary(BinaryOp.GT, a, b);
        }
    }

    /** 1 where a == b, else 0; not differentiable. */
    public static Tensor equal(Tensor a, Tensor b) {
        try (Autograd.GradMode off = Autograd.noGrad()) {
            return binary(BinaryOp.EQ, a, b);
        }
    }

    /** a + s */
    public static Tensor add(Tensor a, float s) {
        return unary(UnaryOp.ADD_SCALAR, s, a);
    }

    /** a · s */
    public static Tensor mul(Tensor a, float s) {
        return unary(UnaryOp.SCALE, s, a);
    }

    /** Any {@link BinaryOp} with broadcasting; comparisons (GT, GE, EQ) pass no gradient. */
    public static Tensor binary(BinaryOp op, Tensor a, Tensor b) {
        ComputeDevice d = Ops.device(op.name().toLowerCase(), a, b);
        Shape s = Shapes.broadcast(a.shape(), b.shape());
        Tensor av;
        Tensor bv;
        try (Autograd.GradMode off = Autograd.noGrad()) {
            av = Shapes.expand(a, s.toArray());
            bv = Shapes.expand(b, s.toArray());
        }
        Tensor y = Ops.out(d, s);
        d.kernels().binary(op, av, bv, y);
        if (op == BinaryOp.GT || op == BinaryOp.GE || op == BinaryOp.EQ) {
            return y;
        }
        return Autograd.record(op.name().toLowerCase(), y, (g, need) -> {
            Tensor ga = null;
            Tensor gb = null;
            switch (op) {
                case ADD -> {
                    ga = g;
                    gb = g;
                }
                case SUB -> {
                    ga = g;
                    gb = need[1] ? neg(g) : null;
                }
                case MUL -> {
                    ga = need[0] ? mul(g, b) : null;
                    gb = need[1] ? mul(g, a) : null;
                }
                case DIV -> {
                    ga = need[0] ? div(g, b) : null;
                    gb = need[1] ? neg(div(mul(g, y), b)) : null;
                }
                case MAX -> {
                    ga = need[0] ? mul(g, binary(BinaryOp.GE, a, b)) : null;
                    gb = need[1] ? mul(g, binary(BinaryOp.GT, b, a)) : null;
                }
                case MIN -> {
                    ga = need[0] ? mul(g, binary(BinaryOp.GE, b, a)) : null;
                    gb = need[1] ? mul(g, binary(BinaryOp.GT, a, b)) : null;
                }
                default -> throw new IllegalStateException(op + " has no gradient");
            }
            return new Tensor[] {
                need[0] ? Shapes.sumTo(ga, a.shape()) : null,
                need[1] ? Shapes.sumTo(gb, b.shape()) : null};
        }, a, b);
    }

    // ---- unary ---------------------------------------------------------------------------------

    public static Tensor neg(Tensor x) {
        return unary(UnaryOp.NEG, 0f, x);
    }

    public static Tensor abs(Tensor x) {
        return unary(UnaryOp.ABS, 0f, x);
    }

    public static Tensor square(Tensor x) {
        return unary(UnaryOp.SQUARE, 0f, x);
    }

    public static Tensor sqrt(Tensor x) {
        return unary(UnaryOp.SQRT, 0f, x);
    }

    public static Tensor rsqrt(Tensor x) {
        return unary(UnaryOp.RSQRT, 0f, x);
    }

    public static Tensor exp(Tensor x) {
        return unary(UnaryOp.EXP, 0f, x);
    }

    public static Tensor log(Tensor x) {
        return unary(UnaryOp.LOG, 0f, x);
    }

    public static Tensor reciprocal(Tensor x) {
        return unary(UnaryOp.RECIPROCAL, 0f, x);
    }

    /** x^p elementwise (x &gt; 0 unless p is an integer). */
    public static Tensor pow(Tensor x, float p) {
        return unary(UnaryOp.POW, p, x);
    }

    public static Tensor relu(Tensor x) {
        return unary(UnaryOp.RELU, 0f, x);
    }

    /** @param slope gradient for x &lt; 0, typically 0.01 or 0.2 */
    public static Tensor leakyRelu(Tensor x, float slope) {
        return unary(UnaryOp.LEAKY_RELU, slope, x);
    }

    public static Tensor silu(Tensor x) {
        return unary(UnaryOp.SILU, 0f, x);
    }

    /** The exact (erf) GELU, PyTorch's default. */
    public static Tensor gelu(Tensor x) {
        return unary(UnaryOp.GELU, 0f, x);
    }

    /** The tanh approximation of GELU (PyTorch {@code approximate='tanh'}). */
    public static Tensor geluTanh(Tensor x) {
        return unary(UnaryOp.GELU_TANH, 0f, x);
    }

    public static Tensor tanh(Tensor x) {
        return unary(UnaryOp.TANH, 0f, x);
    }

    public static Tensor sigmoid(Tensor x) {
        return unary(UnaryOp.SIGMOID, 0f, x);
    }

    public static Tensor softplus(Tensor x) {
        return unary(UnaryOp.SOFTPLUS, 0f, x);
    }

    public static Tensor sin(Tensor x) {
        return unary(UnaryOp.SIN, 0f, x);
    }

    public static Tensor cos(Tensor x) {
        return unary(UnaryOp.COS, 0f, x);
    }

    /** Any {@link UnaryOp} with its scalar parameter. */
    public static Tensor unary(UnaryOp op, float alpha, Tensor x) {
        ComputeDevice d = Ops.device(op.name().toLowerCase(), x);
        Tensor y = Ops.out(d, x.shape());
        d.kernels().unary(op, alpha, x, y);
        if (op == UnaryOp.SIGN) {
            return y;
        }
        return Autograd.record(op.name().toLowerCase(), y, (g, need) -> {
            Tensor gx = Ops.out(g.device(), x.shape());
            g.device().kernels().unaryBackward(op, alpha, contig(x), y, contig(g), gx);
            return new Tensor[] {gx};
        }, x);
    }
}
