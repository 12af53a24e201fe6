package tessera.plugin.gan.internal.train;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import tessera.api.json.TesseraJson;
import tessera.compute.Autograd;
import tessera.compute.ComputeDevice;
import tessera.compute.Tensor;
import tessera.compute.TensorScope;
import tessera.compute.io.Safetensors;
import tessera.compute.ops.Losses;
import tessera.compute.optim.Adam;
import tessera.compute.optim.Ema;
import tessera.dataset.TileDataset;
import tessera.plugin.gan.internal.model.Discriminator;
import tessera.plugin.gan.internal.model.GanSpec;
import tessera.plugin.gan.internal.model.LatentCode;
import tessera.plugin.gan.internal.model.PeriodicGenerator;
import tessera.plugin.gan.internal.model.TileRenderer;
import tessera.plugin.gan.internal.model.Torus;
import tessera.compute.nn.Parameters;

/**
 * The adversarial loop: non-saturating GAN loss, Adam (β₁ 0.5), an EMA of the generator (the shipped weights),
 * class dropout so that one model also serves the unconditional mode, checkpoints that a later run resumes from,
 * a progress line with losses and ETA on stderr and a sample grid every {@code sampleEvery} steps.
 */
public final class GanTrainer {
    static final String CHECKPOINT = "checkpoint.safetensors";
    static final String STATE = "state.json";
    /** Share of steps whose labels are dropped to "any": trains the unconditional mode alongside. */
    private static final double FAMILY_DROPOUT = 0.15, PALETTE_DROPOUT = 0.5;
    private static final float LR = 2e-4f, EMA_DECAY = 0.995f;

    private final ComputeDevice device;
    private final PrintWriter err;

    public GanTrainer(ComputeDevice device, PrintWriter err) {
        this.device = device;
        this.err = err;
    }

    /** Progress and result of a run, also the state file's content. */
    public record State(GanSpec spec, long step, double wallSeconds, long seed, Map<String, Double> metrics) {
    }

    /** What a finished run leaves: the bundle, its card's figures, the sample grid. */
    public record Result(Path bundle, long steps, double wallSeconds, Map<String, Double> metrics, Path samples) {
    }

