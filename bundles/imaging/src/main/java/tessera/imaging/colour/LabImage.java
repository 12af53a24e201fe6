package tessera.imaging.colour;

import java.util.stream.IntStream;

import tessera.api.Check;
import tessera.api.InvalidValueException;
import tessera.api.image.RgbImage;
import tessera.imaging.colour.internal.CurveTable;

/**
 * An immutable CIELAB image, planar float (L*, a*, b*) laid out like {@link RgbImage}: index
 * {@code (c * height + y) * width + x}. Constraint checks and QA work on whole 4096 × 4096 tiles, so
 * conversion runs in bulk through lookup tables (within 1e-4 of {@link Srgb#toLab}) and in parallel.
 */
public final class LabImage {
    private static final CurveTable SRGB_TO_LINEAR = new CurveTable(Srgb::toLinear);
    private static final CurveTable LAB_F = new CurveTable(Lab::f);
    private static final int ROWS_PER_TASK = 64;

    private final int width;
    private final int height;
    private final WhitePoint white;
    private final float[] planes;

    private LabImage(int width, int height, WhitePoint white, float[] planes) {
        this.width = width;
        this.height = height;
        this.white = white;
        this.planes = planes;
    }

    /** @return the tile in Lab relative to D50, the print-industry white (ISO 13655, ICC) */
    public static LabImage of(RgbImage rgb) {
        return of(rgb, WhitePoint.D50);
    }

    /** @return the tile in Lab relative to {@code white} (D65 Lab uses no chromatic adaptation) */
    public static LabImage of(RgbImage rgb, WhitePoint white) {
        int w = rgb.width();
        int h = rgb.height();
        float[] lab = new float[3 * w * h];
        fromRgbPlanes(rgb.planesView(), lab, w, h, white);
        return new LabImage(w, h, white, lab);
    }

    /**
     * Wraps Lab planes without copying; the caller gives up the array.
     *
     * @param planes 3 × height × width values: L* plane, a* plane, b* plane
     */
    public static LabImage wrap(int width, int height, WhitePoint white, float[] planes) {
        Check.range("width", width, 1, 65536);
        Check.range("height", height, 1, 65536);
        Check.notNull("white", white);
        if (planes.length != 3L * width * height) {
            throw new InvalidValueException("planes", "length " + planes.length + " does not match " + width + "×" + height + "×3");
        }
        return new LabImage(width, height, white, planes);
    }

    /**
     * Converts planar gamma-encoded sRGB to planar Lab in bulk, in parallel over rows. Values outside
     * [0, 1] are clamped. {@code rgb} and {@code lab} may be the same array.
     *
     * @param rgb 3 × height × width sRGB values (R plane, G plane, B plane)
     * @param lab receives 3 × height × width Lab values (L*, a*, b* planes)
     */
    public static void fromRgbPlanes(float[] rgb, float[] lab, int width, int height, WhitePoint white) {
        int n = width * height;
        if (rgb.length < 3L * n || lab.length < 3L * n) {
            throw new InvalidValueException("planes", "need 3 × " + width + " × " + height + " values");
        }
        double[][] m = Srgb.toXyzMatrix(white);
        // fold the division by the white into the matrix rows
        float[] k = new float[9];
        double[] wxyz = white.xyz();
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                k[3 * r + c] = (float) (m[r][c] / wxyz[r]);
            }
        }
        int tasks = (height + ROWS_PER_TASK - 1) / ROWS_PER_TASK;
        IntStream range = IntStream.range(0, tasks);
        (n > 1 << 18 ? range.parallel() : range).forEach(t -> {
            int from = t * ROWS_PER_TASK * width;
            int to = Math.min(height, (t + 1) * ROWS_PER_TASK) * width;
            convertRange(rgb, lab, n, from, to, k);
        });
    }

    private static void convertRange(float[] rgb, float[] lab, int n, int from, int to, float[] k) {
        for (int i = from; i < to; i++) {
            float r = SRGB_TO_LINEAR.at(Math.clamp(rgb[i], 0f, 1f));
            float g = SRGB_TO_LINEAR.at(Math.clamp(rgb[n + i], 0f, 1f));
            float b = SRGB_TO_LINEAR.at(Math.clamp(rgb[2 * n + i], 0f, 1f));
            float fx = LAB_F.at(k[0] * r + k[1] * g + k[2] * b);
            float fy = LAB_F.at(k[3] * r + k[4] * g + k[5] * b);
            float fz = LAB_F.at(k[6] * r + k[7] * g + k[8] * b);
            lab[i] = 116f * fy - 16f;
            lab[n + i] = 500f * (fx - fy);
            lab[2 * n + i] = 200f * (fy - fz);
        }
    }

    /** @return the image back in gamma-encoded sRGB; out-of-gamut colours are clipped per channel */
    public RgbImage toRgb() {
        int n = width * height;
        float[] out = new float[3 * n];
        IntStream.range(0, n).parallel().forEach(i -> {
            double[] rgb = Srgb.fromLab(new Lab(planes[i], planes[n + i], planes[2 * n + i]), white);
            for (int c = 0; c < 3; c++) {
                out[c * n + i] = (float) Math.clamp(rgb[c], 0, 1);
            }
        });
        return RgbImage.wrap(width, height, out);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** @return the reference white the values are relative to */
    public WhitePoint white() {
        return white;
    }

    /** @return channel c (0 L*, 1 a*, 2 b*) at row y, column x */
    public float get(int c, int y, int x) {
        return planes[(c * height + y) * width + x];
    }

    /** @return the colour at column x, row y */
    public Lab lab(int x, int y) {
        int i = y * width + x;
        int n = width * height;
        return new Lab(planes[i], planes[n + i], planes[2 * n + i]);
    }

    /** Reads without copying; callers must not modify the array. */
    public float[] planesView() {
        return planes;
    }

    /** @return a copy of the planar data */
    public float[] planes() {
        return planes.clone();
    }

    @Override
    public String toString() {
        return "LabImage[" + width + "×" + height + ", " + white + "]";
    }
}
