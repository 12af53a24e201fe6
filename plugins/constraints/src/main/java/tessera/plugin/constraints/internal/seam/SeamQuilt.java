package tessera.plugin.constraints.internal.seam;

import tessera.api.image.RgbImage;
import tessera.api.repeat.RepeatType;
import tessera.imaging.colour.DeltaE;
import tessera.imaging.colour.LabImage;
import tessera.imaging.repeat.RepeatLayout;

/**
 * Seam repair for motifs the tile's edge cuts (#6), by a minimum-error boundary cut (image quilting, Efros and
 * Freeman 2001) across the wrap. The tile is overlapped with its neighbour by {@code band} pixels: in the
 * overlap the neighbour's edge band (what the repeat prints beside the tile, through {@link RepeatLayout}) and
 * the tile's own first band compete, and the least visible path through it (the least summed squared
 * difference between the two, a column per row moving at most one pixel per row, closed round the wrap) decides
 * per row where the one gives way to the other. The tile becomes {@code band} pixels narrower (or shorter): its
 * new edge is the old interior, so the seam is gone, and the join runs where the two agree. A half motif at
 * the edge is either completed by the neighbour's band or left out with it; nothing is invented or smeared.
 * Only a seam whose crop does not move the other seam's alignment is quilted: left/right for block and drops
 * (a drop is a fraction of the height), top/bottom for block and bricks.
 */
final class SeamQuilt {
    private SeamQuilt() {
    }

    /** The quilted tile, and the mean ΔE2000 between the two sides (tile and neighbour) where the cut passes: 0 = invisible. */
    record Result(RgbImage tile, double joinDe) {
    }

    /** @return whether {@code leftRight} (else top/bottom) can be quilted under this repeat without moving the other seam */
    static boolean applies(RepeatType type, boolean leftRight) {
        return switch (type) {
            case BLOCK -> true;
            case HALF_DROP, DROP -> leftRight;
            case HALF_BRICK, BRICK -> !leftRight;
            default -> false;
        };
    }

    /**
     * @param leftRight quilt the seam between the last and first columns, else between the last and first rows
     * @param band      overlap in pixels, 3 ≤ band ≤ a third of the tile along the cut direction
     * @return the tile cut to its new size, or null when the repeat's drop (shift) to the two sides does not
     *         cancel at this size (an odd height in a half drop), where no crop stays consistent
     */
    static Result quilt(RgbImage tile, RepeatLayout layout, boolean leftRight, int band) {
        int w = tile.width();
        int h = tile.height();
        int across = leftRight ? w : h; // the axis that gets shorter
        int along = leftRight ? h : w;
        int before = leftRight ? layout.dropOf(-1) : layout.shiftOf(-1);
        int after = leftRight ? layout.dropOf(1) : layout.shiftOf(1);
        if (Math.floorMod(before + after, along) != 0) {
            return null;
        }
        float[] p = tile.planesView();
        float[] lab = LabImage.of(tile).planesView();
        int n = w * h;
        // e[t * band + i]: squared difference at position i of the overlap on line t (a row for left/right)
        double[] e = new double[along * band];
        for (int t = 0; t < along; t++) {
            for (int i = 0; i < band; i++) {
                int a = index(leftRight, i, t, w);
                int b = neighbour(layout, leftRight, i - band, t, w);
                double d = 0;
                for (int c = 0; c < 3; c++) {
                    double v = p[c * n + a] - p[c * n + b];
                    d += v * v;
                }
                e[t * band + i] = d;
            }
        }
        int[] cut = closedPath(e, along, band);
        int newAcross = across - band;
        int nw = leftRight ? newAcross : w;
        int nh = leftRight ? h : newAcross;
        float[] out = new float[3 * nw * nh];
        double join = 0;
        for (int t = 0; t < along; t++) {
            join += de(lab, n, index(leftRight, cut[t], t, w), neighbour(layout, leftRight, cut[t] - band, t, w));
            for (int k = 0; k < newAcross; k++) {
                // positions before the cut come from the neighbour's band, the rest from the tile itself
                int src = k < cut[t] ? neighbour(layout, leftRight, k - band, t, w) : index(leftRight, k, t, w);
                int dst = leftRight ? t * nw + k : k * nw + t;
                for (int c = 0; c < 3; c++) {
                    out[c * nw * nh + dst] = p[c * n + src];
                }
            }
        }
        return new Result(RgbImage.wrap(nw, nh, out), join / along);
    }

    /** @return ΔE2000 between two pixels of a Lab plane set of n pixels */
    private static double de(float[] lab, int n, int a, int b) {
        return DeltaE.ciede2000(lab[a], lab[n + a], lab[2 * n + a], lab[b], lab[n + b], lab[2 * n + b]);
    }

    private static int index(boolean leftRight, int k, int t, int w) {
        return leftRight ? t * w + k : k * w + t;
    }

    /** @return the tile index the repeat prints at position k (negative: before the tile) on line t */
    private static int neighbour(RepeatLayout layout, boolean leftRight, int k, int t, int w) {
        return leftRight ? layout.tileIndex(k, t) : layout.tileIndex(t, k);
    }

    /**
     * The cheapest path of positions in [1, band − 1] (never the overlap's first or last position: the tile's new
     * edge must be the neighbour's, its far side the tile's own), one per line, moving at most one per line and
     * closed round the wrap. Found by dynamic programming twice: free, to learn where the best path ends, then
     * with its start fixed there and its end held next to it.
     */
    static int[] closedPath(double[] e, int lines, int band) {
        int[] free = path(e, lines, band, -1);
        return path(e, lines, band, free[lines - 1]);
    }

    private static int[] path(double[] e, int lines, int band, int start) {
        double[] cost = new double[lines * band];
        int[] from = new int[lines * band];
        for (int i = 0; i < band; i++) {
            boolean allowed = i >= 1 && i <= band - 2 && (start < 0 || i == start);
            cost[i] = allowed ? e[i] : Double.POSITIVE_INFINITY;
        }
        for (int t = 1; t < lines; t++) {
            for (int i = 1; i <= band - 2; i++) {
                int best = i;
                for (int j = i - 1; j <= i + 1; j++) {
                    if (cost[(t - 1) * band + j] < cost[(t - 1) * band + best]) {
                        best = j;
                    }
                }
                cost[t * band + i] = cost[(t - 1) * band + best] + e[t * band + i];
                from[t * band + i] = best;
            }
            cost[t * band] = Double.POSITIVE_INFINITY;
            cost[t * band + band - 1] = Double.POSITIVE_INFINITY;
        }
        int end = -1;
        for (int i = 1; i <= band - 2; i++) {
            boolean closes = start < 0 || Math.abs(i - start) <= 1;
            if (closes && (end < 0 || cost[(lines - 1) * band + i] < cost[(lines - 1) * band + end])) {
                end = i;
            }
        }
        int[] out = new int[lines];
        out[lines - 1] = end;
        for (int t = lines - 1; t > 0; t--) {
            out[t - 1] = from[t * band + out[t]];
        }
        return out;
    }
}
