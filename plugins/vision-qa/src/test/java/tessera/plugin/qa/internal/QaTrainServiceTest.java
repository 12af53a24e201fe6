package tessera.plugin.qa.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.jar.JarFile;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Version;

import tessera.api.json.TesseraJson;
import tessera.api.provenance.ModelCard;
import tessera.compute.cpu.CpuDevices;

/**
 * #10 {@code tessera train qa}'s service: a tiny model trained for a few steps through the call map the CLI sends,
 * packaged as a model bundle (manifest header, card, weights) that loads and then outranks the shipped model; a
 * resumed run continues from the checkpoint; a folder without textures is a message, not an exception.
 */
class QaTrainServiceTest {
    private static Map<String, Object> call(Path out, int steps, boolean resume, StringWriter log) {
        Map<String, Object> c = new HashMap<>();
        c.put("data", Textures.DEBIAN.toString());
        c.put("out", out.toString());
        c.put("steps", steps);
        c.put("batch", 2);
        c.put("side", 64);
        c.put("checkpointEvery", 2);
        c.put("seed", 3L);
        c.put("resume", resume);
        c.put("command", "tessera train qa --steps " + steps);
        c.put("modelId", "qa-test");
        c.put("modelVersion", "1.0.0." + steps);
        c.put("err", new PrintWriter(log, true));
        return c;
    }

    @Test
    void trainsPackagesAndResumes(@TempDir Path tmp) throws IOException {
        Assumptions.assumeTrue(Textures.installed() || "true".equals(System.getenv("CI")), "CI installs the Debian textures");
        QaTrainService service = new QaTrainService(CpuDevices.shared());
        Path jar = tmp.resolve("qa-test.jar");
        StringWriter log = new StringWriter();
        Map<String, Object> r = service.apply(call(jar, 3, false, log));
        assertThat(r).as(log.toString()).doesNotContainKey("error").containsEntry("steps", 3);
        assertThat(Path.of((String) r.get("samples"))).exists();
        assertThat((Double) r.get("heldOutLoss")).isFinite();

        try (JarFile j = new JarFile(jar.toFile())) {
            String cardPath = j.getManifest().getMainAttributes().getValue(QaModels.HEADER);
            assertThat(cardPath).isEqualTo("model/qa-defect.card.json");
            ModelCard card = TesseraJson.mapper().readValue(j.getInputStream(j.getEntry(cardPath)), ModelCard.class);
            assertThat(card.trainingSteps()).isEqualTo(3);
            assertThat(card.trainingCommand()).isEqualTo("tessera train qa --steps 3");
            assertThat(card.trainingManifestSha256()).hasSize(64);
            assertThat(card.weights().get(0).dtype()).isEqualTo("F16");

            // the bundle's model loads as the inspector loads it and, newer than the shipped 1.0.0, serves
            QaModels models = new QaModels();
            Version[] shippedVersion = new Version[1];
            models.add("shipped", Version.parseVersion("1.0.0"), QaModels.load(
                    VisionQaInspector.class.getClassLoader()::getResourceAsStream, VisionQaInspector.CARD, CpuDevices.shared(), shippedVersion));
            Version[] v = new Version[1];
            models.add("trained", Version.parseVersion("1.0.0.3"), QaModels.load(p -> j.getEntry(p) == null ? null : j.getInputStream(j.getEntry(p)),
                    cardPath, CpuDevices.shared(), v));
            assertThat(v[0]).isEqualTo(Version.parseVersion("1.0.0.3"));
            try (QaModels.Lease lease = models.acquire()) {
                assertThat(lease.source()).startsWith("trained");
                models.remove("trained"); // withdrawn mid-job: the job keeps its model
                assertThat(lease.net().parameterCount()).isPositive();
            }
            try (QaModels.Lease lease = models.acquire()) {
                assertThat(lease.source()).startsWith("shipped");
            }
            models.closeAll();
        }

        StringWriter again = new StringWriter();
        Map<String, Object> resumed = service.apply(call(jar, 5, true, again));
        assertThat(resumed).as(again.toString()).containsEntry("steps", 5);
        assertThat(again.toString()).contains("resumed at step 3");
    }

    @Test
    void aFolderWithoutTexturesIsAMessage(@TempDir Path tmp) throws IOException {
        Map<String, Object> c = call(tmp.resolve("m.jar"), 2, false, new StringWriter());
        c.put("data", Files.createDirectories(tmp.resolve("empty")).toString());
        Map<String, Object> r = new QaTrainService(CpuDevices.shared()).apply(c);
        assertThat((String) r.get("error")).contains("holds no textures").contains("gimp-data");
    }
}
