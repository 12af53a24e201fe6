package tessera.plugin.qa.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import tessera.api.json.TesseraJson;
import tessera.compute.ComputeDevice;
import tessera.compute.Tensor;
import tessera.compute.TensorScope;
import tessera.compute.io.Safetensors;
import tessera.compute.ops.Elementwise;
import tessera.compute.ops.Reductions;
import tessera.compute.optim.Adam;

/**
 * Trains the defect CNN on simulated scans with the compute module's autograd (#10), as {@code tessera train qa}
 * runs it: checkpoints into a work folder that a later run resumes from, progress on the caller's stream, and at
 * the end a model bundle ({@link QaModelPackager}).
 */
final class DefectTrainer {
    static final String WEIGHTS = "qa-defect.safetensors";
    static final String CARD = "qa-defect.card.json";
    static final String CHECKPOINT = "checkpoint.safetensors";
    static final String STATE = "state.json";

    /**
     * What to train.
     *
     * @param data    a folder laid out as /usr/share for the texture packages (mypaint/backgrounds, krita/patterns,
     *                gimp/2.0/patterns)
     * @param minutes wall-time budget in minutes, 0 for none; the learning rate decays over whichever of steps and
     *                minutes runs out first, so a run stopped by the clock still ends on a small rate
     */
    record Options(Path data, Path out, Path work, int steps, double minutes, int batch, int side, long seed, float lr,
            int checkpointEvery, boolean resume, String manifestSha256, String command, String modelId, String modelVersion) {
        Options {
            if (steps < 1 || batch < 1 || batch > 64 || side < 64 || side % SimulatedSet.GRID != 0 || checkpointEvery < 1) {
                throw new IllegalArgumentException("steps and --checkpoint-every must be ≥ 1, --batch 1..64 and --side an even "
                        + "number ≥ 64 (got steps " + steps + ", batch " + batch + ", side " + side + ")");
            }
        }
    }

    /** Where a run stands, saved beside each checkpoint. */
    record State(int step, double wallSeconds, double lossEma, long seed) {
    }

    /** What a finished run leaves. */
    record Result(Path bundle, int steps, double wallSeconds, double lossEma, Map<String, Double> metrics, Path samples) {
    }

    private final ComputeDevice device;
    private final PrintWriter log;

    DefectTrainer(ComputeDevice device, PrintWriter log) {
        this.device = device;
        this.log = log;
    }

    Result train(Options o) throws IOException {
        if (!Textures.installed(o.data())) {
            throw new IllegalArgumentException("--data " + o.data() + " holds no textures: it must be laid out as /usr/share "
                    + "for Debian's mypaint-data, krita-data and gimp-data (" + Textures.MYPAINT + ", " + Textures.KRITA + ", "
                    + Textures.GIMP + "); use --data /usr/share after 'apt-get install gimp-data mypaint-data krita-data'");
        }
        Files.createDirectories(o.work());
        State state = new State(0, 0, Double.NaN, o.seed());
        Path statePath = o.work().resolve(STATE);
        boolean resumed = o.resume() && Files.exists(statePath) && Files.exists(o.work().resolve(CHECKPOINT));
        if (o.resume() && !resumed) {
            log.println("tessera train qa: no checkpoint in " + o.work() + "; starting from step 0");
        }
        SimulatedSet set = new SimulatedSet(o.data(), false);
        log.printf(Locale.ROOT, "training on %s: %d textures and GIMP patterns (training split), %d px scans, batch %d%n",
                device.id(), set.textureCount(), o.side(), o.batch());
        log.flush();
        try (DefectNet net = resumed ? DefectNet.load(device, o.work().resolve(CHECKPOINT)) : DefectNet.init(device, o.seed())) {
            if (resumed) {
                try {
                    state = TesseraJson.read(statePath, State.class);
                } catch (tessera.api.json.InvalidJsonException e) {
                    throw new IOException(statePath + " is damaged (" + e.getMessage() + "); delete the work folder to start afresh", e);
                }
                log.println("resumed at step " + state.step() + " (optimiser moments start afresh)");
                for (Tensor p : net.parameters()) {
                    p.requiresGrad(true);
                }
            }
            state = loop(o, set, net, state);
            return new QaModelPackager(device).write(o, net, set, state);
        }
    }

