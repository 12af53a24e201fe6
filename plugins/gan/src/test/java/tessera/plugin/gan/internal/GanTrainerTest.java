package tessera.plugin.gan.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tessera.api.json.TesseraJson;
import tessera.api.provenance.ModelCard;
import tessera.compute.cpu.CpuDevices;
import tessera.dataset.DatasetMaker;
import tessera.plugin.gan.internal.model.LatentCode;
import tessera.plugin.gan.internal.model.ModelFiles;
import tessera.plugin.gan.internal.model.PeriodicGenerator;
import tessera.plugin.gan.internal.model.TileRenderer;
import tessera.plugin.gan.internal.train.GanTrainer;
import tessera.plugin.gan.internal.train.TrainingOptions;

/** A tiny model for a few steps: the loop, the checkpoint, resume and the bundle's contents (not its quality). */
class GanTrainerTest {
    @Test
    void trainsResumesAndPackagesAHotLoadableBundle(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("data");
        new DatasetMaker(1).make(12, 64, 3, data, (d, t) -> { });
        Path jar = tmp.resolve("model.jar"), work = tmp.resolve("work");
        StringWriter log = new StringWriter();
        GanTrainer t = new GanTrainer(CpuDevices.shared(), new PrintWriter(log, true));
        GanTrainer.Result first = t.train(options(data, jar, work, 4, false, "1.0.0.a"));
        assertThat(first.steps()).isEqualTo(4);
        assertThat(log.toString()).contains("step 4/4", "loss D", "ETA");
        assertThat(work.resolve("samples/step-000002.png")).exists();
        assertThat(work.resolve("checkpoint.safetensors")).exists();

        GanTrainer.Result second = t.train(options(data, jar, work, 6, true, "1.0.0.b"));
        assertThat(log.toString()).contains("resuming at step 4");
        assertThat(second.steps()).isEqualTo(6);
        assertThat(second.wallSeconds()).isGreaterThan(first.wallSeconds());

        try (JarFile j = new JarFile(jar.toFile())) {
            var attrs = j.getManifest().getMainAttributes();
            assertThat(attrs.getValue("Bundle-SymbolicName")).isEqualTo("tessera.model.gan-test");
            assertThat(attrs.getValue("Bundle-Version")).isEqualTo("1.0.0.b");
            assertThat(attrs.getValue(ModelFiles.HEADER)).isEqualTo(ModelFiles.CARD);
            assertThat(attrs.getValue("Require-Capability")).contains("osgi.extender=tessera.gan");
            ModelCard card = TesseraJson.read(j.getInputStream(j.getEntry(ModelFiles.CARD)), ModelCard.class);
            assertThat(card.trainingSteps()).isEqualTo(6);
            assertThat(card.trainingManifestSha256()).isEqualTo("ab".repeat(32));
            assertThat(card.trainingCommand()).isEqualTo("tessera train gan --test");
            assertThat(card.metrics()).containsKeys("loss_d", "loss_g", "seam_generated_mean", "seam_training_mean", "f16_max_abs_diff");
            assertThat(card.weights().get(0).dtype()).isIn("F16", "F32");
            assertThat(j.getEntry("gan/samples.png")).isNotNull();
        }
        PeriodicGenerator g = ModelFiles.load(jar, CpuDevices.shared());
        assertThat(g.spec().families()).as("families from the data set labels").isNotEmpty();
        var tile = new TileRenderer(g).render(List.of(LatentCode.sample(g.spec(), 1, 0, 0)), 40, 40, null).get(0);
        assertThat(tile.width()).isEqualTo(40);
        g.weights().close();
        assertThat(Files.list(tmp).map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
    }

    private static TrainingOptions options(Path data, Path jar, Path work, int steps, boolean resume, String version) {
        return new TrainingOptions(data, jar, work, steps, 4, 64, 2, 2, 9, resume, "ab".repeat(32),
                "tessera train gan --test", "gan-test", version, List.of(16, 8));
    }
}
