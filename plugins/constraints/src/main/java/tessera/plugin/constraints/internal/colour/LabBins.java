package tessera.plugin.constraints.internal.colour;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Distinct colours pooled into cells of 4 × 4 × 4 sRGB codes (6 bits a channel), each cell carrying the
 * pixel-weighted mean CIELAB of its colours. A cell spans about 1–2 ΔE2000, below the merge distance, so
 * counting and k-means lose nothing that matters while their work is bounded by 262 144 cells whatever
 * the tile. Cells are ordered by weight, heaviest first (ties by cell code), so everything downstream
 * is deterministic.
 */
final class LabBins {
    private final double[] lab; // interleaved L*, a*, b*
    private final long[] weight;
    private final int[] binOfColour;
    private final long total;

    private LabBins(double[] lab, long[] weight, int[] binOfColour, long total) {
        this.lab = lab;
        this.weight = weight;
        this.binOfColour = binOfColour;
        this.total = total;
    }

    static LabBins of(ColourHistogram h) {
        int cells = 1 << 18;
        long[] w = new long[cells];
        double[] sum = new double[3 * cells];
        float[] lab = h.labView();
        int[] cellOf = new int[h.size()];
        for (int i = 0; i < h.size(); i++) {
            int c = h.rgb(i);
            int cell = ((c >> 18) & 0x3f) << 12 | ((c >> 10) & 0x3f) << 6 | ((c >> 2) & 0x3f);
            cellOf[i] = cell;
            long n = h.count(i);
            w[cell] += n;
            for (int k = 0; k < 3; k++) {
                sum[3 * cell + k] += n * (double) lab[3 * i + k];
            }
        }
        int[] order = IntStream.range(0, cells).filter(c -> w[c] > 0).boxed()
                .sorted((a, b) -> w[a] != w[b] ? Long.compare(w[b], w[a]) : Integer.compare(a, b))
                .mapToInt(Integer::intValue).toArray();
        int[] rank = new int[cells];
        double[] binLab = new double[3 * order.length];
        long[] binWeight = new long[order.length];
        long total = 0;
        for (int r = 0; r < order.length; r++) {
            int c = order[r];
            rank[c] = r;
            binWeight[r] = w[c];
            total += w[c];
            for (int k = 0; k < 3; k++) {
                binLab[3 * r + k] = sum[3 * c + k] / w[c];
            }
        }
        int[] binOf = new int[h.size()];
        for (int i = 0; i < binOf.length; i++) {
            binOf[i] = rank[cellOf[i]];
        }
        return new LabBins(binLab, binWeight, binOf, total);
    }

    int size() {
        return weight.length;
    }

    /** @return L*, a* or b* ({@code k} = 0, 1, 2) of bin {@code b} */
    double lab(int b, int k) {
        return lab[3 * b + k];
    }

    long weight(int b) {
        return weight[b];
    }

    /** @return all pixels */
    long total() {
        return total;
    }

    /** @return the bin of distinct colour {@code i} of the histogram this was made from */
    int binOfColour(int i) {
        return binOfColour[i];
    }

    @Override
    public String toString() {
        return "LabBins[" + size() + " of " + total + " px, heaviest " + Arrays.toString(Arrays.copyOf(weight, Math.min(3, size()))) + "]";
    }
}
