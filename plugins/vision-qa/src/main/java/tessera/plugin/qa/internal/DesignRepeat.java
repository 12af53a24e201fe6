package tessera.plugin.qa.internal;

import tessera.api.image.RgbImage;
import tessera.api.repeat.RepeatGeometry;
import tessera.api.repeat.RepeatType;

/**
 * The design as an endless printed length: one tile laid out under its repeat, sampled at any point in
 * source pixels. A scan may show several repeats or part of one (#10), so every lookup wraps through the
 * repeat instead of clamping at the tile's border.
 */
final class DesignRepeat {
    private final int w;
    private final int h;
    private final RepeatGeometry repeat;
    private final float[][] planes;

    /** @param planes one or more planes of {@code w × h} values (RGB, grey, gradients …) */
    DesignRepeat(int w, int h, RepeatGeometry repeat, float[]... planes) {
        this.w = w;
        this.h = h;
        this.repeat = repeat;
        this.planes = planes;
    }

    static DesignRepeat of(RgbImage tile, RepeatGeometry repeat) {
        int w = tile.width();
        int h = tile.height();
        float[] p = tile.planesView();
        float[] r = new float[w * h];
        float[] g = new float[w * h];
        float[] b = new float[w * h];
        System.arraycopy(p, 0, r, 0, w * h);
        System.arraycopy(p, w * h, g, 0, w * h);
        System.arraycopy(p, 2 * w * h, b, 0, w * h);
        return new DesignRepeat(w, h, repeat, r, g, b);
    }

    /** The same repeat over other planes of the tile's size (e.g. its luminance or a blurred copy). */
    DesignRepeat with(float[]... other) {
        return new DesignRepeat(w, h, repeat, other);
    }

    /**
     * The same endless layout as a block repeat of its true period. A mirror repeat's odd cells run backwards, so a
     * plane that is a derivative of the tile (a registration template's d/du, d/dv) would read with the wrong sign
     * there; unfolded into its 2w × 2h block, derivatives are taken in layout coordinates everywhere (#10: mirror
     * scans never refined past the coarse fit). Other repeats are returned as they are: their cells only shift.
     */
    DesignRepeat unfolded() {
        if (repeat.type() != RepeatType.MIRROR) {
            return this;
        }
        int uw = 2 * w;
        int uh = 2 * h;
        float[][] out = new float[planes.length][uw * uh];
        for (int y = 0; y < uh; y++) {
            for (int x = 0; x < uw; x++) {
                int i = index(x, y);
                for (int p = 0; p < planes.length; p++) {
                    out[p][y * uw + x] = planes[p][i];
                }
            }
        }
        return new DesignRepeat(uw, uh, RepeatGeometry.BLOCK, out);
    }

    int width() {
        return w;
    }

    int height() {
        return h;
    }

    RepeatGeometry repeat() {
        return repeat;
    }

    float[] plane(int i) {
        return planes[i];
    }

    int planeCount() {
        return planes.length;
    }

    /** @return the tile index (y * w + x) that integer point (u, v) of the endless layout shows */
    int index(int u, int v) {
        int col = Math.floorDiv(u, w);
        int row = Math.floorDiv(v, h);
        switch (repeat.type()) {
            case HALF_DROP, DROP -> v -= (int) Math.round(col * repeat.offset() * h);
            case HALF_BRICK, BRICK -> u -= (int) Math.round(row * repeat.offset() * w);
            case MIRROR -> {
                int x = Math.floorMod(u, w);
                int y = Math.floorMod(v, h);
                if ((col & 1) != 0) {
                    x = w - 1 - x;
                }
                if ((row & 1) != 0) {
                    y = h - 1 - y;
                }
                return y * w + x;
            }
            default -> {
            }
        }
        return Math.floorMod(v, h) * w + Math.floorMod(u, w);
    }

    /**
     * The tile index of integer point (u, v) when its right, lower and lower-right neighbours are the next
     * pixels of the same tile (+1, +w, +w+1), else −1. Registration samples millions of points; four
     * {@link #index} calls each were four integer divisions, and all but the tile's last row and column share
     * one lookup.
     */
    private int interiorIndex(int u, int v) {
        if (repeat.type() == RepeatType.MIRROR) {
            return -1; // neighbours run backwards in odd cells
        }
        int i = index(u, v);
        int x = i % w;
        int y = i / w;
        return x < w - 1 && y < h - 1 ? i : -1;
    }

    /** Bilinear sample of plane {@code p} at (u, v), pixel centres at integer coordinates. */
    float sample(int p, double u, double v) {
        int x0 = (int) Math.floor(u);
        int y0 = (int) Math.floor(v);
        float fx = (float) (u - x0);
        float fy = (float) (v - y0);
        float[] q = planes[p];
        int ia = interiorIndex(x0, y0);
        float a;
        float b;
        float c;
        float d;
        if (ia >= 0) {
            a = q[ia];
            b = q[ia + 1];
            c = q[ia + w];
            d = q[ia + w + 1];
        } else {
            a = q[index(x0, y0)];
            b = q[index(x0 + 1, y0)];
            c = q[index(x0, y0 + 1)];
            d = q[index(x0 + 1, y0 + 1)];
        }
        return (a + (b - a) * fx) * (1 - fy) + (c + (d - c) * fx) * fy;
    }

    /** Bilinear samples of every plane into {@code out[p]} at index {@code i}; one neighbourhood lookup for all planes. */
    void sampleAll(double u, double v, float[][] out, int i) {
        int x0 = (int) Math.floor(u);
        int y0 = (int) Math.floor(v);
        float fx = (float) (u - x0);
        float fy = (float) (v - y0);
        int ia = interiorIndex(x0, y0);
        int ib;
        int ic;
        int id;
        if (ia >= 0) {
            ib = ia + 1;
            ic = ia + w;
            id = ia + w + 1;
        } else {
            ia = index(x0, y0);
            ib = index(x0 + 1, y0);
            ic = index(x0, y0 + 1);
            id = index(x0 + 1, y0 + 1);
        }
        for (int p = 0; p < planes.length; p++) {
            float[] q = planes[p];
            float a = q[ia];
            float b = q[ib];
            float c = q[ic];
            float d = q[id];
            out[p][i] = (a + (b - a) * fx) * (1 - fy) + (c + (d - c) * fx) * fy;
        }
    }
}
