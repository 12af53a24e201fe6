package tessera.imaging.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.plugins.tiff.BaselineTIFFTagSet;
import javax.imageio.plugins.tiff.TIFFDirectory;
import javax.imageio.stream.ImageInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import tessera.api.image.RgbImage;

class TiffWriterTest {
    @TempDir
    Path dir;

    /** A smooth field plus noise: exercises the predictor and the codes of every LZW width. */
    static RgbImage swatch(int w, int h, long seed, int levels) {
        Random r = new Random(seed);
        float[] p = new float[3 * w * h];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double v = 0.5 + 0.4 * Math.sin(x * 0.05 * (c + 1) + y * 0.03) + 0.05 * r.nextGaussian();
                    p[(c * h + y) * w + x] = Math.round(Math.clamp(v, 0, 1) * levels) / (float) levels;
                }
            }
        }
        return RgbImage.wrap(w, h, p);
    }

    @ParameterizedTest
    @EnumSource(TiffCompression.class)
    void eightBitRoundTripIsExact(TiffCompression compression) throws IOException {
        RgbImage tile = swatch(301, 157, 1, 255);
        Path file = dir.resolve("print.tif");
        ImageFiles.writeTiff(tile, TiffOptions.of(300).withCompression(compression), file);
        RasterFile back = ImageFiles.read(file);
        assertThat(back.image()).isEqualTo(tile);
        assertThat(back.dpiX()).isEqualTo(300.0);
        assertThat(back.dpiY()).isEqualTo(300.0);
        assertThat(back.iccProfile()).isEqualTo(ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData());
    }

    @ParameterizedTest
    @EnumSource(TiffCompression.class)
    void sixteenBitRoundTripIsExact(TiffCompression compression) throws IOException {
        RgbImage tile = swatch(130, 70, 2, 65535);
        Path file = dir.resolve("deep.tif");
        ImageFiles.writeTiff(tile, TiffOptions.of(150.5).withBitDepth(16).withCompression(compression), file);
        RasterFile back = ImageFiles.read(file);
        float[] a = tile.planesView();
        float[] b = back.image().planesView();
        for (int i = 0; i < a.length; i++) {
            assertThat(b[i]).isCloseTo(a[i], within(1e-7f));
        }
        assertThat(back.dpiX()).isEqualTo(150.5);
    }

    @Test
    void lzwSurvivesManyTableResetsOnLargeStrips() throws IOException {
        // noise fills the 4094-entry table many times within one 1 MiB strip
        RgbImage noise = ImageFilesTest.noise(700, 600, 3);
        Path file = dir.resolve("noise.tif");
        ImageFiles.writeTiff(noise, TiffOptions.of(100), file);
        assertThat(ImageFiles.read(file).image()).isEqualTo(noise);
    }

    @Test
    void compressionShrinksSmoothArtwork() throws IOException {
        java.util.function.Supplier<PixelSource> tile = () -> new FunctionSource(400, 400, 3,
                (c, y, x) -> (float) (0.5 + 0.4 * Math.sin(x * 0.02 * (c + 1) + y * 0.01)));
        Path none = dir.resolve("n.tif");
        Path lzw = dir.resolve("l.tif");
        Path deflate = dir.resolve("d.tif");
        ImageFiles.writeTiff(tile.get(), TiffOptions.of(300).withCompression(TiffCompression.NONE), none);
        ImageFiles.writeTiff(tile.get(), TiffOptions.of(300).withCompression(TiffCompression.LZW), lzw);
        ImageFiles.writeTiff(tile.get(), TiffOptions.of(300).withCompression(TiffCompression.DEFLATE), deflate);
        assertThat(Files.size(lzw)).isLessThan(Files.size(none) / 2);
        assertThat(Files.size(deflate)).isLessThan(Files.size(none) / 2);
    }

    @Test
    void tagsAreWhatAPrintShopExpects() throws IOException {
        Path file = dir.resolve("tags.tif");
        ImageFiles.writeTiff(swatch(20, 10, 5, 255), TiffOptions.of(254).withCompression(TiffCompression.DEFLATE), file);
        TIFFDirectory d = directoryOf(file);
        assertThat(d.getTIFFField(BaselineTIFFTagSet.TAG_RESOLUTION_UNIT).getAsInt(0)).isEqualTo(2);
        assertThat(d.getTIFFField(BaselineTIFFTagSet.TAG_X_RESOLUTION).getAsRational(0)).containsExactly(254, 1);
        assertThat(d.getTIFFField(BaselineTIFFTagSet.TAG_COMPRESSION).getAsInt(0)).isEqualTo(8);
        assertThat(d.getTIFFField(BaselineTIFFTagSet.TAG_PREDICTOR).getAsInt(0)).isEqualTo(2);
        assertThat(d.getTIFFField(BaselineTIFFTagSet.TAG_PHOTOMETRIC_INTERPRETATION).getAsInt(0)).isEqualTo(2);
        assertThat(Files.readAllBytes(file)[0]).isEqualTo((byte) 'M');
    }

    @Test
    void greyTiffHasNoProfileAndReadsBackAsNeutral() throws IOException {
        PixelSource grey = new FunctionSource(40, 30, 1, (c, y, x) -> x / 39f);
        Path file = dir.resolve("grey.tif");
        ImageFiles.writeTiff(grey, TiffOptions.of(72).withBitDepth(16), file);
        RasterFile back = ImageFiles.read(file);
        assertThat(back.iccProfile()).isNull();
        assertThat(back.image().get(0, 5, 39)).isEqualTo(1f);
        assertThat(back.image().get(2, 5, 13)).isCloseTo(13 / 39f, within(1e-5f));
    }

    @Test
    void cmykTiffCarriesInkValuesAndItsProfile() throws IOException {
        byte[] cmykIcc = fakeProfile("CMYK");
        PixelSource cmyk = new FunctionSource(8, 4, 4, (c, y, x) -> c == 3 ? 1f : c * 0.25f + x / 100f);
        Path file = dir.resolve("sep.tif");
        ImageFiles.writeTiff(cmyk, TiffOptions.of(300).withIccProfile(cmykIcc), file);
        TIFFDirectory d = directoryOf(file);
        assertThat(d.getTIFFField(BaselineTIFFTagSet.TAG_PHOTOMETRIC_INTERPRETATION).getAsInt(0)).isEqualTo(5);
        assertThat(d.getTIFFField(BaselineTIFFTagSet.TAG_INK_SET).getAsInt(0)).isEqualTo(1);
        assertThat(d.getTIFFField(34675).getAsBytes()).isEqualTo(cmykIcc);
        Raster raw = rawRaster(file);
        assertThat(raw.getNumBands()).isEqualTo(4);
        assertThat(raw.getSample(5, 2, 1)).isEqualTo(Math.round((0.25f + 0.05f) * 255));
        assertThat(raw.getSample(5, 2, 3)).isEqualTo(255);
        // the stand-in profile has no colour tables, so the file cannot be shown as RGB: say so
        assertThatThrownBy(() -> ImageFiles.read(file)).isInstanceOf(IOException.class).hasMessageContaining(file.toString())
                .hasMessageContaining("profile");
    }

    @Test
    void profileMustMatchThePixels() {
        PixelSource cmyk = new FunctionSource(2, 2, 4, (c, y, x) -> 0f);
        assertThatThrownBy(() -> ImageFiles.writeTiff(cmyk, TiffOptions.of(300), dir.resolve("x.tif")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("press profile");
        assertThatThrownBy(() -> ImageFiles.writeTiff(cmyk, TiffOptions.of(300).withIccProfile(fakeProfile("RGB ")), dir.resolve("x.tif")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'RGB'").hasMessageContaining("'CMYK'");
        assertThat(dir.resolve("x.tif")).doesNotExist();
    }

    @Test
    void largePrintIsPulledInStripsNeverWhole() throws IOException {
        int w = 6000;
        int h = 2500;
        FunctionSource field = new FunctionSource(w, h, 3, (c, y, x) -> ((x / 50 + y / 50) & 1) == 0 ? 0.2f : 0.8f);
        Path file = dir.resolve("big.tif");
        ImageFiles.writeTiff(field, TiffOptions.of(300), file);
        assertThat(field.rowsPulled).isEqualTo(h);
        // one strip of 8-bit RGB is at most 1 MiB of samples: 58 rows of 6000 px here, not 2500
        assertThat(field.largestPull).isLessThanOrEqualTo((1 << 20) / (3 * w));
        RasterFile back = ImageFiles.read(file);
        assertThat(back.image().get(0, 2499, 5999)).isEqualTo(Math.round(0.2f * 255) / 255f);
        assertThat(back.image().get(1, 2499, 5949)).isEqualTo(Math.round(0.8f * 255) / 255f);
    }

    @Test
    void printsLargerThanATileAreWrittenButNotReadAsTiles() throws IOException {
        Path file = dir.resolve("wide.tif");
        ImageFiles.writeTiff(new FunctionSource(16385, 2, 3, (c, y, x) -> 0.5f), TiffOptions.of(300), file);
        assertThatThrownBy(() -> ImageFiles.read(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("16385×2").hasMessageContaining("16384");
    }

    static byte[] fakeProfile(String colourSpace) {
        byte[] icc = new byte[132];
        icc[3] = (byte) 132;
        System.arraycopy(colourSpace.getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, icc, 16, 4);
        icc[36] = 'a';
        icc[37] = 'c';
        icc[38] = 's';
        icc[39] = 'p';
        return icc;
    }

    static TIFFDirectory directoryOf(Path file) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            ImageReader r = ImageIO.getImageReadersByFormatName("tiff").next();
            r.setInput(in);
            return TIFFDirectory.createFromMetadata(r.getImageMetadata(0));
        }
    }

    static Raster rawRaster(Path file) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            ImageReader r = ImageIO.getImageReadersByFormatName("tiff").next();
            r.setInput(in);
            return r.read(0).getRaster();
        }
    }

    /** A synthetic source that records how it is pulled. */
    static final class FunctionSource implements PixelSource {
        interface Pixel {
            float at(int c, int y, int x);
        }

        private final int w;
        private final int h;
        private final int ch;
        private final Pixel pixel;
        int rowsPulled;
        int largestPull;

        FunctionSource(int w, int h, int ch, Pixel pixel) {
            this.w = w;
            this.h = h;
            this.ch = ch;
            this.pixel = pixel;
        }

        @Override
        public int width() {
            return w;
        }

        @Override
        public int height() {
            return h;
        }

        @Override
        public int channels() {
            return ch;
        }

        @Override
        public void readRows(int y, int rows, float[] planes) {
            assertThat(y).isEqualTo(rowsPulled); // in order, no gaps
            rowsPulled += rows;
            largestPull = Math.max(largestPull, rows);
            for (int c = 0; c < ch; c++) {
                for (int r = 0; r < rows; r++) {
                    for (int x = 0; x < w; x++) {
                        planes[(c * rows + r) * w + x] = pixel.at(c, y + r, x);
                    }
                }
            }
        }
    }
}
