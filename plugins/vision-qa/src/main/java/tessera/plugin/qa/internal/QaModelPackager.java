package tessera.plugin.qa.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tessera.api.json.TesseraJson;
import tessera.api.provenance.ModelCard;
import tessera.compute.ComputeDevice;
import tessera.compute.Tensor;
import tessera.compute.TensorScope;
import tessera.compute.io.ModelJar;
import tessera.compute.io.Safetensors;
import tessera.compute.io.SafetensorsDtype;

/**
 * Writes a trained defect CNN as a model bundle (#10): no code, the weights (F16 when the heat maps stay within
 * {@link #F16_TOLERANCE} of F32), the model card and a manifest naming the card in {@value QaModels#HEADER}. The QA
 * plugin's tracker picks the bundle up when it starts (the newest model version serves), so dropping the jar into the
 * hot folder swaps the model without a restart. Written beside the target and moved into place in one step.
 */
final class QaModelPackager {
    /** Largest defect-probability difference between F16 and F32 weights that still ships F16. */
    static final double F16_TOLERANCE = 0.01;
    /** Held-out simulated scans for the validation loss and the F16 check. */
    private static final int VALIDATION = 12;
    private final ComputeDevice device;

    QaModelPackager(ComputeDevice device) {
        this.device = device;
    }

