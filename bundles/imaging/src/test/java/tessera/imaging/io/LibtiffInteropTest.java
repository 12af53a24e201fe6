package tessera.imaging.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import tessera.api.image.RgbImage;

/**
 * Our TIFFs decoded by libtiff, the reference implementation RIPs build on: tiffcp rewrites them
 * uncompressed and the pixels must come back unchanged (LZW "early change", predictor, Deflate).
 * Needs libtiff-tools; skipped without it, failed when CI=true.
 */
class LibtiffInteropTest {
    private static final Path TIFFCP = Path.of("/usr/bin/tiffcp");

    private static String missing;

    @TempDir
    Path dir;

    @BeforeAll
    static void needsLibtiff() {
        if (!Files.isExecutable(TIFFCP)) {
            String msg = "libtiff's tiffcp not found at " + TIFFCP + "; install the Debian/Ubuntu package libtiff-tools";
            if ("true".equals(System.getenv("CI"))) {
                fail(msg + " — CI must install it");
            }
            missing = msg;
        }
    }

    @ParameterizedTest
    @EnumSource(TiffCompression.class)
    void libtiffDecodesOurStripsExactly(TiffCompression compression) throws IOException, InterruptedException {
        Assumptions.assumeTrue(missing == null, () -> missing);
        RgbImage art = TiffWriterTest.swatch(700, 300, 11, 255); // smooth plus noise: long LZW codes and resets
        for (int bits : new int[] {8, 16}) {
            Path ours = dir.resolve("ours-" + bits + ".tif");
            Path plain = dir.resolve("plain-" + bits + ".tif");
            ImageFiles.writeTiff(art, TiffOptions.of(300).withCompression(compression).withBitDepth(bits), ours);
            Process p = new ProcessBuilder(TIFFCP.toString(), "-c", "none", ours.toString(), plain.toString())
                    .redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor()).as(log).isZero();
            assertThat(log).as("libtiff warnings").isBlank();
            RasterFile back = ImageFiles.read(plain);
            assertThat(back.image()).isEqualTo(ImageFiles.read(ours).image());
            assertThat(back.dpiX()).isEqualTo(300.0);
        }
    }
}
