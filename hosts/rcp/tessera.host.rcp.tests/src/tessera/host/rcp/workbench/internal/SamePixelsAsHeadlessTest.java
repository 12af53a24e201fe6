package tessera.host.rcp.workbench.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tessera.api.job.DesignPipeline;
import tessera.api.job.JobListener;
import tessera.api.job.JobRecord;
import tessera.api.json.TesseraJson;

/**
 * #11: the workbench shows exactly what the headless host produces for the same request and seed. The
 * Design part's form becomes a request here as in the part, the job runs through {@link DesignRun} on the
 * pipeline in this Equinox, and {@code tessera generate} runs the same design in the headless host's own
 * Felix process; the tiles must match pixel for pixel.
 */
class SamePixelsAsHeadlessTest {
    @TempDir
    Path dir;

    @Test
    void proceduralDesignMatchesTesseraGenerate() throws Exception {
        sameTiles(new DesignForm("navy and rust ikat stripes", "procedural", null, 4242L, 2, 64, "half-drop", 16.0));
    }

    @Test
    void ganDesignMatchesTesseraGenerate() throws Exception {
        sameTiles(new DesignForm("sage gingham check", "gan", null, 77L, 2, 64, "block", 24.0));
    }

    private void sameTiles(DesignForm form) throws Exception {
        Engine engine = TestRuntime.startEngine();
        DesignPipeline pipeline = engine.await(DesignPipeline.class, Duration.ofSeconds(60));
        DesignResult studio = DesignRun.run(pipeline, form.toRequest(), dir.resolve("studio"), JobListener.NONE);

        Path headlessOut = dir.resolve("headless");
        runTesseraGenerate(form, headlessOut);
        JobRecord headless = TesseraJson.read(headlessOut.resolve("job.json"), JobRecord.class);
        List<Path> headlessTiles = DesignRun.tiles(headless, headlessOut);

        assertThat(studio.tiles()).hasSize(form.variations());
        assertThat(headlessTiles).hasSize(form.variations());
        assertThat(studio.record().services()).extracting(s -> s.id() + " " + s.version())
                .as("same plugins and versions").containsExactlyInAnyOrderElementsOf(
                        headless.services().stream().map(s -> s.id() + " " + s.version()).toList());
        List<int[]> pixels = new ArrayList<>();
        for (int i = 0; i < form.variations(); i++) {
            int[] a = pixels(studio.tiles().get(i)), b = pixels(headlessTiles.get(i));
            assertThat(a).as("design %d: workbench tile vs tessera generate tile", i + 1).isEqualTo(b);
            pixels.add(a);
        }
        // two different designs: equal tiles above are not the trivial case of one constant image
        assertThat(pixels.get(0)).isNotEqualTo(pixels.get(1));
    }

    private static void runTesseraGenerate(DesignForm form, Path out) throws IOException, InterruptedException {
        Path dist = Path.of(System.getProperty("tessera.headless.dist", "hosts/headless/launcher/target/tessera"));
        Path jar = dist.resolve("tessera-launcher.jar");
        assertThat(jar).as("the headless distribution; build it first: ./mvnw -B -DskipTests install -pl hosts/headless/launcher -am")
                .isRegularFile();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new ArrayList<>(List.of(java.toString(), "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow", "--add-modules", "jdk.incubator.vector", "-jar", jar.toString(),
                "generate", "--prompt", form.prompt(), "--generator", form.generator(), "--seed",
                Long.toString(form.seed()), "-n", Integer.toString(form.variations()), "--size",
                Integer.toString(form.sizePx()), "--repeat", form.repeat(), "--width-cm",
                Double.toString(form.widthCm()), "-o", out.toString()));
        Path log = out.resolveSibling("headless.log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        // its own data folder: no hot-deployed plugin of this machine's user takes part
        pb.environment().put("TESSERA_DATA", out.resolveSibling("headless-data").toString());
        Process p = pb.start();
        // a bound on a hung process, not a timing assertion
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
        }
        assertThat(p.exitValue()).as("tessera generate exit status; its output:%n%s",
                Files.readString(log, StandardCharsets.UTF_8)).isZero();
    }

    private static int[] pixels(Path png) throws IOException {
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img).as("a PNG at %s", png).isNotNull();
        Raster r = img.getRaster();
        return r.getPixels(0, 0, r.getWidth(), r.getHeight(), (int[]) null);
    }

}
