package tessera.plugin.constraints.internal.colour;

import tessera.imaging.colour.DeltaE;

/**
 * Counts a design's colours as a screen printer would: shades closer than {@code mergeDe} ΔE2000 are one
 * colour (they would be printed from one screen anyway), and colours that together with their merged
 * shades cover less than {@code minAreaFraction} of the tile are ignored (anti-aliased edges, JPEG-like
 * noise). Greedy leader clustering: cells, heaviest first, join the nearest leader within
 * {@code mergeDe}, or lead a new colour. The heaviest shade leads, so the result does not drift along a
 * gradient the way running means would, and it is deterministic. A design is continuous-tone when its
 * colours fill a table of {@link #MAX_COLOURS}, or when more than half its area lies in colours too
 * small to count (noise, photographs): no palette describes it.
 *
 * @param distinct        distinct 8-bit sRGB colours in the tile
 * @param colours         colours after merging, above the area threshold; {@link #MAX_COLOURS} for continuous tone
 * @param continuousTone  true for a photographic, noisy or gradient design (see above)
 * @param ignoredFraction share of the tile's area in colours under the area threshold
 * @param mergeDe         the ΔE2000 merge distance used
 * @param minAreaFraction the area threshold used, as a fraction
 */
record ColourCensus(int distinct, int colours, boolean continuousTone, double ignoredFraction, double mergeDe,
        double minAreaFraction) {
    /** More colours than any screen or yarn line holds (24 screens, 16 wefts) by a wide margin. */
    static final int MAX_COLOURS = 256;
    /**
     * A cell lighter than this share of the area threshold may join a colour but not start one: to
     * count, a colour must gather 16 such cells within the merge distance, which speckle and noise never
     * do. Without it, random specks would fill the colour table before the area threshold could
     * discard them.
     */
    static final int LEAD_FRACTION = 16;
    /** Above this share of uncounted area a design is continuous tone. */
    static final double MOSTLY_UNCOUNTED = 0.5;
    /**
     * ΔE76 beyond which two sRGB colours cannot be within {@code mergeDe} ΔE2000: CIEDE2000's chroma and
     * hue weights shrink differences of saturated colours, by at most 8.5× over 3 million random pairs of
     * sRGB colours within 3 ΔE2000. Skips most ΔE2000 calls.
     */
    private static final double DE76_PER_DE2000 = 10;

    static ColourCensus of(ColourHistogram h, LabBins bins, double mergeDe, double minAreaFraction) {
        double[] leader = new double[3 * MAX_COLOURS];
        long[] weight = new long[MAX_COLOURS];
        int leaders = 0;
        long specks = 0;
        double far = DE76_PER_DE2000 * mergeDe;
        double minPixels = minAreaFraction * bins.total();
        double minLead = minPixels / LEAD_FRACTION;
        for (int b = 0; b < bins.size(); b++) {
            double l = bins.lab(b, 0);
            double a = bins.lab(b, 1);
            double bb = bins.lab(b, 2);
            int best = -1;
            double bestDe = mergeDe;
            for (int k = 0; k < leaders; k++) {
                double dl = l - leader[3 * k];
                double da = a - leader[3 * k + 1];
                double db = bb - leader[3 * k + 2];
                double d76 = dl * dl + da * da + db * db;
                if (d76 > far * far) {
                    continue;
                }
                double de = DeltaE.ciede2000(leader[3 * k], leader[3 * k + 1], leader[3 * k + 2], l, a, bb);
                if (de < bestDe) {
                    bestDe = de;
                    best = k;
                }
            }
            if (best < 0 && bins.weight(b) < minLead) {
                specks += bins.weight(b);
                continue;
            }
            if (best < 0 && leaders == MAX_COLOURS) {
                // as many colours as the table holds, and this one is heavy: continuous tone, stop counting
                return new ColourCensus(h.size(), MAX_COLOURS, true, 0, mergeDe, minAreaFraction);
            }
            if (best < 0) {
                best = leaders++;
                leader[3 * best] = l;
                leader[3 * best + 1] = a;
                leader[3 * best + 2] = bb;
            }
            weight[best] += bins.weight(b);
        }
        int colours = 0;
        long ignored = specks;
        for (int k = 0; k < leaders; k++) {
            if (weight[k] >= minPixels) {
                colours++;
            } else {
                ignored += weight[k];
            }
        }
        double ignoredFraction = bins.total() == 0 ? 0 : ignored / (double) bins.total();
        boolean continuous = ignoredFraction > MOSTLY_UNCOUNTED;
        return new ColourCensus(h.size(), continuous ? MAX_COLOURS : colours, continuous, ignoredFraction, mergeDe, minAreaFraction);
    }
}
