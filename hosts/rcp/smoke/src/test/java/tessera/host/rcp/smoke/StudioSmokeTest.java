package tessera.host.rcp.smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

/**
 * #11, black box: launches the built Tessera Studio product the documented way
 * ({@code java -jar plugins/org.eclipse.equinox.launcher_*.jar}) under the display the build runs in, with
 * {@code -Dtessera.studio.script} set, which makes the workbench drive one design from prompt to export
 * (generate, check, repair, export, provenance, QA) through its own parts and close itself. The test checks
 * what a person would: the exported files on disk, the smoke record, and screenshots that show a window;
 * it copies the screenshots into {@code docs/images} and records the cold start to a usable window.
 */
class StudioSmokeTest {
    /** A bound on a hung product, not a timing assertion. */
    static final long LIMIT_MINUTES = 10;

    @Test
    void oneDesignFromPromptToExportedProductionFiles() throws Exception {
        String display = System.getenv("DISPLAY");
        assumeTrue(display != null && !display.isBlank(),
                "no display: the product needs an X server; run the build under Xvfb (xvfb-run -a ./mvnw verify)");
        Path product = Path.of(System.getProperty("tessera.studio.product"));
        Path launcher = launcher(product);
        Path out = Path.of(System.getProperty("tessera.smoke.out")).toAbsolutePath();
        deleteTree(out);
        Files.createDirectories(out);
        Path home = Files.createDirectories(out.resolve("home")); // the studio's job folders and workspace go here

        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "--add-modules", "jdk.incubator.vector",
                "-Dorg.osgi.framework.system.packages.extra=jdk.incubator.vector", "-Duser.home=" + home,
                "-Dtessera.studio.script=" + out, "-jar", launcher.toString(), "-clearPersistedState", "-consoleLog"));
        Path log = out.resolve("studio.log");
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).directory(product.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        Long readyMs = null;
        long deadline = t0 + TimeUnit.MINUTES.toNanos(LIMIT_MINUTES);
        while (p.isAlive() && System.nanoTime() < deadline) {
            if (readyMs == null && Files.exists(out.resolve("ready.json"))) {
                readyMs = (System.nanoTime() - t0) / 1_000_000; // launch to the first usable window
            }
            Thread.sleep(20);
        }
        if (p.isAlive()) {
            p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        String smoke = Files.exists(out.resolve("smoke.json")) ? Files.readString(out.resolve("smoke.json")) : "(none)";
        assertThat(smoke).as("the script's record (smoke.json); the studio's log:%n%s", tail(log)).contains("\"ok\" : true");
        assertThat(p.exitValue()).as("exit status of the product").isZero();

        assertThat(smoke).as("the Variations view's interpolation strip of five").contains("\"interpolated\" : 5");

        Path export = out.resolve("export");
        try (Stream<Path> files = Files.list(export)) {
            List<String> names = files.map(f -> f.getFileName().toString()).sorted().toList();
            assertThat(names).as("production files in %s", export).contains("job.json", "design-01-print.tif",
                    "design-01-tile.png", "design-01-preview.png");
            assertThat(names).as("the rotary line's screen separations").anyMatch(n -> n.matches("design-01-sep-\\d+-.*\\.tif"));
        }
        // the export's record names the generator and model that made the design, as tessera generate's does
        String job = Files.readString(export.resolve("job.json"));
        assertThat(job).as("job.json of the studio's export").containsPattern("\"role\"\\s*:\\s*\"generator\"")
                .containsPattern("\"id\"\\s*:\\s*\"gan\"").containsPattern("\"modelId\"\\s*:\\s*\"gan-")
                // the design's own seed (the generation job's seed 20261123 derives one per design) and its job
                .containsPattern("\"origin\"\\s*:\\s*\\{[^}]*\\}[^}]*\"jobId\"\\s*:\\s*\"[0-9a-f-]+\"[^}]*\"candidate\"\\s*:\\s*0[^}]*\"seed\"\\s*:\\s*-?\\d+");

        Path shots = out.resolve("screenshots");
        for (String view : new String[] {"design", "variations", "constraints", "export", "provenance", "qa", "plugins"}) {
            Path shot = shots.resolve("rcp-" + view + ".png");
            assertShowsAWindow(shot);
        }
        Path docs = Path.of(System.getProperty("tessera.docs.images"));
        if (Files.isDirectory(docs)) {
            try (Stream<Path> files = Files.list(shots)) {
                for (Path f : files.toList()) {
                    Files.copy(f, docs.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        String record = "cold start to a usable window: " + readyMs + " ms from launch (" + LocalDate.now() + ", "
                + Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version") + ")\n";
        Files.writeString(out.resolve("cold-start.txt"), record + smoke, StandardCharsets.UTF_8);
        System.out.println("Tessera Studio " + record);
    }

    /** A screenshot of a drawn window: full size, many colours (widgets and a design), not one flat fill. */
    private static void assertShowsAWindow(Path shot) throws IOException {
        assertThat(shot).isRegularFile();
        BufferedImage img = ImageIO.read(shot.toFile());
        assertThat(img.getWidth()).as("%s width", shot).isGreaterThan(1000);
        assertThat(img.getHeight()).as("%s height", shot).isGreaterThan(600);
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 3) {
            for (int x = 0; x < img.getWidth(); x += 3) {
                colours.add(img.getRGB(x, y));
            }
        }
        assertThat(colours.size()).as("distinct colours in %s", shot).isGreaterThan(64);
    }

    private static Path launcher(Path product) throws IOException {
        assertThat(product.resolve("plugins")).as("the materialized product; build it first: ./mvnw -B install -pl hosts/rcp/product -am")
                .isDirectory();
        try (Stream<Path> files = Files.list(product.resolve("plugins"))) {
            return files.filter(f -> f.getFileName().toString().matches("org\\.eclipse\\.equinox\\.launcher_.*\\.jar"))
                    .findFirst().orElseThrow(() -> new AssertionError("no equinox launcher in " + product));
        }
    }

    private static String tail(Path log) throws IOException {
        if (!Files.exists(log)) {
            return "(no log)";
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path f : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }
}
