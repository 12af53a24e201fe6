package tessera.compute.testing;

import java.util.Random;
import java.util.function.Function;
import tessera.compute.Autograd;
import tessera.compute.ComputeDevice;
import tessera.compute.Tensor;
import tessera.compute.TensorScope;

/**
 * Checks an op's analytic gradient against central finite differences (#4), on any device. The
 * op's output is contracted with fixed random weights R to a scalar {@code L = Σ R·f(x)}, summed
 * in float64 on the host; the analytic side is {@code Autograd.grad(L, inputs)}.
 */
public final class GradCheck {
    /** At most this many elements of each input are perturbed (chosen at random). */
    public static final int MAX_PROBES = 48;

    private GradCheck() {
    }

    /**
     * @param name for messages
     * @param f the op under test, applied to fresh tensors on the inputs' device
     * @param inputs host values of each input, with their shapes
     */
    public static void check(String name, ComputeDevice device, long seed, Function<Tensor[], Tensor> f,
            Input... inputs) {
        check(name, device, seed, Tolerances.GRAD_ATOL, Tolerances.GRAD_RTOL, f, inputs);
    }

    public static void check(String name, ComputeDevice device, long seed, double atol, double rtol,
            Function<Tensor[], Tensor> f, Input... inputs) {
        try (TensorScope scope = TensorScope.open()) {
            Tensor[] leaves = new Tensor[inputs.length];
            for (int i = 0; i < inputs.length; i++) {
                leaves[i] = Tensor.of(device, inputs[i].values, inputs[i].dims).requiresGrad(true);
            }
            Tensor y = f.apply(leaves);
            Random r = new Random(seed ^ 0x5DEECE66DL);
            float[] weights = new float[y.numel()];
            for (int i = 0; i < weights.length; i++) {
                weights[i] = (float) (r.nextDouble() * 2 - 1);
            }
            Tensor w = Tensor.of(device, weights, y.dims());
            Tensor loss = y.mul(w).sum();
            Tensor[] grads = Autograd.grad(loss, leaves);
            for (int i = 0; i < inputs.length; i++) {
                float[] analytic = grads[i].toArray();
                float[] x = inputs[i].values.clone();
                int[] probes = probes(x.length, r);
                float[] got = new float[probes.length];
                double[] numeric = new double[probes.length];
                for (int p = 0; p < probes.length; p++) {
                    int e = probes[p];
                    got[p] = analytic[e];
                    numeric[p] = numericGrad(device, f, inputs, i, x, e, weights);
                }
                Tolerances.assertAllClose(name + ": gradient of input " + i + " (seed " + seed + ")", got, numeric,
                        atol, rtol);
            }
        }
    }

    private static double numericGrad(ComputeDevice device, Function<Tensor[], Tensor> f, Input[] inputs, int which,
            float[] x, int e, float[] weights) {
        float orig = x[e];
        double h = Tolerances.FD_STEP;
        x[e] = (float) (orig + h);
        double plus = contract(device, f, inputs, which, x, weights);
        double hp = x[e] - orig;
        x[e] = (float) (orig - h);
        double minus = contract(device, f, inputs, which, x, weights);
        double hm = orig - x[e];
        x[e] = orig;
        return (plus - minus) / (hp + hm);
    }

    private static double contract(ComputeDevice device, Function<Tensor[], Tensor> f, Input[] inputs, int which,
            float[] x, float[] weights) {
        try (TensorScope s = TensorScope.open(); Autograd.GradMode off = Autograd.noGrad()) {
            Tensor[] ts = new Tensor[inputs.length];
            for (int i = 0; i < inputs.length; i++) {
                ts[i] = Tensor.of(device, i == which ? x : inputs[i].values, inputs[i].dims);
            }
            float[] out = f.apply(ts).toArray();
            double sum = 0;
            for (int i = 0; i < out.length; i++) {
                sum += (double) out[i] * weights[i];
            }
            return sum;
        }
    }

    private static int[] probes(int n, Random r) {
        if (n <= MAX_PROBES) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] p = new int[MAX_PROBES];
        for (int i = 0; i < p.length; i++) {
            p[i] = r.nextInt(n);
        }
        return p;
    }

    /** One input: host values and shape. */
    public record Input(float[] values, int... dims) {
        /** Uniform values in [lo, hi). */
        public static Input uniform(Random r, float lo, float hi, int... dims) {
            int n = 1;
            for (int d : dims) {
                n *= d;
            }
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = lo + (hi - lo) * r.nextFloat();
            }
            return new Input(v, dims);
        }

        /** Values at least {@code gap} away from 0 (for relu, abs, leaky relu), magnitude up to 2. */
        public static Input awayFromZero(Random r, float gap, int... dims) {
            Input u = uniform(r, -2, 2, dims);
            for (int i = 0; i < u.values.length; i++) {
                float v = u.values[i];
                u.values[i] = Math.copySign(gap + Math.abs(v), v);
            }
            return u;
        }

        /** Distinct multiples of {@code gap}, shuffled (for max and max pool: no near-ties). */
        public static Input distinct(Random r, float gap, int... dims) {
            return distinct(r, gap, 0f, dims);
        }

        /** Distinct values {@code (k + shift)·gap}, shuffled; shift 0.5 keeps them off another grid. */
        public static Input distinct(Random r, float gap, float shift, int... dims) {
            int n = 1;
            for (int d : dims) {
                n *= d;
            }
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = (i - n / 2 + shift) * gap;
            }
            for (int i = n - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                float t = v[i];
                v[i] = v[j];
                v[j] = t;
            }
            return new Input(v, dims);
        }
    }
}
