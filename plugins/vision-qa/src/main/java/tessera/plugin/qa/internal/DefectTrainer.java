package tessera.plugin.qa.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import tessera.api.json.TesseraJson;
import tessera.api.provenance.ModelCard;
import tessera.compute.ComputeDevice;
import tessera.compute.Tensor;
import tessera.compute.TensorScope;
import tessera.compute.cpu.CpuDevices;
import tessera.compute.ops.Elementwise;
import tessera.compute.ops.Reductions;
import tessera.compute.optim.Adam;

/**
 * Trains the defect CNN on simulated scans with the compute module's autograd (#10). Command line:
 * {@code DefectTrainer --out DIR [--steps N] [--minutes M] [--batch B] [--side PX] [--seed S]}; writes
 * {@code qa-defect.safetensors} and {@code qa-defect.card.json} (the model card, with the command, the data's
 * SHA-256 and the wall time).
 */
public final class DefectTrainer {
    static final String WEIGHTS = "qa-defect.safetensors";
    static final String CARD = "qa-defect.card.json";

    /** What to train; defaults are the shipped model's. */
    record Options(Path out, int steps, double minutes, int batch, int side, long seed, float lr) {
        static Options parse(String[] args) {
            Path out = null;
            int steps = 1500;
            double minutes = 18;
            int batch = 6;
            int side = 192;
            long seed = 10;
            float lr = 3e-3f;
            for (int i = 0; i < args.length; i++) {
                String v = i + 1 < args.length ? args[i + 1] : "";
                switch (args[i]) {
                    case "--out" -> out = Path.of(v);
                    case "--steps" -> steps = Integer.parseInt(v);
                    case "--minutes" -> minutes = Double.parseDouble(v);
                    case "--batch" -> batch = Integer.parseInt(v);
                    case "--side" -> side = Integer.parseInt(v);
                    case "--seed" -> seed = Long.parseLong(v);
                    case "--lr" -> lr = Float.parseFloat(v);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + "; use --out DIR [--steps N] [--minutes M] [--batch B] [--side PX] [--seed S] [--lr LR]");
                }
                i++;
            }
            if (out == null) {
                throw new IllegalArgumentException("--out DIR is required");
            }
            return new Options(out, steps, minutes, batch, side, seed, lr);
        }
    }

    public static void main(String[] args) throws IOException {
        Options o = Options.parse(args);
        train(o, CpuDevices.shared(), String.join(" ", args), System.out);
    }

    /** @return the final training loss */
    static double train(Options o, ComputeDevice device, String argLine, PrintStream log) throws IOException {
        Files.createDirectories(o.out());
        SimulatedSet set = new SimulatedSet(false);
        long t0 = System.nanoTime();
        double loss = Double.NaN;
        int step = 0;
        try (DefectNet net = DefectNet.init(device, o.seed())) {
            Adam opt;
            TensorScope weights = TensorScope.detached("qa optimiser");
            try (TensorScope.Entered in = weights.enter()) {
                opt = Adam.adamW(net.parameters(), o.lr());
            }
            SplittableRandom rnd = new SplittableRandom(o.seed());
            int g = o.side() / SimulatedSet.GRID;
            double avg = Double.NaN;
            for (step = 0; step < o.steps(); step++) {
                if ((System.nanoTime() - t0) / 60e9 > o.minutes()) {
                    log.println("time budget of " + o.minutes() + " min reached at step " + step);
                    break;
                }
                float[] x = new float[o.batch() * Comparison.FEATURES * g * g];
                float[] y = new float[o.batch() * g * g];
                for (int b = 0; b < o.batch(); b++) {
                    double u = rnd.nextDouble();
                    // 70 % defective; colour shifts and misregistration appear as variations that are not defects
                    int defects = u < 0.7 ? 1 + rnd.nextInt(3) : 0;
                    double colour = rnd.nextDouble() < 0.25 ? rnd.nextDouble(0.5, 4) : 0;
                    double misreg = rnd.nextDouble() < 0.15 ? rnd.nextDouble(0.05, 0.3) : 0;
                    SimulatedSet.Sample s = set.sample(rnd.nextLong(1L << 40), o.side(), defects, colour, misreg);
                    System.arraycopy(s.comparison().features, 0, x, b * Comparison.FEATURES * g * g, Comparison.FEATURES * g * g);
                    System.arraycopy(s.target(), 0, y, b * g * g, g * g);
                }
                float lr = (float) (o.lr() * 0.5 * (1 + Math.cos(Math.PI * step / o.steps())));
                opt.learningRate(lr);
                try (TensorScope s = TensorScope.open()) {
                    Tensor logits = net.forward(Tensor.of(device, x, o.batch(), Comparison.FEATURES, g, g));
                    Tensor target = Tensor.of(device, y, o.batch(), 1, g, g);
                    Tensor l = weightedBce(logits, target);
                    opt.zeroGrad();
                    l.backward();
                    opt.step();
                    loss = l.item();
                }
                avg = Double.isNaN(avg) ? loss : 0.95 * avg + 0.05 * loss;
                if (step % 25 == 0) {
                    log.printf(Locale.ROOT, "step %d loss %.4f (avg %.4f) lr %.5f %.0f s%n", step, loss, avg, lr,
                            (System.nanoTime() - t0) / 1e9);
                }
                if (step % 200 == 199) {
                    write(net, set, o, argLine, step + 1, (System.nanoTime() - t0) / 1e9, avg);
                }
            }
            loss = avg;
            write(net, set, o, argLine, step, (System.nanoTime() - t0) / 1e9, avg);
            weights.close();
        }
        return loss;
    }

    /** Binary cross-entropy with defect pixels weighted 5×: they are a few percent of a print. */
    static Tensor weightedBce(Tensor logits, Tensor target) {
        Tensor per = Elementwise.sub(Elementwise.softplus(logits), Elementwise.mul(target, logits));
        Tensor w = Elementwise.add(Elementwise.mul(target, 4f), 1f);
        return Reductions.mean(Elementwise.mul(per, w));
    }

    private static void write(DefectNet net, SimulatedSet set, Options o, String argLine, int steps, double seconds, double loss)
            throws IOException {
        Path weights = o.out().resolve(WEIGHTS);
        net.save(weights, Map.of("format", "pt", "model", "tessera qa defect cnn"));
        byte[] bytes = Files.readAllBytes(weights);
        String sha;
        try {
            sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        Map<String, Object> arch = new LinkedHashMap<>();
        arch.put("type", "fully convolutional, 3x3 convolutions with dilations 1,2,4,8, ReLU, 1x1 head");
        arch.put("inputs", "6 planes on a 75 dpi grid: dL*, da*, db* (scan - expected)/20, expected L*/100 - 0.5, "
                + "|grad L*| of the expected print /30, min(dE2000/10, 3)");
        arch.put("width", DefectNet.WIDTH);
        arch.put("parameters", net.parameterCount());
        Map<String, Object> hp = new LinkedHashMap<>();
        hp.put("optimizer", "AdamW, cosine learning rate");
        hp.put("lr", o.lr());
        hp.put("batch", o.batch());
        hp.put("scanSidePx", o.side());
        hp.put("scanDpi", SimulatedSet.SCAN_DPI);
        hp.put("seed", o.seed());
        hp.put("loss", "binary cross-entropy, defect pixels weighted 5x");
        hp.put("data", "print simulator: motif synthesizer designs and GIMP patterns (training split), MyPaint and Krita "
                + "fabric grain (training split); 70% with 1-3 planted defects");
        ModelCard card = new ModelCard("qa-defect-cnn", "Tessera QA defect CNN", "1.0.0", "defect-segmentation",
                "Defect heat map for scans of printed textiles, trained on Tessera's simulated scans only.", arch, hp,
                set.manifestSha256(), "bench/qa.sh train " + argLine, (long) steps, seconds,
                Map.of("trainLossEma", loss), "Apache-2.0", "Tessera", Instant.now().toString(),
                List.of(new ModelCard.WeightsFile(WEIGHTS, sha, bytes.length, "F32")));
        Files.writeString(o.out().resolve(CARD), TesseraJson.write(card));
    }
}