    public Result train(TrainingOptions o) throws IOException {
        Files.createDirectories(o.work());
        Path statePath = o.work().resolve(STATE);
        State resumed = null;
        if (o.resume() && Files.exists(statePath)) {
            try {
                resumed = TesseraJson.read(statePath, State.class);
            } catch (tessera.api.json.InvalidJsonException e) {
                throw new IOException(statePath + " is damaged (" + e.getMessage() + "); delete the work folder to start afresh", e);
            }
        }
        if (o.resume() && resumed == null) {
            err.println("tessera train gan: no checkpoint in " + o.work() + "; starting from step 0");
        }
        err.println("reading training tiles from " + o.data() + " …");
        err.flush();
        TileDataset data = TileDataset.open(o.data());
        TileBatches tiles = TileBatches.load(data, o.size(),
                resumed == null ? null : List.of(resumed.spec().families(), resumed.spec().palettes()));
        GanSpec spec = resumed != null ? resumed.spec()
                : o.widths() == null ? GanSpec.small(tiles.families(), tiles.palettes(), o.size())
                : new GanSpec(8, 16, 4, 16, 8, tiles.families(), tiles.palettes(), o.widths(), List.of(32, 64, 128), 8, o.size());
        err.printf(Locale.ROOT, "%d tiles of %d px, %d families, %d palettes; generator %s, %d parameters%n",
                tiles.count(), o.size(), spec.families().size(), spec.palettes().size(), spec.widths(),
                new PeriodicGenerator(spec, device, 0).weights().list().stream().mapToLong(Tensor::numel).sum());

        PeriodicGenerator g = new PeriodicGenerator(spec, device, o.seed());
        PeriodicGenerator shipped = new PeriodicGenerator(spec, device, o.seed());
        Discriminator d = new Discriminator(spec, device, o.seed() + 1_000_003);
        Adam optG = Adam.adam(g.weights().list(), LR, 0.5f, 0.99f, 1e-8f, 0f);
        Adam optD = Adam.adam(d.weights().list(), LR, 0.5f, 0.99f, 1e-8f, 0f);
        Ema ema = new Ema(g.weights().list(), EMA_DECAY, g.weights().scope());
        long start = 0;
        double wallBefore = 0;
        if (resumed != null) {
            Map<String, Tensor> ck;
            try (TensorScope s = TensorScope.open()) {
                ck = Safetensors.read(o.work().resolve(CHECKPOINT), device);
                g.weights().load(ck, "g.");
                d.weights().load(ck, "d.");
                shipped.weights().load(ck, "ema.");
                copy(shipped.weights().list(), ema.shadows());
            }
            start = resumed.step();
            wallBefore = resumed.wallSeconds();
            err.printf(Locale.ROOT, "resuming at step %d (%.0f s trained so far; Adam moments restart)%n", start, wallBefore);
        }
        TileRenderer preview = new TileRenderer(shipped);
        Torus torus = Torus.block(o.size() / spec.stride(), o.size() / spec.stride());
        int b = o.batch();
        long t0 = System.nanoTime();
        double lossD = 0, lossG = 0, realP = 0, fakeP = 0;
        int window = 0;
        Map<String, Double> metrics = new LinkedHashMap<>();
        Path lastGrid = null;
        for (long step = start; step < o.steps(); step++) {
            SplittableRandom r = new SplittableRandom(o.seed() * 0x9E3779B97F4A7C15L + step);
            float[] real = new float[b * 3 * o.size() * o.size()];
            int[] fam = new int[b], pal = new int[b];
            for (int i = 0; i < b; i++) {
                int k = r.nextInt(tiles.count());
                tiles.tile(k, r, real, i * 3 * o.size() * o.size());
                fam[i] = r.nextDouble() < FAMILY_DROPOUT ? spec.anyFamily() : tiles.family(k);
                pal[i] = r.nextDouble() < PALETTE_DROPOUT ? spec.anyPalette() : tiles.palette(k);
            }
            try (TensorScope s = TensorScope.open()) {
                Tensor fake;
                try (var off = Autograd.noGrad()) {
                    fake = generate(g, spec, r.nextLong(), fam, pal, torus, preview);
                }
                Tensor dReal = d.forward(Tensor.of(device, real, b, 3, o.size(), o.size()), fam, pal);
                Tensor dFake = d.forward(fake, fam, pal);
                Tensor ld = Losses.bceWithLogits(dReal, Tensor.ones(device, b))
                        .add(Losses.bceWithLogits(dFake, Tensor.zeros(device, b)));
                optD.zeroGrad();
                ld.backward();
                optD.step();
                lossD += ld.item();
                realP += mean(sigmoid(dReal.toArray()));
                fakeP += mean(sigmoid(dFake.toArray()));
            }
            try (TensorScope s = TensorScope.open()) {
                Tensor fake = generate(g, spec, r.nextLong(), fam, pal, torus, preview);
                Tensor lg = Losses.bceWithLogits(d.forward(fake, fam, pal), Tensor.ones(device, b));
                optG.zeroGrad();
                lg.backward();
                optG.step();
                ema.update();
                lossG += lg.item();
            }
            window++;
            long done = step + 1;
            if (done % 10 == 0 || done == o.steps()) {
                double perStep = (System.nanoTime() - t0) / 1e9 / (done - start);
                err.printf(Locale.ROOT, "[%3d%%] step %d/%d  loss D %.3f  G %.3f  D(real) %.2f  D(fake) %.2f  %.2f s/step  ETA %s%n",
                        100 * done / o.steps(), done, o.steps(), lossD / window, lossG / window, realP / window,
                        fakeP / window, perStep, eta(perStep * (o.steps() - done)));
                err.flush();
                metrics.put("loss_d", lossD / window);
                metrics.put("loss_g", lossG / window);
                metrics.put("d_real", realP / window);
                metrics.put("d_fake", fakeP / window);
                lossD = lossG = realP = fakeP = 0;
                window = 0;
            }
            boolean last = done == o.steps();
            if (done % o.sampleEvery() == 0 || last) {
                copy(ema.shadows(), shipped.weights().list());
                lastGrid = o.work().resolve(String.format(Locale.ROOT, "samples/step-%06d.png", done));
                SampleGrid.write(preview, o.size(), o.seed(), lastGrid);
            }
            if (done % o.checkpointEvery() == 0 || last) {
                double wall = wallBefore + (System.nanoTime() - t0) / 1e9;
                checkpoint(o.work(), g, d, ema, new State(spec, done, wall, o.seed(), metrics));
            }
        }
        double wall = wallBefore + (System.nanoTime() - t0) / 1e9;
        copy(ema.shadows(), shipped.weights().list());
        if (lastGrid == null) { // resumed at its last step: package the checkpoint as it is
            lastGrid = o.work().resolve(String.format(Locale.ROOT, "samples/step-%06d.png", start));
            SampleGrid.write(preview, o.size(), o.seed(), lastGrid);
        }
        long trained = Math.max(start, o.steps());
        if (metrics.isEmpty() && resumed != null) {
            metrics.putAll(resumed.metrics());
        }
        Path bundle = new ModelPackager(device).write(o, shipped, new State(spec, trained, wall, o.seed(), metrics),
                tiles, lastGrid);
        g.weights().close();
        d.weights().close();
        shipped.weights().close();
        return new Result(bundle, trained, wall, metrics, lastGrid);
    }

