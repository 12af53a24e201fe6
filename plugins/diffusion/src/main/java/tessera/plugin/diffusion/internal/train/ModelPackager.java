package tessera.plugin.diffusion.internal.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tessera.api.image.RgbImage;
import tessera.api.json.TesseraJson;
import tessera.api.provenance.ModelCard;
import tessera.api.repeat.RepeatGeometry;
import tessera.compute.ComputeDevice;
import tessera.compute.TensorScope;
import tessera.compute.io.ModelJar;
import tessera.compute.io.Safetensors;
import tessera.compute.io.SafetensorsDtype;
import tessera.imaging.repeat.SeamMetric;
import tessera.plugin.diffusion.internal.model.Denoiser;
import tessera.plugin.diffusion.internal.model.DiffusionSpec;
import tessera.plugin.diffusion.internal.model.LatentAutoencoder;
import tessera.plugin.diffusion.internal.model.ModelFiles;
import tessera.plugin.diffusion.internal.sample.LatentField;
import tessera.plugin.diffusion.internal.sample.Sampler;

/**
 * Writes a trained model as a code-free plugin bundle (weights, card, sample sheet) that requires the
 * {@code tessera.diffusion} extender and names its card in {@code Tessera-Diffusion-Model}; the diffusion plugin's
 * extender registers a {@code Generator} for it. Weights ship in F16 unless that moves a sampled pixel by more than
 * {@link #F16_TOLERANCE}. The jar is written beside the target and moved into place in one step.
 */
final class ModelPackager {
    static final double F16_TOLERANCE = 0.05;
    private final ComputeDevice device;

    ModelPackager(ComputeDevice device) {
        this.device = device;
    }

