package tessera.compute.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.DoubleBinaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import tessera.compute.Tensor;
import tessera.compute.ops.Elementwise;
import tessera.compute.ops.Reductions;
import tessera.compute.ops.Shapes;
import tessera.compute.spi.BinaryOp;
import tessera.compute.spi.UnaryOp;
import tessera.compute.testing.GradCheck.Input;

/** Unary and binary elementwise ops with broadcasting, and reductions. */
public abstract class ElementwiseConformance extends ConformanceBase {
    static final float ALPHA_SLOPE = 0.2f;

    static float alpha(UnaryOp op) {
        return switch (op) {
            case SCALE -> -1.5f;
            case ADD_SCALAR -> 0.75f;
            case POW -> 2.5f;
            case LEAKY_RELU -> ALPHA_SLOPE;
            default -> 0f;
        };
    }

    /** An input domain where the op is smooth and well conditioned. */
    Input domain(UnaryOp op, int... dims) {
        return switch (op) {
            case SQRT, RSQRT, LOG, POW, RECIPROCAL -> Input.uniform(rnd, 0.5f, 2f, dims);
            case ABS, RELU, LEAKY_RELU -> Input.awayFromZero(rnd, 0.02f, dims);
            case EXP -> Input.uniform(rnd, -2f, 2f, dims);
            default -> Input.uniform(rnd, -3f, 3f, dims);
        };
    }

    static double ref(UnaryOp op, double x, double a) {
        return switch (op) {
            case NEG -> -x;
            case ABS -> Math.abs(x);
            case SQUARE -> x * x;
            case SQRT -> Math.sqrt(x);
            case RSQRT -> 1 / Math.sqrt(x);
            case EXP -> Math.exp(x);
            case LOG -> Math.log(x);
            case RECIPROCAL -> 1 / x;
            case SCALE -> a * x;
            case ADD_SCALAR -> x + a;
            case POW -> Math.pow(x, a);
            case RELU -> Math.max(x, 0);
            case LEAKY_RELU -> x > 0 ? x : a * x;
            case SILU -> x / (1 + Math.exp(-x));
            case GELU -> 0.5 * x * (1 + erf(x / Math.sqrt(2)));
            case GELU_TANH -> 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
            case TANH -> Math.tanh(x);
            case SIGMOID -> 1 / (1 + Math.exp(-x));
            case SOFTPLUS -> Math.log1p(Math.exp(x));
            case SIN -> Math.sin(x);
            case COS -> Math.cos(x);
            case SIGN -> Math.signum(x);
        };
    }

    /** erf by its Maclaurin series (|x| &lt; 3 here), independent of the device's approximation. */
    static double erf(double x) {
        double sum = 0;
        double term = x;
        for (int n = 0; n < 200; n++) {
            sum += term / (2 * n + 1);
            term *= -x * x / (n + 1);
        }
        return 2 / Math.sqrt(Math.PI) * sum;
    }

    @ParameterizedTest
    @EnumSource(UnaryOp.class)
    void unaryMatchesFloat64OnAStridedView(UnaryOp op) {
        Input in = domain(op, 3, 4, 5);
        Tensor x = Shapes.permute(tensor(in.values(), 3, 4, 5), 2, 0, 1);
        Tensor y = Elementwise.unary(op, alpha(op), x);
        float[] xv = x.toArray();
        double[] expected = new double[xv.length];
        for (int i = 0; i < xv.length; i++) {
            expected[i] = ref(op, xv[i], alpha(op));
        }
        assertClose(op + " forward", y, expected);
    }

    @ParameterizedTest
    @EnumSource(value = UnaryOp.class, names = "SIGN", mode = EnumSource.Mode.EXCLUDE)
    void unaryGradients(UnaryOp op) {
        int[] dims = {between(1, 4), between(1, 7)};
        GradCheck.check(op.name(), device(), seed, t -> Elementwise.unary(op, alpha(op), t[0]), domain(op, dims));
    }

    static DoubleBinaryOperator ref(BinaryOp op) {
        return switch (op) {
            case ADD -> Double::sum;
            case SUB -> (a, b) -> a - b;
            case MUL -> (a, b) -> a * b;
            case DIV -> (a, b) -> a / b;
            case MAX -> Math::max;
            case MIN -> Math::min;
            case GT -> (a, b) -> a > b ? 1 : 0;
            case GE -> (a, b) -> a >= b ? 1 : 0;
            case EQ -> (a, b) -> a == b ? 1 : 0;
        };
    }

    private static final int[][][] BROADCASTS = {
        {{2, 3, 4}, {2, 3, 4}}, {{2, 3, 4}, {3, 1}}, {{2, 3, 4}, {1}}, {{2, 1, 4}, {3, 1}}, {{4}, {2, 3, 4}},
        {{5, 1, 1, 3}, {1, 4, 2, 1}}};

