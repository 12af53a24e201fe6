package tessera.plugin.constraints.internal.colour;

import java.util.Arrays;

import tessera.api.image.RgbImage;
import tessera.imaging.colour.DeltaE;

/**
 * Reduces a design to at most k colours by k-means in CIELAB (D50), the repair for too many screens or
 * yarns (#6). k-means runs on {@link LabBins} weighted by pixels, so a large ground colour pulls its
 * centre and a speck of anti-aliasing does not. Seeding is deterministic: the heaviest colour first,
 * then repeatedly the colour with the largest weight × squared distance to the centres chosen so far
 * (the greedy form of k-means++), so the same design always gets the same palette. Each cluster is
 * then printed in its medoid: the design colour, among its {@value #MEDOID_CANDIDATES} heaviest, with
 * the least pixel-weighted ΔE76 to the cluster's colours. A large ground colour so keeps its exact value
 * instead of drifting towards the accents merged into it or giving way to an anti-aliased blend near
 * the mean (brand and ground colours matter most to a customer), and the palette holds only colours
 * the designer chose. Every colour of the design maps to its
 * nearest palette colour (or, with dithering, pixels are error-diffused over the palette). The cost is
 * reported as ΔE2000 between each pixel's original and new colour.
 */
final class PaletteReduction {
    private static final int MAX_ITERATIONS = 100;
    static final int MEDOID_CANDIDATES = 32;

    /**
     * @param tile       the reduced tile
     * @param palette    packed 0xRRGGBB palette colours, all taken from the design
     * @param area       share of the tile's pixels per palette colour
     * @param meanDe     pixel-weighted mean ΔE2000 of the change
     * @param p95De      95th percentile over pixels
     * @param maxDe      largest change of any pixel
     */
    record Result(RgbImage tile, int[] palette, double[] area, double meanDe, double p95De, double maxDe) {
    }

    private PaletteReduction() {
    }

    /**
     * @param tile   the design
     * @param h      its colours
     * @param bins   its colours pooled
     * @param k      colours wanted, ≥ 1
     * @param dither Floyd–Steinberg error diffusion over the palette instead of nearest colour
     */
    static Result reduce(RgbImage tile, ColourHistogram h, LabBins bins, int k, boolean dither) {
        int[] chosen = palette(h, bins, k);
        int[] palette = new int[chosen.length];
        double[] paletteLab = new double[3 * chosen.length];
        for (int j = 0; j < chosen.length; j++) {
            palette[j] = h.rgb(chosen[j]);
            for (int q = 0; q < 3; q++) {
                paletteLab[3 * j + q] = h.labView()[3 * chosen[j] + q];
            }
        }
        return dither ? ErrorDiffusion.apply(tile, palette, paletteLab) : nearest(tile, h, palette, paletteLab);
    }

    /**
     * Reduces to at most k colours of a fixed (brand) palette: the k brand colours that together lie
     * nearest the design's colours, chosen greedily (each round adds the brand colour that lowers the
     * area-weighted ΔE2000 to the nearest chosen colour most), then every pixel goes to its nearest chosen
     * colour, or is error-diffused over them.
     *
     * @param brand packed 0xRRGGBB colours, ≥ 1
     */
    static Result reduceToBrand(RgbImage tile, ColourHistogram h, LabBins bins, int[] brand, int k, boolean dither) {
        double[] brandLab = PaletteMap.lab(brand);
        int[] chosen = chooseBrand(bins, brandLab, Math.min(k, brand.length));
        int[] palette = new int[chosen.length];
        double[] paletteLab = new double[3 * chosen.length];
        for (int j = 0; j < chosen.length; j++) {
            palette[j] = brand[chosen[j]];
            System.arraycopy(brandLab, 3 * chosen[j], paletteLab, 3 * j, 3);
        }
        return dither ? ErrorDiffusion.apply(tile, palette, paletteLab) : nearest(tile, h, palette, paletteLab);
    }

