package tessera.host.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * #12: the web studio's co-creation flow end to end in headless Chromium (Debian's chromium, npm's
 * playwright-core, both installed by .ci/run) against a real {@code tessera serve} process. The
 * browser script (hosts/headless/server/e2e/studio.e2e.mjs) leaves a screenshot of each step in
 * target/studio-e2e. Skips with the reason where Chromium, Node or playwright-core is missing.
 */
class StudioE2EIT {
    private static final Path E2E = Path.of(System.getProperty("tessera.dist")).getParent().getParent().getParent()
            .resolve("server/e2e");

    @TempDir
    Path tmp;

    @Test
    void aCustomerCoCreatesApprovesAndDownloadsADesign() throws Exception {
        Path chromium = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
        assumeTrue(Files.isExecutable(chromium), "no Chromium at " + chromium + " (apt-get install chromium; .ci/run does)");
        assumeTrue(Files.isDirectory(E2E.resolve("node_modules/playwright-core")),
                "playwright-core is not installed: run npm ci in " + E2E + " (.ci/run does)");
        assumeTrue(new ProcessBuilder("node", "--version").start().waitFor() == 0, "no node on PATH");

        Path data = tmp.resolve("data");
        String token = ServerProcess.token(data, "cleo", "designer");
        Path shots = Path.of(System.getProperty("tessera.dist")).getParent().resolve("studio-e2e");
        try (ServerProcess server = ServerProcess.start(data)) {
            Path log = tmp.resolve("e2e.log");
            Process p = new ProcessBuilder(List.of("node", E2E.resolve("studio.e2e.mjs").toString(), server.url, token,
                    shots.toString())).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            boolean finished = p.waitFor(8, TimeUnit.MINUTES);
            if (!finished) {
                p.destroyForcibly();
            }
            String out = Files.readString(log);
            assertThat(finished).as("the browser flow finished: " + out).isTrue();
            assertThat(p.exitValue()).as(out).isZero();
            assertThat(out).contains("studio e2e: ok");
        }
        for (String shot : List.of("1-variants.png", "2-adjusted-real-size.png", "3-approved-downloads.png")) {
            assertThat(shots.resolve(shot)).as(shot).isNotEmptyFile();
        }
        assertThat(Files.readString(shots.resolve("job.json"))).contains("\"status\"");
    }
}
