package tessera.plugin.diffusion.internal;

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
import tessera.plugin.diffusion.internal.model.ModelFiles;
import tessera.plugin.diffusion.internal.sample.LatentField;
import tessera.plugin.diffusion.internal.sample.Sampler;
import tessera.plugin.diffusion.internal.train.DiffusionTrainer;
import tessera.plugin.diffusion.internal.train.TrainingOptions;

/** A tiny model for a few steps: both stages, checkpoint, resume and the bundle's contents (not its quality). */
class DiffusionTrainerTest {
    @Test
    void trainsResumesAndPackagesAHotLoadableBundle(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("data");
        new DatasetMaker(1).make(12, 64, 3, data, (d, t) -> { });
        Path jar = tmp.resolve("model.jar"), work = tmp.resolve("work");
        StringWriter log = new StringWriter();
        DiffusionTrainer t = new DiffusionTrainer(CpuDevices.shared(), new PrintWriter(log, true));
        DiffusionTrainer.Result first = t.train(options(data, jar, work, 3, false, "1.0.0.a"));
        assertThat(first.steps()).isEqualTo(3);
        assertThat(log.toString()).contains("autoencoder step 2/2", "denoiser step 3/3", "loss v", "ETA", "latent scale");
        assertThat(work.resolve("samples/step-000002.png")).exists();
        assertThat(work.resolve("checkpoint.safetensors")).exists();

        DiffusionTrainer.Result second = t.train(options(data, jar, work, 5, true, "1.0.0.b"));
        assertThat(log.toString()).contains("resuming at autoencoder step 2, denoiser step 3");
        assertThat(second.steps()).isEqualTo(5);
        assertThat(second.wallSeconds()).isGreaterThan(first.wallSeconds());

        try (JarFile j = new JarFile(jar.toFile())) {
            var attrs = j.getManifest().getMainAttributes();
            assertThat(attrs.getValue("Bundle-SymbolicName")).isEqualTo("tessera.model.diffusion-test");
            assertThat(attrs.getValue("Bundle-Version")).isEqualTo("1.0.0.b");
            assertThat(attrs.getValue(ModelFiles.HEADER)).isEqualTo(ModelFiles.CARD);
            assertThat(attrs.getValue("Require-Capability")).contains("osgi.extender=tessera.diffusion");
            ModelCard card = TesseraJson.read(j.getInputStream(j.getEntry(ModelFiles.CARD)), ModelCard.class);
            assertThat(card.kind()).isEqualTo("diffusion");
            assertThat(card.trainingSteps()).isEqualTo(5);
            assertThat(card.trainingManifestSha256()).isEqualTo("cd".repeat(32));
            assertThat(card.metrics()).containsKeys("loss_v", "loss_ae_l1", "latent_scale", "seam_generated_mean",
                    "seam_training_mean", "f16_max_abs_diff");
            assertThat(card.weights()).hasSize(2);
            assertThat(j.getEntry(ModelFiles.SAMPLES)).isNotNull();
        }
        try (ModelFiles.Model m = ModelFiles.load(jar, CpuDevices.shared())) {
            assertThat(m.denoiser().spec().latentScale()).isNotEqualTo(1.0);
            List<Sampler.Made> made = new Sampler(m.denoiser(), m.autoencoder()).sample(
                    List.of(new Sampler.Job("navy gingham check", 3, null, null)), LatentField.block(8, 8),
                    Sampler.Options.of(4, 2f), f -> { }, () -> false);
            assertThat(made.get(0).width()).isEqualTo(16);
            assertThat(made.get(0).rgb()).doesNotContain(Float.NaN);
        }
        assertThat(Files.list(tmp).map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
    }

    private static TrainingOptions options(Path data, Path jar, Path work, int steps, boolean resume, String version) {
        return new TrainingOptions(data, jar, work, steps, 2, 4, 32, 2, 2, 9, resume, "cd".repeat(32),
                "tessera train diffusion --test", "diffusion-test", version, 0.0, 3, true);
    }
}