    /** @return indices into the brand palette of the {@code k} colours chosen, in the order chosen */
    private static int[] chooseBrand(LabBins bins, double[] brandLab, int k) {
        int nb = brandLab.length / 3;
        // ΔE2000 from every bin to every brand colour, once
        double[][] de = new double[nb][bins.size()];
        for (int j = 0; j < nb; j++) {
            for (int b = 0; b < bins.size(); b++) {
                de[j][b] = DeltaE.ciede2000(bins.lab(b, 0), bins.lab(b, 1), bins.lab(b, 2), brandLab[3 * j], brandLab[3 * j + 1],
                        brandLab[3 * j + 2]);
            }
        }
        double[] best = new double[bins.size()];
        Arrays.fill(best, Double.POSITIVE_INFINITY);
        boolean[] used = new boolean[nb];
        int[] chosen = new int[k];
        for (int round = 0; round < k; round++) {
            int pick = -1;
            double pickCost = Double.POSITIVE_INFINITY;
            for (int j = 0; j < nb; j++) {
                if (used[j]) {
                    continue;
                }
                double cost = 0;
                for (int b = 0; b < bins.size(); b++) {
                    cost += bins.weight(b) * Math.min(best[b], de[j][b]);
                }
                if (cost < pickCost) {
                    pickCost = cost;
                    pick = j;
                }
            }
            used[pick] = true;
            chosen[round] = pick;
            for (int b = 0; b < bins.size(); b++) {
                best[b] = Math.min(best[b], de[pick][b]);
            }
        }
        return chosen;
    }

    /**
     * The palette {@link #reduce} prints in, without reducing the tile: k-means in CIELAB, then each
     * cluster's medoid.
     *
     * @return indices into {@code h} of at most k palette colours, without repeats
     */
    static int[] palette(ColourHistogram h, LabBins bins, int k) {
        return medoids(kMeans(bins, k), h, bins);
    }

    /** Every distinct colour to its nearest palette colour; the cost is computed per distinct colour, weighted by its pixels. */
    private static Result nearest(RgbImage tile, ColourHistogram h, int[] palette, double[] paletteLab) {
        int[] packed = ColourHistogram.pack(tile);
        float[] lab = h.labView();
        int[] to = new int[h.size()];
        double[] de = new double[h.size()];
        long[] perColour = new long[palette.length];
        for (int i = 0; i < h.size(); i++) {
            to[i] = nearestIndex(lab[3 * i], lab[3 * i + 1], lab[3 * i + 2], paletteLab);
            de[i] = DeltaE.ciede2000(lab[3 * i], lab[3 * i + 1], lab[3 * i + 2], paletteLab[3 * to[i]], paletteLab[3 * to[i] + 1],
                    paletteLab[3 * to[i] + 2]);
            perColour[to[i]] += h.count(i);
        }
        int n = packed.length;
        float[] out = new float[3 * n];
        int last = -1;
        int lastRgb = 0;
        for (int p = 0; p < n; p++) {
            int rgb = packed[p] == last ? lastRgb : palette[to[h.indexOf(packed[p])]];
            last = packed[p];
            lastRgb = rgb;
            out[p] = ((rgb >> 16) & 0xff) / 255f;
            out[n + p] = ((rgb >> 8) & 0xff) / 255f;
            out[2 * n + p] = (rgb & 0xff) / 255f;
        }
        long[] weight = new long[h.size()];
        Arrays.setAll(weight, h::count);
        double[] stats = Spread.of(de, weight);
        return new Result(RgbImage.wrap(tile.width(), tile.height(), out), palette, fractions(perColour, n), stats[0], stats[1],
                stats[2]);
    }

    /**
     * @param centres interleaved Lab, at most k (fewer when the design has fewer distinct bins)
     * @param cluster the centre of each bin
     */
    record Clusters(double[] centres, int[] cluster) {
        int size() {
            return centres.length / 3;
        }
    }

    static Clusters kMeans(LabBins bins, int k) {
        int n = bins.size();
        k = Math.min(k, n);
        double[] c = new double[3 * k];
        double[] d2 = new double[n];
        Arrays.fill(d2, Double.MAX_VALUE);
        int chosen = 0;
        int next = 0; // the heaviest bin
        while (chosen < k) {
            for (int q = 0; q < 3; q++) {
                c[3 * chosen + q] = bins.lab(next, q);
            }
            chosen++;
            double best = 0;
            int bestBin = -1;
            for (int b = 0; b < n && chosen < k; b++) {
                d2[b] = Math.min(d2[b], dist2(bins, b, c, chosen - 1));
                double score = bins.weight(b) * d2[b];
                if (score > best) {
                    best = score;
                    bestBin = b;
                }
            }
            if (bestBin < 0) {
                break; // every bin sits on a centre: the design has fewer colours than k
            }
            next = bestBin;
        }
        c = Arrays.copyOf(c, 3 * chosen);
        return new Clusters(c, lloyd(bins, c, chosen));
    }

