package tessera.compute.cpu.internal;

import tessera.compute.spi.BinaryOp;
import tessera.compute.spi.UnaryOp;

/** The scalar definition of every elementwise op and its derivative: the CPU reference. */
final class ScalarMath {
    private static final float SQRT_2_OVER_PI = 0.7978845608028654f;
    private static final double INV_SQRT_2 = 0.7071067811865476;
    private static final double INV_SQRT_2PI = 0.3989422804014327;

    private ScalarMath() {
    }

    static float apply(UnaryOp op, float alpha, float x) {
        return switch (op) {
            case NEG -> -x;
            case ABS -> Math.abs(x);
            case SQUARE -> x * x;
            case SQRT -> (float) Math.sqrt(x);
            case RSQRT -> (float) (1.0 / Math.sqrt(x));
            case EXP -> (float) Math.exp(x);
            case LOG -> (float) Math.log(x);
            case RECIPROCAL -> 1f / x;
            case SCALE -> alpha * x;
            case ADD_SCALAR -> x + alpha;
            case POW -> (float) Math.pow(x, alpha);
            case RELU -> x > 0 ? x : 0f;
            case LEAKY_RELU -> x > 0 ? x : alpha * x;
            case SILU -> (float) (x / (1.0 + Math.exp(-x)));
            case GELU -> (float) (0.5 * x * (1.0 + erf(x * INV_SQRT_2)));
            case GELU_TANH -> (float) (0.5 * x * (1.0 + Math.tanh(SQRT_2_OVER_PI * (x + 0.044715 * x * x * x))));
            case TANH -> (float) Math.tanh(x);
            case SIGMOID -> (float) sigmoid(x);
            case SOFTPLUS -> (float) (Math.max(x, 0.0) + Math.log1p(Math.exp(-Math.abs(x))));
            case SIN -> (float) Math.sin(x);
            case COS -> (float) Math.cos(x);
            case SIGN -> Math.signum(x);
        };
    }

    /** d op(x) / dx, given x and (for some ops) y = op(x). */
    static float derivative(UnaryOp op, float alpha, float x) {
        return switch (op) {
            case NEG -> -1f;
            case ABS -> Math.signum(x);
            case SQUARE -> 2f * x;
            case SQRT -> (float) (0.5 / Math.sqrt(x));
            case RSQRT -> (float) (-0.5 / (x * Math.sqrt(x)));
            case EXP -> (float) Math.exp(x);
            case LOG -> 1f / x;
            case RECIPROCAL -> -1f / (x * x);
            case SCALE -> alpha;
            case ADD_SCALAR -> 1f;
            case POW -> (float) (alpha * Math.pow(x, alpha - 1));
            case RELU -> x > 0 ? 1f : 0f;
            case LEAKY_RELU -> x > 0 ? 1f : alpha;
            case SILU -> {
                double s = sigmoid(x);
                yield (float) (s * (1 + x * (1 - s)));
            }
            case GELU -> (float) (0.5 * (1.0 + erf(x * INV_SQRT_2)) + x * INV_SQRT_2PI * Math.exp(-0.5 * x * x));
            case GELU_TANH -> {
                double u = SQRT_2_OVER_PI * (x + 0.044715 * x * x * x);
                double t = Math.tanh(u);
                double du = SQRT_2_OVER_PI * (1 + 3 * 0.044715 * x * x);
                yield (float) (0.5 * (1 + t) + 0.5 * x * (1 - t * t) * du);
            }
            case TANH -> {
                double t = Math.tanh(x);
                yield (float) (1 - t * t);
            }
            case SIGMOID -> {
                double s = sigmoid(x);
                yield (float) (s * (1 - s));
            }
            case SOFTPLUS -> (float) sigmoid(x);
            case SIN -> (float) Math.cos(x);
            case COS -> (float) -Math.sin(x);
            case SIGN -> 0f;
        };
    }

    static float apply(BinaryOp op, float a, float b) {
        return switch (op) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            case MAX -> Math.max(a, b);
            case MIN -> Math.min(a, b);
            case GT -> a > b ? 1f : 0f;
            case GE -> a >= b ? 1f : 0f;
            case EQ -> a == b ? 1f : 0f;
        };
    }

    static double sigmoid(double x) {
        if (x >= 0) {
            return 1.0 / (1.0 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1.0 + e);
    }

    /** erf to ~1e-14 (W. J. Cody's rational approximations via erfc for |x| &gt; 0.5). */
    static double erf(double x) {
        double ax = Math.abs(x);
        if (ax < 0.5) {
            double t = x * x;
            double num = (((0.185777706184603153 * t + 3.16112374387056560) * t + 113.864154151050156) * t
                    + 377.485237685302021) * t + 3209.37758913846947;
            double den = (((t + 23.6012909523441209) * t + 244.024637934444173) * t + 1282.61652607737228) * t
                    + 2844.23683343917062;
            return x * num / den;
        }
        double r = 1.0 - erfc(ax);
        return x < 0 ? -r : r;
    }

    private static double erfc(double x) {
        if (x < 4.0) {
            double num = (((((((2.15311535474403846e-8 * x + 5.64188496988670089e-1) * x + 8.88314979438837594)
                    * x + 66.1191906371416295) * x + 298.635138197400131) * x + 881.952221241769090) * x
                    + 1712.04761263407058) * x + 2051.07837782607147) * x + 1230.33935479799725;
            double den = (((((((x + 15.7449261107098347) * x + 117.693950891312499) * x + 537.181101862009858) * x
                    + 1621.38957456669019) * x + 3290.79923573345963) * x + 4362.61909014324716) * x
                    + 3439.36767414372164) * x + 1230.33935479799725;
            return Math.exp(-x * x) * num / den;
        }
        double z = 1.0 / (x * x);
        double num = ((((1.63153871373020978e-2 * z + 3.05326634961232344e-1) * z + 3.60344899949804439e-1) * z
                + 1.25781726111229246e-1) * z + 1.60837851487422766e-2) * z + 6.58749161529837803e-4;
        double den = ((((z + 2.56852019228982242) * z + 1.87295284992346725) * z + 5.27905102951428412e-1) * z
                + 6.05183413124413191e-2) * z + 2.33520497626869185e-3;
        double r = (0.5641895835477563 - z * num / den) / x;
        return Math.exp(-x * x) * r;
    }
}
