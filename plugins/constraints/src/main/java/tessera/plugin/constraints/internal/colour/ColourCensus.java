package tessera.plugin.constraints.internal.colour;

import tessera.api.image.RgbImage;
import tessera.imaging.colour.DeltaE;

/**
 * Counts a design's colours as a screen printer would: shades closer than {@code mergeDe} ΔE2000 are one
 * colour (they would be printed from one screen anyway), and colours that together with their merged
 * shades cover less than {@code minAreaFraction} of the tile are ignored (anti-aliased edges, JPEG-like
 * noise). Greedy leader clustering: cells, heaviest first, join the nearest leader within
 * {@code mergeDe}, or lead a new colour. The heaviest shade leads, so the result does not drift along a
 * gradient the way running means would, and it is deterministic. A design is continuous-tone when more
 * than {@link #MAX_COLOURS} colours count, or when more than half its area lies in colours too small to
 * count (noise, photographs): no palette describes it.
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
     * Colours tracked while counting. Many more than {@link #MAX_COLOURS}, because speckle makes many
     * small colours before the area threshold discards them; cells that find no room are ignored area.
     * Bounds the work at cells × 1024 cheap distance tests.
     */
    static final int MAX_LEADERS = 1024;
    /** Above this share of uncounted area a design is continuous tone. */
    static final double MOSTLY_UNCOUNTED = 0.5;
    /**
     * ΔE76 beyond which two sRGB colours cannot be within {@code mergeDe} ΔE2000: CIEDE2000's chroma and
     * hue weights shrink differences of saturated colours, by at most 8.5× over 3 million random pairs of
     * sRGB colours within 3 ΔE2000. Skips most ΔE2000 calls.
     */
    private static final double DE76_PER_DE2000 = 10;

    static ColourCensus of(RgbImage tile, double mergeDe, double minAreaFraction) {
        return of(ColourHistogram.of(tile), mergeDe, minAreaFraction);
    }

    static ColourCensus of(ColourHistogram h, double mergeDe, double minAreaFraction) {
        return of(h, LabBins.of(h), mergeDe, minAreaFraction);
    }

    static ColourCensus of(ColourHistogram h, LabBins bins, double mergeDe, double minAreaFraction) {
        double[] leader = new double[3 * MAX_LEADERS];
        long[] weight = new long[MAX_LEADERS];
        int leaders = 0;
        long overflow = 0;
        double far = DE76_PER_DE2000 * mergeDe;
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
            if (best < 0 && leaders == MAX_LEADERS) {
                overflow += bins.weight(b); // cells come heaviest first: this one is lighter than every tracked colour's lead
                continue;
            }
            if (best < 0) {
                best = leaders++;
                leader[3 * best] = l;
                leader[3 * best + 1] = a;
                leader[3 * best + 2] = bb;
            }
            weight[best] += bins.weight(b);
        }
        double minPixels = minAreaFraction * bins.total();
        int colours = 0;
        long ignored = overflow;
        for (int k = 0; k < leaders; k++) {
            if (weight[k] >= minPixels) {
                colours++;
            } else {
                ignored += weight[k];
            }
        }
        double ignoredFraction = bins.total() == 0 ? 0 : ignored / (double) bins.total();
        boolean continuous = colours > MAX_COLOURS || ignoredFraction > MOSTLY_UNCOUNTED;
        return new ColourCensus(h.size(), continuous ? MAX_COLOURS : colours, continuous, ignoredFraction, mergeDe, minAreaFraction);
    }
}