    @ParameterizedTest
    @EnumSource(BinaryOp.class)
    void binaryBroadcastsLikeNumPy(BinaryOp op) {
        for (int[][] shapes : BROADCASTS) {
            Input a = Input.distinct(rnd, 0.25f, shapes[0]);
            Input b = Input.uniform(rnd, 0.5f, 2f, shapes[1]);
            if (op == BinaryOp.EQ) {
                b = new Input(a.values().length == b.values().length ? a.values().clone() : b.values(), shapes[1]);
            }
            Tensor ta = tensor(a.values(), shapes[0]);
            Tensor tb = tensor(b.values(), shapes[1]);
            Tensor y = Elementwise.binary(op, ta, tb);
            Tensor ae = Shapes.expand(ta, y.dims());
            Tensor be = Shapes.expand(tb, y.dims());
            float[] av = ae.toArray();
            float[] bv = be.toArray();
            double[] expected = new double[av.length];
            for (int i = 0; i < av.length; i++) {
                expected[i] = ref(op).applyAsDouble(av[i], bv[i]);
            }
            assertClose(op + " " + ae.shape() + " from " + ta.shape() + " and " + tb.shape(), y, expected);
        }
    }

    @ParameterizedTest
    @EnumSource(value = BinaryOp.class, names = {"ADD", "SUB", "MUL", "DIV", "MAX", "MIN"})
    void binaryGradientsSumOverBroadcastAxes(BinaryOp op) {
        for (int[][] shapes : BROADCASTS) {
            Input a = Input.distinct(rnd, 0.05f, shapes[0]);
            Input b = op == BinaryOp.DIV ? Input.uniform(rnd, 0.5f, 2f, shapes[1])
                    : Input.distinct(rnd, 0.05f, 0.5f, shapes[1]);
            GradCheck.check(op + " " + java.util.Arrays.deepToString(shapes), device(), seed,
                    t -> Elementwise.binary(op, t[0], t[1]), a, b);
        }
    }

    @Test
    void reductionsOverAxes() {
        int[] dims = {between(1, 4), between(1, 5), between(1, 6)};
        Input in = Input.distinct(rnd, 0.05f, dims);
        Tensor x = tensor(in.values(), dims);
        float[] v = in.values();
        double[] sum12 = new double[dims[0]];
        double[] max0 = new double[dims[1] * dims[2]];
        java.util.Arrays.fill(max0, Double.NEGATIVE_INFINITY);
        double total = 0;
        for (int i = 0; i < dims[0]; i++) {
            for (int j = 0; j < dims[1] * dims[2]; j++) {
                double e = v[i * dims[1] * dims[2] + j];
                sum12[i] += e;
                max0[j] = Math.max(max0[j], e);
                total += e;
            }
        }
        assertClose("sum over 1, 2", Reductions.sum(x, false, 1, -1), sum12);
        assertClose("max over 0", Reductions.max(x, true, 0), max0);
        assertClose("mean", Reductions.mean(x), new double[] {total / v.length});
        assertThat(Reductions.sum(x, true, 1).dims()).containsExactly(dims[0], 1, dims[2]);
        assertThat(Reductions.min(Shapes.permute(x, 2, 1, 0), false, 0, 1, 2).item())
                .isEqualTo((0 - v.length / 2) * 0.05f);
    }

    @Test
    void reductionGradients() {
        int[] dims = {between(1, 3), between(2, 4), between(2, 5)};
        GradCheck.check("sum", device(), seed, t -> Reductions.sum(t[0], false, 0, 2), Input.uniform(rnd, -1, 1, dims));
        GradCheck.check("mean", device(), seed, t -> Reductions.mean(t[0], true, 1), Input.uniform(rnd, -1, 1, dims));
        GradCheck.check("max", device(), seed, t -> Reductions.max(t[0], false, 1), Input.distinct(rnd, 0.05f, dims));
        GradCheck.check("min", device(), seed, t -> Reductions.min(t[0], true, 0, 1, 2),
                Input.distinct(rnd, 0.05f, dims));
        GradCheck.check("variance", device(), seed, t -> Reductions.variance(t[0], false, -1),
                Input.uniform(rnd, -1, 1, dims));
    }

    @Test
    void layoutOpGradients() {
        Input a = Input.uniform(rnd, -1, 1, 2, 3, 4);
        Input b = Input.uniform(rnd, -1, 1, 2, 2, 4);
        GradCheck.check("reshape+permute", device(), seed,
                t -> Shapes.permute(Shapes.reshape(t[0], 6, 4), 1, 0).mul(t[0].reshape(4, 6)), a);
        GradCheck.check("slice", device(), seed, t -> Shapes.slice(t[0], 1, 1, 3).square(), a);
        GradCheck.check("concat", device(), seed, t -> Shapes.concat(1, t[0], t[1], t[0]).square(), a, b);
        GradCheck.check("expand", device(), seed, t -> Shapes.expand(Shapes.slice(t[0], 0, 0, 1), 5, 3, 4)
                .mul(Tensor.uniform(device(), 7, -1, 1, 5, 3, 4)), a);
        GradCheck.check("flatten/unsqueeze/squeeze", device(), seed,
                t -> Shapes.squeeze(Shapes.unsqueeze(Shapes.flatten(t[0], 1), 0), 0).tanh(), a);
    }

    @Test
    void concatPlacesInputsInOrder() {
        Tensor a = tensor(new float[] {1, 2, 3, 4}, 2, 2);
        Tensor b = tensor(new float[] {5, 6}, 2, 1);
        assertThat(Shapes.concat(1, a, b).toArray()).containsExactly(1, 2, 5, 3, 4, 6);
        assertThat(Shapes.concat(0, a, Shapes.transpose(a, 0, 1)).toArray()).containsExactly(1, 2, 3, 4, 1, 3, 2, 4);
    }
}
