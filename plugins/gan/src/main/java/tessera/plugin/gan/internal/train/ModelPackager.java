package tessera.plugin.gan.internal.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tessera.api.image.RgbImage;
import tessera.api.json.TesseraJson;
import tessera.api.provenance.ModelCard;
import tessera.api.repeat.RepeatGeometry;
import tessera.compute.ComputeDevice;
import tessera.compute.Tensor;
import tessera.compute.TensorScope;
import tessera.compute.io.ModelJar;
import tessera.compute.io.Safetensors;
import tessera.compute.io.SafetensorsDtype;
import tessera.imaging.repeat.SeamMetric;
import tessera.plugin.gan.internal.model.GanSpec;
import tessera.plugin.gan.internal.model.LatentCode;
import tessera.plugin.gan.internal.model.ModelFiles;
import tessera.plugin.gan.internal.model.PeriodicGenerator;
import tessera.plugin.gan.internal.model.TileRenderer;

/**
 * Writes a trained model as a plugin bundle: no code, only the generator's weights, the model card and a sample
 * grid, plus a manifest that requires the {@code tessera.gan} extender and names the card in {@code Tessera-Gan-Model}.
 * The GAN plugin's extender registers a {@code Generator} for it when it starts and withdraws it when it stops, so
 * dropping the jar into the hot folder swaps the model without a restart (#8). The jar is written beside the target
 * and moved into place in one step, so a hot folder never sees half a jar.
 */
public final class ModelPackager {
    /** Largest |Δ| (in [−1, 1] pixel units) between F16 and F32 weights that still ships F16. */
    static final double F16_TOLERANCE = 0.02;
    private final ComputeDevice device;

    public ModelPackager(ComputeDevice device) {
        this.device = device;
    }

    public Path write(TrainingOptions o, PeriodicGenerator g, GanTrainer.State state, TileBatches tiles, Path grid)
            throws IOException {
        GanSpec spec = g.spec();
        Path dir = Files.createTempDirectory("tessera-gan-pack");
        Path f16 = dir.resolve("f16.safetensors");
        Map<String, String> meta = Map.of("format", "pt", "model", o.modelId());
        Safetensors.write(f16, g.weights().named(), meta, SafetensorsDtype.F16);
        double f16Error = f16Error(g, f16, o.size());
        Path weights = f16;
        if (f16Error > F16_TOLERANCE) {
            weights = dir.resolve("f32.safetensors");
            Safetensors.write(weights, g.weights().named(), meta);
        }
        byte[] weightBytes = Files.readAllBytes(weights);
        Map<String, Double> metrics = new LinkedHashMap<>(state.metrics());
        metrics.put("f16_max_abs_diff", f16Error);
        metrics.putAll(seams(g, tiles, o.size()));
        long params = g.weights().list().stream().mapToLong(Tensor::numel).sum();
        Map<String, Object> hyper = new LinkedHashMap<>();
        hyper.put("batch", o.batch());
        hyper.put("tileSize", o.size());
        hyper.put("loss", "non-saturating (BCE with logits), projection discriminator");
        hyper.put("optimizer", "Adam lr 2e-4, betas (0.5, 0.99), both networks");
        hyper.put("ema", 0.995);
        hyper.put("labelDropout", "family 0.15, palette 0.5 (trains the unconditional mode)");
        hyper.put("augmentation", "random circular shift, mirror");
        hyper.put("seed", o.seed());
        hyper.put("trainingTiles", tiles.count());
        ModelCard card = new ModelCard(o.modelId(), "Periodic motif GAN " + o.size() + " px", o.modelVersion(), "gan",
                "Fully convolutional periodic spatial GAN conditioned on motif family and palette (or neither). "
                        + "Tiles of any size are exactly periodic; half-drop and half-brick repeats run on a wider torus. "
                        + "Trained on " + tiles.count() + " tiles of " + o.size() + " px; small model, tiles are simpler "
                        + "than the synthesizer's.",
                ModelFiles.architecture(spec, params), hyper, o.manifestSha256(), o.command(), state.step(),
                state.wallSeconds(), metrics, "CC0-1.0", "Tessera trainer (tessera train gan)", Instant.now().toString(),
                List.of(new ModelCard.WeightsFile(ModelFiles.WEIGHTS, ModelJar.sha256(weightBytes), weightBytes.length,
                        weights == f16 ? "F16" : "F32")));
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(ModelFiles.CARD, TesseraJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(card));
        entries.put(ModelFiles.WEIGHTS, weightBytes);
        if (grid != null && Files.exists(grid)) {
            entries.put("gan/samples.png", Files.readAllBytes(grid));
        }
        Path target = ModelJar.write(o.out(), "tessera.model." + o.modelId(), o.modelVersion(), card.name(), "CC0-1.0",
                Map.of(ModelFiles.HEADER, ModelFiles.CARD, "Require-Capability",
                        "osgi.extender;filter:=\"(&(osgi.extender=tessera.gan)(version>=1.0)(!(version>=2.0)))\""),
                entries);
        try (var s = Files.list(dir)) {
            for (Path p : s.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
        return target;
    }

    /** Largest pixel difference of the preview codes between the F32 weights and their F16 round trip. */
    private double f16Error(PeriodicGenerator g, Path f16, int size) throws IOException {
        PeriodicGenerator rounded = new PeriodicGenerator(g.spec(), device, 0);
        try (TensorScope s = TensorScope.open()) {
            rounded.weights().load(Safetensors.read(f16, device), "");
        }
        List<LatentCode> codes = new ArrayList<>();
        for (int i = 0; i <= g.spec().families().size(); i++) {
            codes.add(LatentCode.sample(g.spec(), 7 + i, i, g.spec().anyPalette()));
        }
        List<RgbImage> a = new TileRenderer(g).render(codes, size, size, null);
        List<RgbImage> b = new TileRenderer(rounded).render(codes, size, size, null);
        rounded.weights().close();
        double max = 0;
        for (int i = 0; i < a.size(); i++) {
            float[] pa = a.get(i).planesView(), pb = b.get(i).planesView();
            for (int j = 0; j < pa.length; j++) {
                max = Math.max(max, 2 * Math.abs(pa[j] - pb[j])); // ×2: [0, 1] back to the generator's [−1, 1]
            }
        }
        return max;
    }

    /** Mean seam score (imaging's SeamMetric) of generated tiles and of training tiles, block repeat. */
    private static Map<String, Double> seams(PeriodicGenerator g, TileBatches tiles, int size) {
        int n = 32;
        List<LatentCode> codes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            codes.add(LatentCode.sample(g.spec(), 1000 + i, i % (g.spec().families().size() + 1), g.spec().anyPalette()));
        }
        double gen = 0, real = 0;
        for (RgbImage t : new TileRenderer(g).render(codes, size, size, null)) {
            gen += SeamMetric.score(t, RepeatGeometry.BLOCK);
        }
        int m = Math.min(n, tiles.count());
        for (int i = 0; i < m; i++) {
            real += SeamMetric.score(tiles.image(i * (tiles.count() / m)), RepeatGeometry.BLOCK);
        }
        return Map.of("seam_generated_mean", gen / n, "seam_training_mean", real / m);
    }



}