    /** A batch of fakes from fresh codes; inputs come from the same layout code the generator service uses. */
    private static Tensor generate(PeriodicGenerator g, GanSpec spec, long seed, int[] fam, int[] pal, Torus torus,
            TileRenderer layout) {
        List<LatentCode> codes = new ArrayList<>(fam.length);
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < fam.length; i++) {
            codes.add(LatentCode.sample(spec, r.nextLong(), fam[i], pal[i]));
        }
        TileRenderer.Inputs in = layout.inputs(codes, torus);
        return g.forward(in.local(), in.global(), fam, pal, in.phases(), torus);
    }

    private void checkpoint(Path work, PeriodicGenerator g, Discriminator d, Ema ema, State state) throws IOException {
        Map<String, Tensor> all = new LinkedHashMap<>();
        g.weights().named().forEach((k, v) -> all.put("g." + k, v));
        d.weights().named().forEach((k, v) -> all.put("d." + k, v));
        List<String> names = new ArrayList<>(g.weights().named().keySet());
        List<Tensor> shadows = ema.shadows();
        for (int i = 0; i < names.size(); i++) {
            all.put("ema." + names.get(i), shadows.get(i));
        }
        Safetensors.write(work.resolve(CHECKPOINT), all, Map.of("step", Long.toString(state.step())));
        Path tmp = work.resolve(STATE + ".tmp");
        Files.writeString(tmp, TesseraJson.write(state));
        Files.move(tmp, work.resolve(STATE), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    static void copy(List<Tensor> from, List<Tensor> to) {
        for (int i = 0; i < from.size(); i++) {
            to.get(i).copyFrom(from.get(i).toArray());
        }
    }

    private static float[] sigmoid(float[] v) {
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (1 / (1 + Math.exp(-v[i])));
        }
        return v;
    }

    private static double mean(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x;
        }
        return s / v.length;
    }

    static String eta(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }

    /** Unused-weight guard for tests: the parameter count of a network. */
    static long parameters(Parameters w) {
        return w.list().stream().mapToLong(Tensor::numel).sum();
    }
}
