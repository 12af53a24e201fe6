package tessera.plugin.constraints.internal.colour;

/**
 * Weighted mean, 95th percentile and maximum of colour differences: how far a reduction moved the
 * design. The percentile comes from a histogram in steps of 0.01 ΔE, so it costs one pass even over
 * the 16 million per-pixel differences of a dithered 4096 × 4096 tile.
 */
final class Spread {
    private static final double STEP = 0.01;
    private static final int BUCKETS = 30_000; // up to 300 ΔE, beyond any two colours

    private Spread() {
    }

    /** @return {mean, p95, max} of {@code values} weighted by {@code weights} (null: all 1); zeros when empty */
    static double[] of(double[] values, long[] weights) {
        long[] hist = new long[BUCKETS];
        long total = 0;
        double sum = 0;
        double max = 0;
        for (int i = 0; i < values.length; i++) {
            long w = weights == null ? 1 : weights[i];
            if (w == 0) {
                continue;
            }
            total += w;
            sum += w * values[i];
            max = Math.max(max, values[i]);
            hist[Math.min(BUCKETS - 1, (int) (values[i] / STEP))] += w;
        }
        if (total == 0) {
            return new double[] {0, 0, 0};
        }
        long seen = 0;
        double p95 = max;
        for (int b = 0; b < BUCKETS; b++) {
            seen += hist[b];
            if (seen >= 0.95 * total) {
                p95 = Math.min(max, (b + 1) * STEP);
                break;
            }
        }
        return new double[] {sum / total, p95, max};
    }
}
