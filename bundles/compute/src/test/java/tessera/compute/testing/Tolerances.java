package tessera.compute.testing;

/**
 * Every tolerance the compute tests use, in one place (STYLE rule 8). An element passes when
 * {@code |actual - expected| <= atol + rtol·|expected|}; NaN never passes.
 */
public final class Tolerances {
    /** float32 forward results against a float64 reference, for short reductions. */
    public static final double FWD_ATOL = 1e-5;
    public static final double FWD_RTOL = 1e-4;
    /** float32 results of long dot products (GEMM, convolution) against float64: error grows ~sqrt(K). */
    public static final double DOT_ATOL = 1e-4;
    public static final double DOT_RTOL = 1e-3;
    /** Analytic gradients against central differences of the float32 forward (step {@link #FD_STEP}). */
    public static final double GRAD_ATOL = 5e-3;
    public static final double GRAD_RTOL = 1e-2;
    /** Central-difference step; inputs of non-smooth ops keep at least 2 steps away from kinks. */
    public static final double FD_STEP = 2e-3;

    private Tolerances() {
    }

    public static void assertAllClose(String what, float[] actual, double[] expected, double atol, double rtol) {
        if (actual.length != expected.length) {
            throw new AssertionError(what + ": " + actual.length + " values, expected " + expected.length);
        }
        int bad = -1;
        double worst = 0;
        int fails = 0;
        for (int i = 0; i < actual.length; i++) {
            double err = Math.abs(actual[i] - expected[i]);
            double allowed = atol + rtol * Math.abs(expected[i]);
            if (!(err <= allowed)) {
                fails++;
                double ratio = Double.isNaN(err) ? Double.POSITIVE_INFINITY : err / allowed;
                if (bad < 0 || ratio > worst) {
                    worst = ratio;
                    bad = i;
                }
            }
        }
        if (fails > 0) {
            throw new AssertionError(String.format("%s: %d of %d values differ; worst at %d: got %s, expected %s "
                    + "(atol %.1e + rtol %.1e·|ref|)", what, fails, actual.length, bad, actual[bad], expected[bad],
                    atol, rtol));
        }
    }

    public static void assertAllClose(String what, float[] actual, float[] expected, double atol, double rtol) {
        double[] e = new double[expected.length];
        for (int i = 0; i < e.length; i++) {
            e[i] = expected[i];
        }
        assertAllClose(what, actual, e, atol, rtol);
    }

    /** ‖a − ref‖ / ‖ref‖ (issue #5 states GPU accuracy this way). */
    public static double relativeError(float[] actual, double[] ref) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < ref.length; i++) {
            double d = actual[i] - ref[i];
            num += d * d;
            den += ref[i] * ref[i];
        }
        return den == 0 ? Math.sqrt(num) : Math.sqrt(num / den);
    }
}
