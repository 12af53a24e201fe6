package tessera.imaging.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tessera.api.image.RgbImage;

/**
 * 8-bit grey and RGB PNGs are decoded by Tessera's own row decoder (#10: reading an A4 scan); every pixel must be what
 * the JDK's decoder gives, for files written by ImageIO (its own filter choices and IDAT splits), by Tessera, and
 * for the real textures Debian ships.
 */
class PngDecodingTest {
    @TempDir
    Path dir;

    @Test
    void filesWrittenByImageIoDecodeToTheJdkDecodersPixels() throws IOException {
        Random r = new Random(9);
        for (int[] wh : new int[][] {{1, 1}, {1, 7}, {3, 2}, {257, 33}, {640, 480}}) {
            for (int type : new int[] {BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_BYTE_GRAY, BufferedImage.TYPE_INT_RGB}) {
                BufferedImage img = new BufferedImage(wh[0], wh[1], type);
                for (int y = 0; y < wh[1]; y++) {
                    for (int x = 0; x < wh[0]; x++) {
                        // gradients with grain, so every row filter is chosen somewhere
                        int v = (x * 3 + y * 5 + r.nextInt(9)) & 0xff;
                        img.setRGB(x, y, (v << 16) | (((v * 7) & 0xff) << 8) | ((255 - v) & 0xff));
                    }
                }
                Path f = dir.resolve("imageio-" + wh[0] + "x" + wh[1] + "-" + type + ".png");
                assertThat(ImageIO.write(img, "png", f.toFile())).isTrue();
                assertSameAsJdk(f);
            }
        }
    }

    @Test
    void installedTexturesDecodeToTheJdkDecodersPixels() throws IOException {
        List<Path> pngs = new ArrayList<>();
        for (Path folder : List.of(Path.of("/usr/share/mypaint/backgrounds"), Path.of("/usr/share/krita/patterns"))) {
            if (Files.isDirectory(folder)) {
                try (Stream<Path> s = Files.walk(folder)) {
                    s.filter(p -> p.toString().endsWith(".png")).limit(40).forEach(pngs::add);
                }
            }
        }
        org.junit.jupiter.api.Assumptions.assumeFalse(pngs.isEmpty() && !"true".equals(System.getenv("CI")),
                "no installed PNG textures (Debian mypaint-data, krita-data)");
        assertThat(pngs).as("CI installs mypaint-data and krita-data").isNotEmpty();
        for (Path f : pngs) {
            assertSameAsJdk(f);
        }
    }

    @Test
    void aTruncatedPngSaysItIsDamaged() throws IOException {
        Path f = dir.resolve("whole.png");
        float[] p = new float[3 * 64 * 64];
        new Random(3).ints(p.length, 0, 256).forEach(new java.util.function.IntConsumer() {
            int i;

            @Override
            public void accept(int v) {
                p[i++] = v / 255f;
            }
        });
        ImageFiles.writePng(RgbImage.wrap(64, 64, p), 150, f);
        byte[] bytes = Files.readAllBytes(f);
        Path cut = dir.resolve("cut.png");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length * 2 / 3));
        assertThatThrownBy(() -> ImageFiles.read(cut)).isInstanceOf(IOException.class).hasMessageContaining("cut.png")
                .hasMessageContaining("damaged");
    }

    private static void assertSameAsJdk(Path f) throws IOException {
        BufferedImage jdk = ImageIO.read(f.toFile());
        RgbImage ours = ImageFiles.read(f).image();
        int w = jdk.getWidth();
        int h = jdk.getHeight();
        assertThat(ours.width()).isEqualTo(w);
        assertThat(ours.height()).isEqualTo(h);
        boolean grey = jdk.getColorModel().getColorSpace().getType() == java.awt.color.ColorSpace.TYPE_GRAY;
        boolean alpha = jdk.getColorModel().hasAlpha();
        if (alpha || jdk.getColorModel() instanceof java.awt.image.IndexColorModel
                || jdk.getColorModel().getComponentSize(0) != 8) {
            return; // not the layout the row decoder takes; ImageFilesTest covers those
        }
        java.awt.image.Raster r = jdk.getRaster();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    int v = r.getSample(x, y, grey ? 0 : c);
                    assertThat(ours.get(c, y, x)).as("%s (%d, %d) channel %d", f.getFileName(), x, y, c).isEqualTo(v / 255f);
                }
            }
        }
    }
}