    DefectTrainer.Result write(DefectTrainer.Options o, DefectNet net, SimulatedSet set, DefectTrainer.State state) throws IOException {
        Path dir = Files.createTempDirectory("tessera-qa-pack");
        try {
            Map<String, String> meta = Map.of("format", "pt", "model", o.modelId());
            Path f16 = dir.resolve("f16.safetensors");
            Safetensors.write(f16, net.named(), meta, SafetensorsDtype.F16);
            SimulatedSet validation = new SimulatedSet(o.data(), true);
            Path samples = o.work().resolve("samples.png");
            double[] check = validate(net, f16, validation, o.side(), samples);
            Path weights = f16;
            if (check[1] > F16_TOLERANCE) {
                weights = dir.resolve("f32.safetensors");
                Safetensors.write(weights, net.named(), meta);
            }
            byte[] bytes = Files.readAllBytes(weights);
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("trainLossEma", state.lossEma());
            metrics.put("heldOutLoss", check[0]);
            metrics.put("f16MaxAbsDiff", check[1]);
            ModelCard card = new ModelCard(o.modelId(), "Tessera QA defect CNN", o.modelVersion(), "defect-segmentation",
                    "Defect heat map for scans of printed textiles against their design, trained on Tessera's simulated "
                            + "scans only (print simulator on Debian's GIMP, MyPaint and Krita textures).",
                    architecture(net), hyperparameters(o, set), o.manifestSha256() != null ? o.manifestSha256() : set.manifestSha256(),
                    o.command(), (long) state.step(), state.wallSeconds(), metrics, "Apache-2.0", "Tessera trainer (tessera train qa)",
                    Instant.now().toString(), List.of(new ModelCard.WeightsFile(DefectTrainer.WEIGHTS, ModelJar.sha256(bytes), bytes.length,
                            weights == f16 ? "F16" : "F32")));
            Map<String, byte[]> entries = new LinkedHashMap<>();
            entries.put(QaModels.MODEL_DIR + DefectTrainer.CARD, TesseraJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(card));
            entries.put(QaModels.MODEL_DIR + DefectTrainer.WEIGHTS, bytes);
            entries.put(QaModels.MODEL_DIR + "samples.png", Files.readAllBytes(samples));
            Path target = ModelJar.write(o.out(), "tessera.model." + o.modelId(), o.modelVersion(),
                    "Tessera QA defect model " + o.modelId(), "Apache-2.0",
                    Map.of(QaModels.HEADER, QaModels.MODEL_DIR + DefectTrainer.CARD, "Require-Capability",
                            "osgi.extender;filter:=\"(&(osgi.extender=tessera.qa)(version>=1.0)(!(version>=2.0)))\""),
                    entries);
            return new DefectTrainer.Result(target, state.step(), state.wallSeconds(), state.lossEma(), metrics, samples);
        } finally {
            try (var s = Files.list(dir)) {
                for (Path p : s.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }
    }

    /**
     * {held-out weighted BCE of the trained net, largest |p(F16) − p(F32)|} over a few held-out simulated scans (no
     * registration: the truth's placement), so the card says how the model does on data it never saw.
     */
    private double[] validate(DefectNet net, Path f16, SimulatedSet validation, int side, Path samples) throws IOException {
        double loss = 0;
        double diff = 0;
        int g = side / SimulatedSet.GRID;
        int rows = VALIDATION / 3;
        float[] grid = new float[3 * (3 * g) * (rows * g)];
        try (DefectNet rounded = DefectNet.load(device, f16)) {
            for (int i = 0; i < VALIDATION; i++) {
                SimulatedSet.Sample s = validation.sample(90_000 + i, side, i % 3 == 0 ? 0 : 1 + i % 3, i % 4 == 1 ? 2.0 : 0, 0);
                float[] a = net.heat(s.comparison().features, s.gw(), s.gh());
                if (i < rows) {
                    sampleRow(grid, i, g, s, a);
                }
                float[] b = rounded.heat(s.comparison().features, s.gw(), s.gh());
                for (int j = 0; j < a.length; j++) {
                    diff = Math.max(diff, Math.abs(a[j] - b[j]));
                }
                try (TensorScope t = TensorScope.open(); var off = tessera.compute.Autograd.noGrad()) {
                    Tensor logits = net.forward(Tensor.of(device, s.comparison().features, 1, Comparison.FEATURES, s.gh(), s.gw()));
                    loss += DefectTrainer.weightedBce(logits, Tensor.of(device, s.target(), 1, 1, s.gh(), s.gw())).item();
                }
            }
        }
        tessera.imaging.io.ImageFiles.writePng(tessera.api.image.RgbImage.wrap(3 * g, rows * g, grid), SimulatedSet.SCAN_DPI / SimulatedSet.GRID,
                samples);
        return new double[] {loss / VALIDATION, diff};
    }

    /** One row of the sample grid: the scan │ its heat map in red over grey │ the planted defects (ground truth) in green. */
    private static void sampleRow(float[] grid, int row, int g, SimulatedSet.Sample s, float[] heat) {
        int w = 3 * g;
        int pn = w * (grid.length / 3 / w);
        int n = g * g;
        float[] rgb = s.comparison().scanRgb;
        for (int y = 0; y < g; y++) {
            for (int x = 0; x < g; x++) {
                int i = y * g + x;
                int o = (row * g + y) * w + x;
                float grey = 0.299f * rgb[i] + 0.587f * rgb[n + i] + 0.114f * rgb[2 * n + i];
                float[] panels = {rgb[i], rgb[n + i], rgb[2 * n + i],
                    grey * (1 - heat[i]) + heat[i], grey * (1 - heat[i]), grey * (1 - heat[i]),
                    grey * (1 - s.target()[i]), grey * (1 - s.target()[i]) + s.target()[i], grey * (1 - s.target()[i])};
                for (int p = 0; p < 3; p++) {
                    for (int c = 0; c < 3; c++) {
                        grid[c * pn + o + p * g] = Math.clamp(panels[3 * p + c], 0f, 1f);
                    }
                }
            }
        }
    }

    private static Map<String, Object> architecture(DefectNet net) {
        Map<String, Object> arch = new LinkedHashMap<>();
        arch.put("type", "fully convolutional, 3x3 convolutions with dilations 1,2,4,8 (reflect padding), ReLU, 1x1 head");
        arch.put("inputs", "6 planes on a 75 dpi grid: dL*, da*, db* (scan - expected)/20, expected L*/100 - 0.5, "
                + "|grad L*| of the expected print /30, min(dE2000/10, 3); the expected print blurred as the scan is");
        arch.put("width", DefectNet.WIDTH);
        arch.put("parameters", net.parameterCount());
        return arch;
    }

    private static Map<String, Object> hyperparameters(DefectTrainer.Options o, SimulatedSet set) throws IOException {
        Map<String, Object> hp = new LinkedHashMap<>();
        hp.put("optimizer", "AdamW, cosine learning rate over the steps or the time budget, whichever ends first");
        hp.put("lr", o.lr());
        hp.put("batch", o.batch());
        hp.put("steps", o.steps());
        hp.put("minutes", o.minutes());
        hp.put("scanSidePx", o.side());
        hp.put("scanDpi", SimulatedSet.SCAN_DPI);
        hp.put("seed", o.seed());
        hp.put("loss", "binary cross-entropy, defect pixels weighted 5x");
        hp.put("data", "print simulator: motif synthesizer designs and GIMP patterns (training split), MyPaint and Krita "
                + "fabric grain (training split); 70% with 1-3 planted defects; scanner blur sigma 0-1 px (a fifth sharp)");
        hp.put("textureManifestSha256", set.manifestSha256());
        return hp;
    }
}
