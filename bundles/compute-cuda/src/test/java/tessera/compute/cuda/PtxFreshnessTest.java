package tessera.compute.cuda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * #5: the committed PTX must be what build-ptx.sh makes from the committed sources. The digest check
 * runs everywhere; where CUDA's ptxas is installed each module is also assembled for sm_90, which
 * proves the PTX loads on an H100/H200 without needing one.
 */
class PtxFreshnessTest {
    private static final Path SOURCES = Path.of("src/main/cuda");
    private static final Path PTX = Path.of("src/main/resources/tessera/compute/cuda/ptx");

    @Test
    void committedPtxWasMadeFromTheCommittedSources() throws IOException {
        Map<String, String> recorded = new TreeMap<>();
        for (String line : Files.readAllLines(PTX.resolve("SOURCES.sha256"))) {
            String[] parts = line.trim().split("\\s+");
            recorded.put(parts[1], parts[0]);
        }
        Map<String, String> actual = new TreeMap<>();
        try (Stream<Path> files = Files.list(SOURCES)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".cu") || f.toString().endsWith(".cuh")).toList()) {
                actual.put(p.getFileName().toString(), sha256(p));
            }
        }
        assertThat(actual).as("src/main/cuda changed since the PTX was made: run bundles/compute-cuda/build-ptx.sh "
                + "and commit its output").isEqualTo(recorded);
        for (String cu : actual.keySet()) {
            if (cu.endsWith(".cu")) {
                assertThat(PTX.resolve(cu.replace(".cu", ".ptx"))).as("PTX for " + cu).exists();
            }
        }
    }

    @Test
    void everyModuleAssemblesForHopper() throws Exception {
        Path ptxas = Stream.of("/usr/local/cuda/bin/ptxas", "/usr/local/cuda-13.0/bin/ptxas").map(Path::of)
                .filter(Files::isExecutable).findFirst().orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(ptxas != null, "CUDA's ptxas is not installed here");
        try (Stream<Path> files = Files.list(PTX)) {
            for (Path ptx : files.filter(f -> f.toString().endsWith(".ptx")).toList()) {
                Path out = Files.createTempFile("tessera-ptx", ".cubin");
                Process p = new ProcessBuilder(List.of(ptxas.toString(), "-arch=sm_90", "-o", out.toString(), ptx.toString()))
                        .redirectErrorStream(true).start();
                String log = new String(p.getInputStream().readAllBytes());
                assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
                assertThat(p.exitValue()).as(ptx + " does not assemble: " + log).isZero();
                assertThat(Files.size(out)).isPositive();
                Files.delete(out);
            }
        }
    }

    private static String sha256(Path p) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