    private State loop(Options o, SimulatedSet set, DefectNet net, State start) throws IOException {
        TensorScope optScope = TensorScope.detached("qa optimiser");
        Adam opt;
        try (TensorScope.Entered in = optScope.enter()) {
            opt = Adam.adamW(net.parameters(), o.lr());
        }
        long t0 = System.nanoTime();
        int g = o.side() / SimulatedSet.GRID;
        double avg = start.lossEma();
        int step = start.step();
        try {
            for (; step < o.steps(); step++) {
                double wall = start.wallSeconds() + (System.nanoTime() - t0) / 1e9;
                double progress = Math.max(step / (double) o.steps(), o.minutes() > 0 ? wall / (60 * o.minutes()) : 0);
                if (progress >= 1) {
                    log.printf(Locale.ROOT, "time budget of %.1f min reached at step %d%n", o.minutes(), step);
                    break;
                }
                float lr = (float) (o.lr() * (0.02 + 0.98 * 0.5 * (1 + Math.cos(Math.PI * progress))));
                opt.learningRate(lr);
                double loss = step(o, set, net, opt, step, g);
                avg = Double.isNaN(avg) ? loss : 0.95 * avg + 0.05 * loss;
                if (step % 25 == 0) {
                    log.printf(Locale.ROOT, "step %d/%d loss %.4f (ema %.4f) lr %.5f %.0f s%n", step, o.steps(), loss, avg, lr, wall);
                    log.flush();
                }
                if ((step + 1) % o.checkpointEvery() == 0) {
                    checkpoint(o.work(), net, new State(step + 1, start.wallSeconds() + (System.nanoTime() - t0) / 1e9, avg, o.seed()));
                }
            }
        } finally {
            optScope.close();
        }
        State end = new State(step, start.wallSeconds() + (System.nanoTime() - t0) / 1e9, avg, o.seed());
        checkpoint(o.work(), net, end);
        return end;
    }

    /** One optimiser step on a batch drawn from the step's own seed, so a resumed run sees the batches it would have. */
    private double step(Options o, SimulatedSet set, DefectNet net, Adam opt, int step, int g) {
        SplittableRandom rnd = new SplittableRandom(o.seed() * 1_000_003L + step);
        int per = Comparison.FEATURES * g * g;
        float[] x = new float[o.batch() * per];
        float[] y = new float[o.batch() * g * g];
        for (int b = 0; b < o.batch(); b++) {
            // 70 % defective; colour shifts and misregistration appear as variations that are not defects
            int defects = rnd.nextDouble() < 0.7 ? 1 + rnd.nextInt(3) : 0;
            double colour = rnd.nextDouble() < 0.25 ? rnd.nextDouble(0.5, 4) : 0;
            double misreg = rnd.nextDouble() < 0.15 ? rnd.nextDouble(0.05, 0.3) : 0;
            SimulatedSet.Sample s = set.sample(rnd.nextLong(1L << 40), o.side(), defects, colour, misreg);
            System.arraycopy(s.comparison().features, 0, x, b * per, per);
            System.arraycopy(s.target(), 0, y, b * g * g, g * g);
        }
        try (TensorScope s = TensorScope.open()) {
            Tensor logits = net.forward(Tensor.of(device, x, o.batch(), Comparison.FEATURES, g, g));
            Tensor l = weightedBce(logits, Tensor.of(device, y, o.batch(), 1, g, g));
            opt.zeroGrad();
            l.backward();
            opt.step();
            return l.item();
        }
    }

    /** Binary cross-entropy with defect pixels weighted 5×: they are a few percent of a print. */
    static Tensor weightedBce(Tensor logits, Tensor target) {
        Tensor per = Elementwise.sub(Elementwise.softplus(logits), Elementwise.mul(target, logits));
        Tensor w = Elementwise.add(Elementwise.mul(target, 4f), 1f);
        return Reductions.mean(Elementwise.mul(per, w));
    }

    /** Weights, then the state that names them, each replaced in one move: a kill leaves the previous pair or this one. */
    private static void checkpoint(Path work, DefectNet net, State state) throws IOException {
        Path tmp = work.resolve(CHECKPOINT + ".tmp");
        net.save(tmp, Map.of("step", Integer.toString(state.step())));
        Files.move(tmp, work.resolve(CHECKPOINT), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Path st = work.resolve(STATE + ".tmp");
        Files.writeString(st, TesseraJson.write(state));
        Files.move(st, work.resolve(STATE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
