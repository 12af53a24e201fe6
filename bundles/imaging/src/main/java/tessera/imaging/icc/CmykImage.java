package tessera.imaging.icc;

import tessera.api.InvalidValueException;
import tessera.imaging.io.PixelSource;

/**
 * An immutable separated image: planar float ink coverage (C, M, Y, K) in [0, 1], 1 = 100 % ink,
 * index {@code (c * height + y) * width + x}, with the profile that gives the values meaning.
 */
public final class CmykImage {
    private final int width;
    private final int height;
    private final float[] planes;
    private final CmykProfile profile;

    private CmykImage(int width, int height, float[] planes, CmykProfile profile) {
        this.width = width;
        this.height = height;
        this.planes = planes;
        this.profile = profile;
    }

    /** Wraps without copying; the caller gives up the array of 4 × height × width values. */
    public static CmykImage wrap(int width, int height, float[] planes, CmykProfile profile) {
        if (width < 1 || height < 1 || planes.length != 4L * width * height) {
            throw new InvalidValueException("planes", "a " + width + "×" + height + " CMYK image needs " + 4L * width * height
                    + " values, got " + planes.length);
        }
        return new CmykImage(width, height, planes, profile);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** @return the press profile the ink values are for */
    public CmykProfile profile() {
        return profile;
    }

    /** @return ink coverage of channel c (0 C, 1 M, 2 Y, 3 K) at row y, column x, in [0, 1] */
    public float get(int c, int y, int x) {
        return planes[(c * height + y) * width + x];
    }

    /** @return total area coverage (sum of the four inks) at (x, y), in [0, 4]; presses limit it, e.g. 3.3 */
    public float totalInk(int x, int y) {
        int n = width * height;
        int i = y * width + x;
        return planes[i] + planes[n + i] + planes[2 * n + i] + planes[3 * n + i];
    }

    /** Reads without copying; callers must not modify the array. */
    public float[] planesView() {
        return planes;
    }

    /** @return the image as a 4-channel source for {@link tessera.imaging.io.ImageFiles#writeTiff} */
    public PixelSource asSource() {
        return new PixelSource() {
            @Override
            public int width() {
                return width;
            }

            @Override
            public int height() {
                return height;
            }

            @Override
            public int channels() {
                return 4;
            }

            @Override
            public void readRows(int y, int rows, float[] out) {
                for (int c = 0; c < 4; c++) {
                    System.arraycopy(planes, (c * height + y) * width, out, c * rows * width, rows * width);
                }
            }
        };
    }

    @Override
    public String toString() {
        return "CmykImage[" + width + "×" + height + ", " + profile.description() + "]";
    }
}
