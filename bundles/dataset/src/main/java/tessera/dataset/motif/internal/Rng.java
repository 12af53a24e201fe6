package tessera.dataset.motif.internal;

import java.util.List;

/**
 * SplitMix64, written out so that a seed gives the same stream on every JVM and machine: the JDK's
 * generators are free to change their algorithms between releases, this class is not.
 */
public final class Rng {
    private long state;

    public Rng(long seed) {
        this.state = seed;
    }

    /** Stafford's mix13 finalizer: a fast, well-spread 64-bit hash. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /**
     * Seed of the {@code index}-th item derived from a base seed; used for dataset tiles and for
     * generator candidates so that item i never depends on how many items come before or after it.
     */
    public static long derive(long base, long index) {
        return mix(mix(base + 0x9e3779b97f4a7c15L) ^ (index * 0xd1b54a32d192ed03L + 0x2545f4914f6cdd1dL));
    }

    public long nextLong() {
        state += 0x9e3779b97f4a7c15L;
        return mix(state);
    }

    /** @return uniform in [0, 1), 53 bits */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** @return uniform in [lo, hi) */
    public double range(double lo, double hi) {
        return lo + (hi - lo) * nextDouble();
    }

    /** @return uniform in 0..bound-1; bound ≥ 1 (Lemire's multiply-shift, bias below 2^-32 for our bounds) */
    public int nextInt(int bound) {
        return (int) (((nextLong() >>> 32) * bound) >>> 32);
    }

    /** @return uniform in lo..hi inclusive */
    public int between(int lo, int hi) {
        return lo + nextInt(hi - lo + 1);
    }

    public boolean chance(double p) {
        return nextDouble() < p;
    }

    public <T> T pick(List<T> items) {
        return items.get(nextInt(items.size()));
    }

    /** @return index drawn with the given non-negative weights */
    public int weighted(double... weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double r = nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    /** A child stream, so that adding draws to one design element does not shift the others. */
    public Rng fork() {
        return new Rng(nextLong());
    }
}
