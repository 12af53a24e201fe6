package tessera.imaging.io;

import org.osgi.annotation.versioning.ConsumerType;

import tessera.api.image.RgbImage;

/**
 * Pixels pulled strip by strip, so that a print larger than memory (a repeat laid out over
 * 20000 × 20000 px) can be written without ever holding the whole raster. Writers call
 * {@link #readRows} with increasing {@code y}, one strip at a time, from one thread.
 */
@ConsumerType
public interface PixelSource {
    /** @return width in pixels, ≥ 1 */
    int width();

    /** @return height in pixels, ≥ 1 */
    int height();

    /** @return 1 (grey), 3 (sRGB, gamma-encoded) or 4 (CMYK ink fractions) */
    int channels();

    /**
     * Fills rows {@code y .. y+rows-1} into {@code planes}, laid out (channel, row, column) like
     * {@link RgbImage}: index {@code (c * rows + r) * width() + x}; values in [0, 1].
     *
     * @param y      first row, 0 ≤ y &lt; height()
     * @param rows   number of rows, 1 ≤ rows ≤ height() − y
     * @param planes at least {@code channels() * rows * width()} values; overwritten
     */
    void readRows(int y, int rows, float[] planes);

    /** @return the image as a source, reading straight from its planes without copying the whole image */
    static PixelSource of(RgbImage image) {
        return new PixelSource() {
            @Override
            public int width() {
                return image.width();
            }

            @Override
            public int height() {
                return image.height();
            }

            @Override
            public int channels() {
                return 3;
            }

            @Override
            public void readRows(int y, int rows, float[] planes) {
                int w = image.width();
                int h = image.height();
                float[] src = image.planesView();
                for (int c = 0; c < 3; c++) {
                    System.arraycopy(src, (c * h + y) * w, planes, c * rows * w, rows * w);
                }
            }
        };
    }
}
