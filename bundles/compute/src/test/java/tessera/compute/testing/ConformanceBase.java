package tessera.compute.testing;

import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import tessera.compute.ComputeDevice;
import tessera.compute.Tensor;
import tessera.compute.TensorScope;

/**
 * Base of the device conformance suites (#4, #5): a device subclasses each suite and returns
 * itself from {@link #device()}. Every test runs in a fresh scope with allocations poisoned (NaN),
 * on fresh random inputs; the seed is in every failure message and can be fixed with
 * {@code -Dtessera.test.seed=N}.
 */
public abstract class ConformanceBase {
    protected TensorScope scope;
    protected Random rnd;
    protected long seed;

    /** The device under test. */
    protected abstract ComputeDevice device();

    @BeforeEach
    void openScope() {
        seed = Long.getLong("tessera.test.seed", System.nanoTime());
        rnd = new Random(seed);
        TensorScope.poisonAllocations(true);
        scope = TensorScope.open();
    }

    @AfterEach
    void closeScope() {
        scope.close();
        TensorScope.poisonAllocations(false);
    }

    /** A label with the seed, for assertion messages. */
    protected String at(String what) {
        return what + " [seed " + seed + "]";
    }

    protected Tensor tensor(float[] values, int... dims) {
        return Tensor.of(device(), values, dims);
    }

    protected float[] uniform(int n, float lo, float hi) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = lo + (hi - lo) * rnd.nextFloat();
        }
        return v;
    }

    protected static int numel(int... dims) {
        int n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }

    protected int between(int lo, int hi) {
        return lo + rnd.nextInt(hi - lo + 1);
    }

    protected void assertClose(String what, Tensor actual, double[] expected) {
        Tolerances.assertAllClose(at(what), actual.toArray(), expected, Tolerances.FWD_ATOL, Tolerances.FWD_RTOL);
    }

    protected void assertDotClose(String what, Tensor actual, double[] expected) {
        Tolerances.assertAllClose(at(what), actual.toArray(), expected, Tolerances.DOT_ATOL, Tolerances.DOT_RTOL);
    }
}
