package tessera.imaging.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.plugins.tiff.BaselineTIFFTagSet;
import javax.imageio.plugins.tiff.TIFFDirectory;
import javax.imageio.plugins.tiff.TIFFField;
import javax.imageio.plugins.tiff.TIFFTag;
import javax.imageio.stream.ImageOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tessera.api.image.RgbImage;

class ImageFilesTest {
    @TempDir
    Path dir;

    static RgbImage noise(int w, int h, long seed) {
        Random r = new Random(seed);
        float[] p = new float[3 * w * h];
        for (int i = 0; i < p.length; i++) {
            p[i] = r.nextInt(256) / 255f;
        }
        return RgbImage.wrap(w, h, p);
    }

    @Test
    void pngRoundTripKeepsEightBitValuesAndDpi() throws IOException {
        RgbImage tile = noise(37, 23, 1);
        Path file = dir.resolve("tile.png");
        ImageFiles.writePng(tile, 300, file);

        RasterFile back = ImageFiles.read(file);
        assertThat(back.image()).isEqualTo(tile);
        assertThat(back.dpiX()).isEqualTo(300.0);
        assertThat(back.dpiY()).isEqualTo(300.0);
        assertThat(back.iccProfile()).isNull();
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file); // no temporary file left behind
        }
    }

    @Test
    void pngIsReadableByImageIoWithTheSamePixels() throws IOException {
        RgbImage tile = noise(16, 9, 2);
        Path file = dir.resolve("t.png");
        ImageFiles.writePng(tile, 150, file);
        BufferedImage bi = ImageIO.read(file.toFile());
        int[] argb = bi.getRGB(0, 0, 16, 9, null, 0, 16);
        int[] packed = tile.toPackedRgb();
        for (int i = 0; i < packed.length; i++) {
            assertThat(argb[i] & 0xffffff).isEqualTo(packed[i]);
        }
    }

    @Test
    void aPngOfManyBlocksIsOneValidStreamAndTheSameBytesEveryTime() throws IOException {
        // taller than several 256-row blocks compressed apart: the JDK's decoder checks the zlib stream and its
        // Adler-32, and a smooth gradient with noise exercises every row filter across block boundaries
        int w = 301;
        int h = 1100;
        Random r = new Random(5);
        float[] p = new float[3 * w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    p[(c * h + y) * w + x] = Math.clamp((x + y * (c + 1)) % 256 / 255f + (r.nextInt(5) - 2) / 255f, 0f, 1f);
                }
            }
        }
        RgbImage tile = RgbImage.wrap(w, h, p);
        Path file = dir.resolve("tall.png");
        ImageFiles.writePng(tile, 150, file);
        BufferedImage bi = ImageIO.read(file.toFile());
        int[] argb = bi.getRGB(0, 0, w, h, null, 0, w);
        int[] packed = tile.toPackedRgb();
        for (int i = 0; i < packed.length; i++) {
            assertThat(argb[i] & 0xffffff).as("pixel %d", i).isEqualTo(packed[i]);
        }
        Path again = dir.resolve("tall-again.png");
        ImageFiles.writePng(tile, 150, again);
        assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(file));
        RasterFile back = ImageFiles.read(file);
        assertThat(back.image().toPackedRgb()).isEqualTo(packed);
    }

    @Test
    void sixteenBitPngKeepsSixteenBitPrecision() throws IOException {
        float[] p = new float[3 * 4 * 3];
        for (int i = 0; i < p.length; i++) {
            p[i] = (i * 997 % 65536) / 65535f;
        }
        RgbImage tile = RgbImage.wrap(4, 3, p);
        Path file = dir.resolve("deep.png");
        ImageFiles.writePng(tile, new PngOptions(16, 72.5, null), file);
        RasterFile back = ImageFiles.read(file);
        for (int i = 0; i < p.length; i++) {
            assertThat(back.image().planesView()[i]).isCloseTo(p[i], within(1e-6f));
        }
        assertThat(back.dpiX()).isCloseTo(72.5, within(0.0127));
    }

    @Test
    void pngEmbedsIccProfileBytes() throws IOException {
        byte[] icc = java.awt.color.ICC_Profile.getInstance(java.awt.color.ColorSpace.CS_sRGB).getData();
        Path file = dir.resolve("icc.png");
        ImageFiles.writePng(noise(5, 5, 3), PngOptions.of(200).withIccProfile(icc), file);
        assertThat(ImageFiles.read(file).iccProfile()).isEqualTo(icc);
    }

    @Test
    void writtenFilesGetTheSamePermissionsAsAnyOtherFile() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path plain = Files.writeString(dir.resolve("plain.txt"), "x");
        Path png = dir.resolve("shared.png");
        ImageFiles.writePng(noise(2, 2, 6), 300, png);
        // not owner-only like a createTempFile: a RIP under another account must be able to read it
        assertThat(Files.getPosixFilePermissions(png)).isEqualTo(Files.getPosixFilePermissions(plain));
    }

    @Test
    void writeReplacesAnExistingFile() throws IOException {
        Path file = dir.resolve("again.png");
        ImageFiles.writePng(noise(3, 3, 4), 100, file);
        RgbImage second = noise(4, 4, 5);
        ImageFiles.writePng(second, 100, file);
        assertThat(ImageFiles.read(file).image()).isEqualTo(second);
    }

    @Test
    void readsGreyAndGreyAlphaAndPalettePngs() throws IOException {
        BufferedImage grey = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(0, 0, 0, 51);
        grey.getRaster().setSample(1, 0, 0, 255);
        RgbImage g = readBack(grey, "png");
        assertThat(g.get(0, 0, 0)).isEqualTo(0.2f);
        assertThat(g.get(2, 0, 0)).isEqualTo(0.2f);

        BufferedImage grey16 = new BufferedImage(1, 1, BufferedImage.TYPE_USHORT_GRAY);
        grey16.getRaster().setSample(0, 0, 0, 32768);
        assertThat(readBack(grey16, "png").get(1, 0, 0)).isCloseTo(32768 / 65535f, within(1e-6f));

        byte[] r = {(byte) 255, 0};
        byte[] gg = {0, 0};
        byte[] b = {0, (byte) 255};
        BufferedImage pal = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_INDEXED, new IndexColorModel(1, 2, r, gg, b));
        pal.getRaster().setSample(1, 0, 0, 1);
        RgbImage p = readBack(pal, "png");
        assertThat(new float[] {p.get(0, 0, 0), p.get(1, 0, 0), p.get(2, 0, 0)}).containsExactly(1f, 0f, 0f);
        assertThat(new float[] {p.get(0, 0, 1), p.get(1, 0, 1), p.get(2, 0, 1)}).containsExactly(0f, 0f, 1f);
    }

    @Test
    void compositesAlphaOnWhite() throws IOException {
        BufferedImage rgba = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        rgba.setRGB(0, 0, 0x00000000); // fully transparent black → white paper
        rgba.setRGB(1, 0, 0x80ff0000); // half red over white
        RgbImage img = readBack(rgba, "png");
        for (int c = 0; c < 3; c++) {
            assertThat(img.get(c, 0, 0)).isEqualTo(1f);
        }
        assertThat(img.get(0, 0, 1)).isCloseTo(1f, within(1e-6f));
        assertThat(img.get(1, 0, 1)).isCloseTo(1 - 128 / 255f, within(1e-6f));
        assertThat(img.get(2, 0, 1)).isCloseTo(1 - 128 / 255f, within(1e-6f));
    }

    @Test
    void readsEightAndSixteenBitTiffWithResolution() throws IOException {
        BufferedImage rgb = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        rgb.setRGB(2, 1, 0x336699);
        Path f8 = dir.resolve("a.tif");
        writeTiffWithDpi(rgb, 254, BaselineTIFFTagSet.RESOLUTION_UNIT_INCH, f8);
        RasterFile r8 = ImageFiles.read(f8);
        assertThat(r8.image().get(0, 1, 2)).isEqualTo(0x33 / 255f);
        assertThat(r8.image().get(2, 1, 2)).isEqualTo(0x99 / 255f);
        assertThat(r8.dpiX()).isEqualTo(254.0);

        BufferedImage deep = new BufferedImage(2, 2, BufferedImage.TYPE_USHORT_GRAY);
        deep.getRaster().setSample(1, 1, 0, 1000);
        Path f16 = dir.resolve("b.tif");
        writeTiffWithDpi(deep, 100, BaselineTIFFTagSet.RESOLUTION_UNIT_CENTIMETER, f16);
        RasterFile r16 = ImageFiles.read(f16);
        assertThat(r16.image().get(0, 1, 1)).isCloseTo(1000 / 65535f, within(1e-7f));
        assertThat(r16.dpiX()).isCloseTo(254.0, within(1e-9));
    }

    @Test
    void unknownResolutionIsNaN() throws IOException {
        BufferedImage rgb = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
        assertThat(readFile(rgb, "png").hasDpi()).isFalse();
        Path f = dir.resolve("none.tif");
        writeTiffWithDpi(rgb, 300, BaselineTIFFTagSet.RESOLUTION_UNIT_NONE, f);
        assertThat(ImageFiles.read(f).dpiX()).isNaN();
    }

    @Test
    void errorsNameTheFileTheProblemAndTheAcceptedFormats() throws IOException {
        Path jpeg = dir.resolve("photo.jpg");
        ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), "jpeg", jpeg.toFile());
        assertThatThrownBy(() -> ImageFiles.read(jpeg)).isInstanceOf(IOException.class)
                .hasMessageContaining(jpeg.toString()).hasMessageContaining("JPEG").hasMessageContaining("PNG and TIFF");

        Path missing = dir.resolve("nope.png");
        assertThatThrownBy(() -> ImageFiles.read(missing)).isInstanceOf(IOException.class)
                .hasMessageContaining(missing.toString()).hasMessageContaining("does not exist");

        Path empty = Files.createFile(dir.resolve("empty.png"));
        assertThatThrownBy(() -> ImageFiles.read(empty)).hasMessageContaining("empty").hasMessageContaining("PNG and TIFF");

        Path text = Files.writeString(dir.resolve("notes.tif"), "just some text, not an image");
        assertThatThrownBy(() -> ImageFiles.read(text)).hasMessageContaining(text.toString()).hasMessageContaining("not a PNG or TIFF");

        Path cut = dir.resolve("cut.png");
        ImageFiles.writePng(noise(64, 64, 9), 300, cut);
        byte[] all = Files.readAllBytes(cut);
        Files.write(cut, java.util.Arrays.copyOf(all, all.length / 2));
        assertThatThrownBy(() -> ImageFiles.read(cut)).isInstanceOf(IOException.class)
                .hasMessageContaining(cut.toString()).hasMessageContaining("damaged");
    }

    private RgbImage readBack(BufferedImage bi, String format) throws IOException {
        return readFile(bi, format).image();
    }

    private RasterFile readFile(BufferedImage bi, String format) throws IOException {
        Path f = dir.resolve("in-" + System.nanoTime() + "." + format);
        assertThat(ImageIO.write(bi, format, f.toFile())).isTrue();
        return ImageFiles.read(f);
    }

    static void writeTiffWithDpi(BufferedImage bi, long res, int unit, Path file) throws IOException {
        ImageWriter w = ImageIO.getImageWritersByFormatName("tiff").next();
        ImageWriteParam param = w.getDefaultWriteParam();
        IIOMetadata meta = w.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(bi), param);
        TIFFDirectory d = TIFFDirectory.createFromMetadata(meta);
        BaselineTIFFTagSet base = BaselineTIFFTagSet.getInstance();
        d.addTIFFField(new TIFFField(base.getTag(BaselineTIFFTagSet.TAG_X_RESOLUTION), TIFFTag.TIFF_RATIONAL, 1, new long[][] {{res, 1}}));
        d.addTIFFField(new TIFFField(base.getTag(BaselineTIFFTagSet.TAG_Y_RESOLUTION), TIFFTag.TIFF_RATIONAL, 1, new long[][] {{res, 1}}));
        d.addTIFFField(new TIFFField(base.getTag(BaselineTIFFTagSet.TAG_RESOLUTION_UNIT), unit));
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            w.setOutput(out);
            w.write(null, new IIOImage(bi, null, d.getAsMetadata()), param);
        } finally {
            w.dispose();
        }
    }
}
