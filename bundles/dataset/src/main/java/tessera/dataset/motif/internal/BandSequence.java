package tessera.dataset.motif.internal;

/**
 * The colour order across one period of a striped or zigzag design, as cut points in [0, 1): the
 * textile "sett" or stripe layout. Swatch 0 is the ground.
 */
final class BandSequence {
    private final double[] ends;
    private final int[] swatches;

    private BandSequence(double[] ends, int[] swatches) {
        this.ends = ends;
        this.swatches = swatches;
    }

    /**
     * @param inks     motif inks available (swatches 1..inks)
     * @param stripes  coloured stripes per period, ≥ 1
     * @param coverage fraction of the period in motif inks, 0..1
     * @param symmetric lay the stripes out and back, as most woven and printed stripes are
     * @param minWidth smallest stripe as a fraction of the period (keeps stripes at least a pixel wide)
     */
    static BandSequence random(Rng rng, int inks, int stripes, double coverage, boolean symmetric, double minWidth) {
        int half = symmetric ? Math.max(1, (stripes + 1) / 2) : stripes;
        double[] widths = new double[half];
        double[] gaps = new double[half];
        double sw = 0, sg = 0;
        for (int i = 0; i < half; i++) {
            widths[i] = rng.range(0.35, 1.6);
            gaps[i] = rng.range(0.5, 1.5);
            sw += widths[i];
            sg += gaps[i];
        }
        int[] colour = new int[half];
        for (int i = 0; i < half; i++) {
            colour[i] = 1 + (i % inks);
        }
        // the order of colours varies between designs, not just widths
        for (int i = half - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = colour[i];
            colour[i] = colour[j];
            colour[j] = t;
        }
        double scale = symmetric ? 0.5 : 1;
        int n = half * 2 * (symmetric ? 2 : 1);
        double[] ends = new double[n];
        int[] sw2 = new int[n];
        double at = 0;
        int k = 0;
        for (int pass = 0; pass < (symmetric ? 2 : 1); pass++) {
            for (int s = 0; s < half; s++) {
                int i = pass == 0 ? s : half - 1 - s;
                double stripe = Math.max(minWidth, scale * coverage * widths[i] / sw);
                double gap = Math.max(minWidth, scale * (1 - coverage) * gaps[i] / sg);
                if (pass == 0) {
                    at += stripe;
                    ends[k] = at;
                    sw2[k++] = colour[i];
                    at += gap;
                    ends[k] = at;
                    sw2[k++] = 0;
                } else {
                    at += gap;
                    ends[k] = at;
                    sw2[k++] = 0;
                    at += stripe;
                    ends[k] = at;
                    sw2[k++] = colour[i];
                }
            }
        }
        for (int i = 0; i < n; i++) {
            ends[i] /= at; // widths were floored at minWidth; renormalise to exactly one period
        }
        ends[n - 1] = 1;
        return new BandSequence(ends, sw2);
    }

    /** @param s position in the period, [0, 1) */
    int swatchAt(double s) {
        for (int i = 0; i < ends.length; i++) {
            if (s < ends[i]) {
                return swatches[i];
            }
        }
        return swatches[ends.length - 1];
    }
}