    Path write(TrainingOptions o, Denoiser net, LatentAutoencoder ae, DiffusionTrainer.State state, TrainingTiles tiles,
            Path sheet) throws IOException {
        DiffusionSpec spec = net.spec();
        Path dir = Files.createTempDirectory("tessera-diffusion-pack");
        try {
            Map<String, String> meta = Map.of("format", "pt", "model", o.modelId());
            Path netF16 = dir.resolve("denoiser-f16.safetensors"), aeF16 = dir.resolve("ae-f16.safetensors");
            Safetensors.write(netF16, net.parameters().named(), meta, SafetensorsDtype.F16);
            Safetensors.write(aeF16, ae.parameters().named(), meta, SafetensorsDtype.F16);
            double f16Error = f16Error(net, ae, netF16, aeF16);
            boolean f16 = f16Error <= F16_TOLERANCE;
            if (!f16) {
                Safetensors.write(netF16, net.parameters().named(), meta);
                Safetensors.write(aeF16, ae.parameters().named(), meta);
            }
            byte[] netBytes = Files.readAllBytes(netF16), aeBytes = Files.readAllBytes(aeF16);
            Map<String, Double> metrics = new LinkedHashMap<>(state.metrics());
            metrics.put("f16_max_abs_diff", f16Error);
            metrics.putAll(seams(net, ae, tiles));
            Map<String, Object> hyper = new LinkedHashMap<>();
            hyper.put("batch", o.batch());
            hyper.put("tileSize", o.size());
            hyper.put("autoencoderSteps", o.aeSteps());
            hyper.put("autoencoderLoss", "L1 + L2 reconstruction + 1e-3 · mean latent², N(0, 0.1) noise on the latent; Adam lr 1e-3");
            hyper.put("denoiserLoss", "v-prediction MSE, cosine schedule, uniform timesteps; Adam lr 2e-4, grad clip 1.0");
            hyper.put("ema", 0.995);
            hyper.put("promptDropout", Captions.EMPTY + " (trains the unconditional model for classifier-free guidance)");
            hyper.put("prompts", "rebuilt from each tile's labels every draw: random subset and order of family, palette, "
                    + "repeat, colour count, density and ink words; " + Captions.FULL_CAPTION + " the full caption");
            hyper.put("augmentation", "mirror, circular shift of the latent");
            hyper.put("heldOutPairs", spec.heldOut());
            hyper.put("seed", o.seed());
            hyper.put("trainingTiles", tiles.count());
            ModelCard card = new ModelCard(o.modelId(), "Tileable text-to-pattern diffusion " + o.size() + " px", o.modelVersion(),
                    "diffusion",
                    "Latent diffusion with a hashed n-gram text encoder and cross-attention; every convolution circular, so "
                            + "tiles of any multiple of " + spec.pixelMultiple() + " px are periodic; half-drop and half-brick "
                            + "repeats are denoised on a wider torus. Trained on " + tiles.count() + " synthesized tiles of "
                            + o.size() + " px with " + spec.heldOut().size() + " family–palette pairs held out. Small model: "
                            + "motifs are simpler than the synthesizer's.",
                    ModelFiles.architecture(spec, net.parameters().count(), ae.parameters().count()), hyper,
                    o.manifestSha256(), o.command(), state.step(), state.wallSeconds(), metrics, "CC0-1.0",
                    "Tessera trainer (tessera train diffusion)", Instant.now().toString(),
                    List.of(new ModelCard.WeightsFile(ModelFiles.DENOISER, ModelJar.sha256(netBytes), netBytes.length, f16 ? "F16" : "F32"),
                            new ModelCard.WeightsFile(ModelFiles.AUTOENCODER, ModelJar.sha256(aeBytes), aeBytes.length, f16 ? "F16" : "F32")));
            Map<String, byte[]> entries = new LinkedHashMap<>();
            entries.put(ModelFiles.CARD, TesseraJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(card));
            entries.put(ModelFiles.DENOISER, netBytes);
            entries.put(ModelFiles.AUTOENCODER, aeBytes);
            if (sheet != null && Files.exists(sheet)) {
                entries.put(ModelFiles.SAMPLES, Files.readAllBytes(sheet));
            }
            Path target = ModelJar.write(o.out(), "tessera.model." + o.modelId(), o.modelVersion(), card.name(), "CC0-1.0",
                    Map.of(ModelFiles.HEADER, ModelFiles.CARD, "Require-Capability",
                            "osgi.extender;filter:=\"(&(osgi.extender=tessera.diffusion)(version>=1.0)(!(version>=2.0)))\""),
                    entries);
            return target;
        } finally {
            try (var s = Files.list(dir)) {
                for (Path p : s.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }
    }

    /** Largest pixel difference ([−1, 1] units) between designs sampled with F32 weights and their F16 round trip. */
    private double f16Error(Denoiser net, LatentAutoencoder ae, Path netF16, Path aeF16) throws IOException {
        DiffusionSpec spec = net.spec();
        try (Denoiser n2 = new Denoiser(spec, device, 0); LatentAutoencoder a2 = new LatentAutoencoder(spec, device, 0)) {
            try (TensorScope s = TensorScope.open()) {
                n2.parameters().load(Safetensors.read(netF16, device), "");
                a2.parameters().load(Safetensors.read(aeF16, device), "");
            }
            int cells = spec.tileSize() / spec.downsample();
            List<Sampler.Job> jobs = new ArrayList<>();
            for (String p : SampleSheet.prompts(spec)) {
                jobs.add(new Sampler.Job(p, 11, null, null));
            }
            Sampler.Options opt = Sampler.Options.of(10, 3f);
            List<Sampler.Made> a = new Sampler(net, ae).sample(jobs, LatentField.block(cells, cells), opt, f -> { }, () -> false);
            List<Sampler.Made> b = new Sampler(n2, a2).sample(jobs, LatentField.block(cells, cells), opt, f -> { }, () -> false);
            double max = 0;
            for (int i = 0; i < a.size(); i++) {
                float[] pa = a.get(i).rgb(), pb = b.get(i).rgb();
                for (int j = 0; j < pa.length; j++) {
                    max = Math.max(max, Math.abs(pa[j] - pb[j]));
                }
            }
            return max;
        }
    }

    /** Mean seam score (imaging's SeamMetric, block repeat) of generated tiles and of training tiles. */
    private static Map<String, Double> seams(Denoiser net, LatentAutoencoder ae, TrainingTiles tiles) {
        DiffusionSpec spec = net.spec();
        int cells = spec.tileSize() / spec.downsample(), n = 16;
        List<Sampler.Job> jobs = new ArrayList<>();
        List<String> prompts = SampleSheet.prompts(spec);
        for (int i = 0; i < n; i++) {
            jobs.add(new Sampler.Job(prompts.get(i % prompts.size()), 500 + i, null, null));
        }
        double gen = 0, real = 0;
        for (Sampler.Made m : new Sampler(net, ae).sample(jobs, LatentField.block(cells, cells), Sampler.Options.of(20, 3f),
                f -> { }, () -> false)) {
            gen += SeamMetric.score(m.image(), RepeatGeometry.BLOCK);
        }
        int k = Math.min(n, tiles.count());
        for (int i = 0; i < k; i++) {
            real += SeamMetric.score(tiles.image(i * (tiles.count() / k)), RepeatGeometry.BLOCK);
        }
        return Map.of("seam_generated_mean", gen / n, "seam_training_mean", real / k);
    }

}
