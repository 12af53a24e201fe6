package tessera.compute.spi;

/**
 * The counter-based random numbers every device produces, so that a seed gives the same tensor on
 * the CPU and on a GPU (#4, #5). Element {@code i} (row-major index) of a fill with seed {@code s}:
 * uniform {@code u(s, i) = (mix(s + (i+1)·φ) >>> 40) · 2⁻²⁴} in [0, 1), with splitmix64's finalizer
 * {@code mix} and φ = 0x9E3779B97F4A7C15; normal by Box–Muller from {@code u(s, 2i)} and
 * {@code u(s, 2i+1)}: {@code sqrt(-2 ln(1-u₁)) cos(2π u₂)}.
 */
public final class CounterRng {
    private static final long PHI = 0x9E3779B97F4A7C15L;

    private CounterRng() {
    }

    /** splitmix64's output function. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1) with 24 random bits. */
    public static float uniform(long seed, long index) {
        return (mix(seed + (index + 1) * PHI) >>> 40) * 0x1.0p-24f;
    }

    /** Standard normal. */
    public static float normal(long seed, long index) {
        double u1 = uniform(seed, 2 * index);
        double u2 = uniform(seed, 2 * index + 1);
        return (float) (Math.sqrt(-2.0 * Math.log(1.0 - u1)) * Math.cos(2.0 * Math.PI * u2));
    }
}
