package tessera.dataset.motif;

import tessera.api.image.RgbImage;
import tessera.api.repeat.RepeatGeometry;
import tessera.api.repeat.RepeatType;

/**
 * A tile laid out in its repeat, written independently of the synthesizer so the tests do not
 * trust its lattice code: {@link #get} answers what a print shows at any pixel of the plane.
 */
final class RepeatLayout {
    private final RgbImage tile;
    private final RepeatGeometry repeat;
    private final int w;
    private final int h;

    RepeatLayout(RgbImage tile, RepeatGeometry repeat) {
        this.tile = tile;
        this.repeat = repeat;
        this.w = tile.width();
        this.h = tile.height();
    }

    float get(int c, int gy, int gx) {
        int x, y;
        RepeatType t = repeat.type();
        if (t == RepeatType.MIRROR) {
            int k = Math.floorDiv(gx, w), l = Math.floorDiv(gy, h);
            x = Math.floorMod(gx, w);
            y = Math.floorMod(gy, h);
            if ((k & 1) != 0) {
                x = w - 1 - x;
            }
            if ((l & 1) != 0) {
                y = h - 1 - y;
            }
        } else if (t == RepeatType.BLOCK || t == RepeatType.HALF_DROP || t == RepeatType.DROP) {
            int drop = (int) Math.floorMod(Math.round(repeat.offset() * h), h);
            int k = Math.floorDiv(gx, w);
            x = gx - k * w;
            y = Math.floorMod(gy - k * drop, h);
        } else {
            int shift = (int) Math.floorMod(Math.round(repeat.offset() * w), w);
            int l = Math.floorDiv(gy, h);
            y = gy - l * h;
            x = Math.floorMod(gx - l * shift, w);
        }
        return tile.get(c, y, x);
    }

    /**
     * Seam check on the laid-out print: the mean colour step across the tile's right and bottom
     * edges (tile pixel next to its neighbour in the repeat) compared with the largest mean step
     * between two neighbouring columns (rows) inside the tile. A seam is invisible when crossing it
     * looks like crossing an interior line of pixels. For a periodic print the seam pair is just one
     * more of the W column pairs, so it can be the largest: callers allow some margin above 1. The
     * exact check is the shifted-window comparison in {@code MotifSynthesizerTest}.
     *
     * @return the worst ratio of seam step to largest interior step, with a small floor
     */
    double seamRatio() {
        double interiorCols = 0, interiorRows = 0;
        for (int x = 0; x + 1 < w; x++) {
            double s = 0;
            for (int y = 0; y < h; y++) {
                s += step(y, x, y, x + 1);
            }
            interiorCols = Math.max(interiorCols, s / h);
        }
        for (int y = 0; y + 1 < h; y++) {
            double s = 0;
            for (int x = 0; x < w; x++) {
                s += step(y, x, y + 1, x);
            }
            interiorRows = Math.max(interiorRows, s / w);
        }
        double right = 0, bottom = 0;
        for (int y = 0; y < h; y++) {
            right += step(y, w - 1, y, w);
        }
        for (int x = 0; x < w; x++) {
            bottom += step(h - 1, x, h, x);
        }
        right /= h;
        bottom /= w;
        return Math.max(right / Math.max(interiorCols, 1e-3), bottom / Math.max(interiorRows, 1e-3));
    }

    private double step(int y0, int x0, int y1, int x1) {
        double s = 0;
        for (int c = 0; c < 3; c++) {
            s += Math.abs(get(c, y0, x0) - get(c, y1, x1));
        }
        return s;
    }
}
