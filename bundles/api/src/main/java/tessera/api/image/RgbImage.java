package tessera.api.image;

import java.util.Arrays;

import tessera.api.Check;
import tessera.api.InvalidValueException;

/**
 * An immutable tile of gamma-encoded sRGB, planar float (channel, row, column) with values in [0, 1].
 * This is the only pixel type that crosses service boundaries; imaging converts it to and from Lab,
 * linear light and files. Planar layout matches the NCHW tensors of the compute bundle.
 */
public final class RgbImage {
    /** Largest number of pixels in one tile: 16384 × 16384. */
    public static final long MAX_PIXELS = 16384L * 16384L;
    private final int width;
    private final int height;
    private final float[] planes;

    private RgbImage(int width, int height, float[] planes) {
        this.width = width;
        this.height = height;
        this.planes = planes;
    }

    /**
     * @param width  pixels, 1..16384
     * @param height pixels, 1..16384
     * @param planes 3 × height × width values, R plane then G then B; copied
     */
    public static RgbImage of(int width, int height, float[] planes) {
        checkSize(width, height);
        if (planes.length != 3L * width * height) {
            throw new InvalidValueException("planes", "has " + planes.length + " values; a " + width + "×" + height
                    + " RGB image needs " + 3L * width * height);
        }
        return new RgbImage(width, height, planes.clone());
    }

    /** Wraps without copying; the caller gives up the array. */
    public static RgbImage wrap(int width, int height, float[] planes) {
        checkSize(width, height);
        if (planes.length != 3L * width * height) {
            throw new InvalidValueException("planes", "length " + planes.length + " does not match " + width + "×" + height);
        }
        return new RgbImage(width, height, planes);
    }

    /** From packed 0xRRGGBB integers, row-major. */
    public static RgbImage fromPackedRgb(int width, int height, int[] rgb) {
        checkSize(width, height);
        int n = width * height;
        float[] p = new float[3 * n];
        for (int i = 0; i < n; i++) {
            int v = rgb[i];
            p[i] = ((v >> 16) & 0xff) / 255f;
            p[n + i] = ((v >> 8) & 0xff) / 255f;
            p[2 * n + i] = (v & 0xff) / 255f;
        }
        return new RgbImage(width, height, p);
    }

    private static void checkSize(int width, int height) {
        Check.range("width", width, 1, 16384);
        Check.range("height", height, 1, 16384);
        if ((long) width * height > MAX_PIXELS) {
            throw new InvalidValueException("pixels", (long) width * height + " pixels; at most " + MAX_PIXELS);
        }
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** @return value of channel c (0 R, 1 G, 2 B) at row y, column x, in [0, 1] */
    public float get(int c, int y, int x) {
        return planes[(c * height + y) * width + x];
    }

    /** @return a copy of the planar data */
    public float[] planes() {
        return planes.clone();
    }

    /** Reads without copying; callers must not modify the array. */
    public float[] planesView() {
        return planes;
    }

    /** @return packed 0xRRGGBB, row-major, rounded and clamped */
    public int[] toPackedRgb() {
        int n = width * height;
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = (to8(planes[i]) << 16) | (to8(planes[n + i]) << 8) | to8(planes[2 * n + i]);
        }
        return out;
    }

    private static int to8(float v) {
        int q = Math.round(v * 255f);
        return q < 0 ? 0 : Math.min(q, 255);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RgbImage r && r.width == width && r.height == height && Arrays.equals(r.planes, planes);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(planes);
    }

    @Override
    public String toString() {
        return "RgbImage[" + width + "×" + height + "]";
    }
}
