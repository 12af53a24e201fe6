package tessera.plugin.constraints.internal.colour;

import tessera.api.image.RgbImage;
import tessera.imaging.colour.LabImage;
import tessera.imaging.colour.WhitePoint;

/**
 * Maps every pixel to its nearest palette colour in CIELAB (D50, ΔE76, the distance the palette
 * reduction's k-means minimises): the one assignment screen films, jacquard yarns and clean-ups share.
 */
public final class PaletteMap {
    /** Rows converted to Lab at a time, so a print of any height needs one small strip buffer. */
    private static final int STRIP_ROWS = 64;

    private PaletteMap() {
    }

    /** @return per pixel (row-major) the index of its nearest palette colour */
    public static byte[] nearest(RgbImage image, int[] palette) {
        int w = image.width();
        int h = image.height();
        double[] pal = lab(palette);
        byte[] out = new byte[w * h];
        float[] src = image.planesView();
        float[] strip = new float[3 * STRIP_ROWS * w];
        for (int y0 = 0; y0 < h; y0 += STRIP_ROWS) {
            int rows = Math.min(STRIP_ROWS, h - y0);
            int n = rows * w;
            for (int c = 0; c < 3; c++) {
                System.arraycopy(src, (c * h + y0) * w, strip, c * n, n);
            }
            LabImage.fromRgbPlanes(strip, strip, w, rows, WhitePoint.D50);
            for (int i = 0; i < n; i++) {
                out[y0 * w + i] = (byte) PaletteReduction.nearestIndex(strip[i], strip[n + i], strip[2 * n + i], pal);
            }
        }
        return out;
    }

    /** @return interleaved D50 Lab of packed sRGB colours, through the same conversion as the pixels */
    public static double[] lab(int[] palette) {
        int k = palette.length;
        float[] planes = new float[3 * k];
        for (int j = 0; j < k; j++) {
            planes[j] = ((palette[j] >> 16) & 0xff) / 255f;
            planes[k + j] = ((palette[j] >> 8) & 0xff) / 255f;
            planes[2 * k + j] = (palette[j] & 0xff) / 255f;
        }
        LabImage.fromRgbPlanes(planes, planes, k, 1, WhitePoint.D50);
        double[] out = new double[3 * k];
        for (int j = 0; j < k; j++) {
            for (int q = 0; q < 3; q++) {
                out[3 * j + q] = planes[q * k + j];
            }
        }
        return out;
    }
}