    private static int[] lloyd(LabBins bins, double[] c, int k) {
        int n = bins.size();
        int[] assign = new int[n];
        Arrays.fill(assign, -1);
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            boolean changed = false;
            double[] sum = new double[3 * k];
            double[] w = new double[k];
            for (int b = 0; b < n; b++) {
                int best = 0;
                double bestD = Double.MAX_VALUE;
                for (int j = 0; j < k; j++) {
                    double d = dist2(bins, b, c, j);
                    if (d < bestD) {
                        bestD = d;
                        best = j;
                    }
                }
                changed |= assign[b] != best;
                assign[b] = best;
                w[best] += bins.weight(b);
                for (int q = 0; q < 3; q++) {
                    sum[3 * best + q] += bins.weight(b) * bins.lab(b, q);
                }
            }
            if (!changed) {
                return assign;
            }
            for (int j = 0; j < k; j++) {
                if (w[j] > 0) { // an emptied centre keeps its place
                    for (int q = 0; q < 3; q++) {
                        c[3 * j + q] = sum[3 * j + q] / w[j];
                    }
                }
            }
        }
        return assign;
    }

    /** @return per cluster the index of its medoid among the design's colours, without repeats */
    private static int[] medoids(Clusters clusters, ColourHistogram h, LabBins bins) {
        int k = clusters.size();
        // the heaviest colours of each cluster are the candidates: sort all by count, descending
        long[] byCount = new long[h.size()];
        for (int i = 0; i < h.size(); i++) {
            byCount[i] = -(h.count(i) << 24 | i);
        }
        Arrays.sort(byCount);
        int[][] candidates = new int[k][MEDOID_CANDIDATES];
        int[] found = new int[k];
        for (long key : byCount) {
            int i = (int) (-key & 0xffffff);
            int j = clusters.cluster()[bins.binOfColour(i)];
            if (found[j] < MEDOID_CANDIDATES) {
                candidates[j][found[j]++] = i;
            }
        }
        int[][] members = members(clusters, bins);
        float[] lab = h.labView();
        int[] out = new int[k];
        int m = 0;
        for (int j = 0; j < k; j++) {
            int best = -1;
            double bestCost = Double.MAX_VALUE;
            for (int t = 0; t < found[j]; t++) {
                int i = candidates[j][t];
                double cost = 0;
                for (int b : members[j]) {
                    double dl = bins.lab(b, 0) - lab[3 * i];
                    double da = bins.lab(b, 1) - lab[3 * i + 1];
                    double db = bins.lab(b, 2) - lab[3 * i + 2];
                    cost += bins.weight(b) * Math.sqrt(dl * dl + da * da + db * db);
                }
                if (cost < bestCost) {
                    bestCost = cost;
                    best = i;
                }
            }
            boolean seen = best < 0;
            for (int q = 0; q < m && !seen; q++) {
                seen = out[q] == best;
            }
            if (!seen) {
                out[m++] = best;
            }
        }
        return Arrays.copyOf(out, m);
    }

    /** @return the bins of each cluster */
    private static int[][] members(Clusters clusters, LabBins bins) {
        int[] size = new int[clusters.size()];
        for (int b = 0; b < bins.size(); b++) {
            size[clusters.cluster()[b]]++;
        }
        int[][] out = new int[clusters.size()][];
        for (int j = 0; j < out.length; j++) {
            out[j] = new int[size[j]];
        }
        int[] fill = new int[clusters.size()];
        for (int b = 0; b < bins.size(); b++) {
            int j = clusters.cluster()[b];
            out[j][fill[j]++] = b;
        }
        return out;
    }

    /** @return the palette colour nearest in ΔE76, the distance k-means minimises */
    static int nearestIndex(double l, double a, double b, double[] paletteLab) {
        int best = 0;
        double bestD = Double.MAX_VALUE;
        for (int j = 0; j < paletteLab.length / 3; j++) {
            double dl = l - paletteLab[3 * j];
            double da = a - paletteLab[3 * j + 1];
            double db = b - paletteLab[3 * j + 2];
            double d = dl * dl + da * da + db * db;
            if (d < bestD) {
                bestD = d;
                best = j;
            }
        }
        return best;
    }

    static double[] fractions(long[] counts, long total) {
        double[] f = new double[counts.length];
        for (int j = 0; j < f.length; j++) {
            f[j] = counts[j] / (double) total;
        }
        return f;
    }

    private static double dist2(LabBins bins, int b, double[] c, int j) {
        double dl = bins.lab(b, 0) - c[3 * j];
        double da = bins.lab(b, 1) - c[3 * j + 1];
        double db = bins.lab(b, 2) - c[3 * j + 2];
        return dl * dl + da * da + db * db;
    }

}
