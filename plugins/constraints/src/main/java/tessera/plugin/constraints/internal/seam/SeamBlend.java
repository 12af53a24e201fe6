package tessera.plugin.constraints.internal.seam;

import tessera.api.image.RgbImage;
import tessera.imaging.repeat.RepeatLayout;

/**
 * Seam repair by blending across the wrap (#6). For each row along the left/right seam, the step from
 * the tile's last column to the pixel the repeat puts next to it ({@link RepeatLayout#tileIndex}, so half
 * drops and bricks meet the right neighbour) is measured, smoothed over ±2 rows so the fine texture of the
 * edge is not copied into the band, and split: half is added to the last columns and half taken from the
 * first columns of the neighbour, fading with a raised cosine over {@code band} pixels. The two edges then
 * meet, and the correction is spread where the eye does not look for it. The top/bottom seam likewise.
 */
final class SeamBlend {
    private static final int SMOOTH = 2;

    private SeamBlend() {
    }

    /**
     * @param vertical   blend the left/right seam
     * @param horizontal blend the top/bottom seam
     * @param band       pixels on each side over which the correction fades out, ≥ 1
     */
    static RgbImage blend(RgbImage tile, RepeatLayout layout, boolean vertical, boolean horizontal, int band) {
        float[] p = tile.planes();
        int w = tile.width();
        int h = tile.height();
        if (vertical) {
            across(p, w, h, layout, true, Math.min(band, w / 2));
        }
        if (horizontal) {
            across(p, w, h, layout, false, Math.min(band, h / 2));
        }
        return RgbImage.wrap(w, h, p);
    }

    /** Blends one seam of the planes in place: {@code leftRight} the seam between columns, else between rows. */
    private static void across(float[] p, int w, int h, RepeatLayout layout, boolean leftRight, int band) {
        int n = w * h;
        int len = leftRight ? h : w; // positions along the seam
        float[][] step = new float[3][len];
        for (int s = 0; s < len; s++) {
            int last = leftRight ? s * w + (w - 1) : (h - 1) * w + s;
            int next = leftRight ? layout.tileIndex(w, s) : layout.tileIndex(s, h);
            for (int c = 0; c < 3; c++) {
                step[c][s] = p[c * n + next] - p[c * n + last];
            }
        }
        float[][] smooth = new float[3][len];
        for (int c = 0; c < 3; c++) {
            for (int s = 0; s < len; s++) {
                float sum = 0;
                for (int d = -SMOOTH; d <= SMOOTH; d++) {
                    sum += step[c][Math.floorMod(s + d, len)];
                }
                smooth[c][s] = sum / (2 * SMOOTH + 1);
            }
        }
        float[] fade = new float[band];
        for (int d = 0; d < band; d++) {
            fade[d] = (float) (0.5 * (1 + Math.cos(Math.PI * d / band)));
        }
        for (int s = 0; s < len; s++) {
            for (int d = 0; d < band; d++) {
                // this side of the seam: d pixels in from the last column (row)
                int mine = leftRight ? s * w + (w - 1 - d) : (h - 1 - d) * w + s;
                // the other side: d pixels in from the first column (row) of the neighbour the repeat puts there
                int theirs = leftRight ? layout.tileIndex(w + d, s) : layout.tileIndex(s, h + d);
                for (int c = 0; c < 3; c++) {
                    float half = 0.5f * smooth[c][s] * fade[d];
                    p[c * n + mine] = clamp(p[c * n + mine] + half);
                    p[c * n + theirs] = clamp(p[c * n + theirs] - half);
                }
            }
        }
    }

    private static float clamp(float v) {
        return Math.clamp(v, 0f, 1f);
    }
}
