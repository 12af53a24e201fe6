package tessera.imaging.repeat;

import java.util.Arrays;

import tessera.api.InvalidValueException;
import tessera.api.image.RgbImage;
import tessera.api.repeat.RepeatGeometry;
import tessera.imaging.colour.LabImage;

/**
 * How visible a tile's borders are once it is laid out in its repeat: is the step across the seam
 * larger than the steps the design makes anyway, inside the tile?
 * <p>
 * Take the vertical seam (between a tile and its right-hand neighbour in the layout). Every column
 * boundary of the tile, {@code x | x+1}, has a mean step: the ΔE76 (D50 CIELAB) between horizontally
 * adjacent pixels, averaged down the column. The seam is one more boundary, {@code w−1 | w}, whose
 * right-hand pixels come from the neighbouring tile. The seam's ratio is
 *
 * <pre>
 *   ratio = (seam step + ε) / (mean of the 3 largest interior boundary steps + ε),   ε = 0.5 ΔE
 * </pre>
 *
 * The seam is split into segments of at least 32 px (at most 8) and the worst segment counts, so a seam
 * that cuts a motif in one place is not averaged away. The same is done for the horizontal seam;
 * {@link SeamScore#score()} is the larger ratio.
 * <p>
 * Why the largest interior boundaries and not the mean: in stripes, checks, parquet and mosaics the
 * tile border often lies on a design edge on purpose; such a seam is exactly as strong as the other
 * design edges and scores ≈ 1. Noise and fine textures also score ≤ 1, because the seam step is drawn
 * from the same distribution as the interior ones. A seam between unrelated content is stronger than
 * any straight boundary inside the tile and scores above 1. ε, below a just-noticeable difference,
 * keeps flat colour at 1 instead of 0/0. Mirror repeats meet each edge with its own reflection (step 0).
 * A design edge that runs only along the border (a drawn grid or grout line) is a visible seam and is
 * scored as one. Threshold and calibration: {@link #THRESHOLD}, docs/imaging.md.
 */
public final class SeamMetric {
    /**
     * Scores above this mean a visible seam. Calibrated on the 58 patterns of Debian's gimp-data 2.10:
     * the visibly seamless ones score 0.47 to 1.29, tiles with visible seams 1.56 to 5.9.
     */
    public static final double THRESHOLD = 1.5;
    static final double EPSILON = 0.5;
    private static final int TOP = 3;
    private static final int MIN_SEGMENT = 32;
    private static final int MAX_SEGMENTS = 8;

    private SeamMetric() {
    }

    /**
     * @param score      the larger of the two ratios; compare with {@link #THRESHOLD}
     * @param vertical   ratio for the seam between horizontally neighbouring tiles (left/right edges)
     * @param horizontal ratio for the seam between vertically neighbouring tiles (top/bottom edges)
     */
    public record SeamScore(double score, double vertical, double horizontal) {
        /** @return true when the score is at most {@link SeamMetric#THRESHOLD} */
        public boolean seamless() {
            return score <= THRESHOLD;
        }
    }

    /**
     * @param tile     at least 4 × 4 px
     * @param geometry the repeat the tile will be printed in
     */
    public static SeamScore measure(RgbImage tile, RepeatGeometry geometry) {
        if (tile.width() < 4 || tile.height() < 4) {
            throw new InvalidValueException("tile", tile.width() + "×" + tile.height() + " px is too small to judge seams; need 4 × 4");
        }
        LabImage lab = LabImage.of(tile);
        RepeatLayout layout = RepeatLayout.of(tile, geometry);
        double v = seam(lab, layout, true);
        double h = seam(lab, layout, false);
        return new SeamScore(Math.max(v, h), v, h);
    }

    /** @return {@code measure(tile, geometry).score()} */
    public static double score(RgbImage tile, RepeatGeometry geometry) {
        return measure(tile, geometry).score();
    }

    /**
     * @param vertical true for the left/right seam (boundaries between columns), false for top/bottom
     */
    private static double seam(LabImage lab, RepeatLayout layout, boolean vertical) {
        int across = vertical ? layout.tileWidth() : layout.tileHeight(); // boundaries, the last is the seam
        int along = vertical ? layout.tileHeight() : layout.tileWidth();
        int segments = Math.clamp(along / MIN_SEGMENT, 1, MAX_SEGMENTS);
        double worst = 0;
        double[] steps = new double[across];
        for (int s = 0; s < segments; s++) {
            int from = s * along / segments;
            int to = (s + 1) * along / segments;
            Arrays.fill(steps, 0);
            for (int t = from; t < to; t++) {
                for (int b = 0; b < across; b++) {
                    int i = vertical ? layout.tileIndex(b, t) : layout.tileIndex(t, b);
                    int j = vertical ? layout.tileIndex(b + 1, t) : layout.tileIndex(t, b + 1);
                    steps[b] += step(lab, i, j);
                }
            }
            double seam = steps[across - 1] / (to - from);
            double[] interior = Arrays.copyOf(steps, across - 1);
            Arrays.sort(interior);
            double top = 0;
            for (int k = 1; k <= TOP; k++) {
                top += interior[interior.length - k];
            }
            top /= TOP * (double) (to - from);
            worst = Math.max(worst, (seam + EPSILON) / (top + EPSILON));
        }
        return worst;
    }

    /** ΔE76 between two tile pixels given by plane index. */
    private static double step(LabImage lab, int i, int j) {
        float[] p = lab.planesView();
        int n = lab.width() * lab.height();
        double dl = p[i] - p[j];
        double da = p[n + i] - p[n + j];
        double db = p[2 * n + i] - p[2 * n + j];
        return Math.sqrt(dl * dl + da * da + db * db);
    }
}
