package tessera.plugin.diffusion.internal.train;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
import tessera.compute.ops.Elementwise;
import tessera.compute.ops.Losses;
import tessera.compute.ops.Reductions;
import tessera.compute.optim.Adam;
import tessera.compute.optim.Ema;
import tessera.compute.optim.GradClip;
import tessera.compute.spi.CounterRng;
import tessera.dataset.TileDataset;
import tessera.plugin.diffusion.internal.model.Denoiser;
import tessera.plugin.diffusion.internal.model.DiffusionSpec;
import tessera.plugin.diffusion.internal.model.LatentAutoencoder;
import tessera.plugin.diffusion.internal.model.NoiseSchedule;

/**
 * Trains a model in two stages: the autoencoder (L1 + L2 reconstruction, a small latent-size penalty, and noise on
 * the latent so the decoder tolerates the denoiser's imperfect latents), then, with it frozen, the denoiser with its
 * text encoder on the pre-encoded latents (v-prediction MSE on the cosine schedule, Adam, gradient clipping, an EMA
 * of the weights that ships). Checkpoints hold both stages, so {@code --resume} continues either; progress with loss
 * and ETA on stderr; a sample sheet every K steps.
 */
public final class DiffusionTrainer {
    static final String CHECKPOINT = "checkpoint.safetensors";
    static final String STATE = "state.json";
    static final String LATENTS = "latents.safetensors";
    private static final float AE_LR = 1e-3f, LR = 2e-4f, EMA_DECAY = 0.995f;
    /** Noise added to latents while the autoencoder trains, relative to their unit-scaled size. */
    private static final float AE_LATENT_NOISE = 0.1f;

    private final ComputeDevice device;
    private final PrintWriter err;

    public DiffusionTrainer(ComputeDevice device, PrintWriter err) {
        this.device = device;
        this.err = err;
    }

    /** Progress and result of a run, also the state file's content. */
    public record State(DiffusionSpec spec, long aeStep, long step, double wallSeconds, long seed, Map<String, Double> metrics) {
    }

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
        } else if (o.resume()) {
            err.println("tessera train diffusion: no checkpoint in " + o.work() + "; starting from step 0");
        }
        err.println("reading training tiles from " + o.data() + " …");
        err.flush();
        TrainingTiles tiles = TrainingTiles.load(TileDataset.open(o.data()), o.size(), o.heldOut(),
                resumed == null ? null : resumed.spec().heldOut());
        DiffusionSpec spec = resumed != null ? resumed.spec()
                : o.tiny() ? DiffusionSpec.tiny(o.size(), tiles.families, tiles.palettes, tiles.heldOutPairs)
                : DiffusionSpec.small(o.size(), tiles.families, tiles.palettes, tiles.heldOutPairs);
        LatentAutoencoder ae = new LatentAutoencoder(spec, device, o.seed());
        Denoiser net = new Denoiser(spec, device, o.seed() + 1);
        Denoiser shipped = new Denoiser(spec, device, o.seed() + 1);
        err.printf(Locale.ROOT, "%d tiles of %d px (%d held out: %d family–palette pairs); autoencoder %,d and denoiser %,d parameters%n",
                tiles.count(), o.size(), tiles.heldOutTiles, spec.heldOut().size(), ae.parameters().count(),
                net.parameters().count());
        Ema ema = new Ema(net.parameters().list(), EMA_DECAY, net.parameters().scope());
        long aeStart = 0, start = 0;
        double wallBefore = 0;
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (resumed != null) {
            try (TensorScope s = TensorScope.open()) {
                Map<String, Tensor> ck = Safetensors.read(o.work().resolve(CHECKPOINT), device);
                ae.parameters().load(ck, "ae.");
                net.parameters().load(ck, "net.");
                shipped.parameters().load(ck, "ema.");
                copy(shipped.parameters().list(), ema.shadows());
            }
            aeStart = resumed.aeStep();
            start = resumed.step();
            wallBefore = resumed.wallSeconds();
            metrics.putAll(resumed.metrics());
            err.printf(Locale.ROOT, "resuming at autoencoder step %d, denoiser step %d (%.0f s so far; Adam moments restart)%n",
                    aeStart, start, wallBefore);
        }
        long t0 = System.nanoTime();
        Clock clock = new Clock(t0, wallBefore);
        if (aeStart < o.aeSteps()) {
            trainAutoencoder(o, tiles, ae, aeStart, metrics, net, ema, spec, start, clock);
        }
        if (start == 0) { // the denoiser has not started: the autoencoder may have changed, so (re)measure its scale
            spec = spec.withLatentScale(latentScale(ae, tiles));
            metrics.put("latent_scale", spec.latentScale());
            err.printf(Locale.ROOT, "latent scale %.4f (brings latents to unit variance)%n", spec.latentScale());
            LatentAutoencoder scaled = new LatentAutoencoder(spec, device, o.seed());
            scaled.parameters().load(ae.parameters().named(), "");
            ae.close();
            ae = scaled;
        }
        float[][] latents = cachedLatents(o.work(), ae, tiles);
        int c = spec.latentChannels(), cells = o.size() / spec.downsample();
        NoiseSchedule schedule = new NoiseSchedule(spec.timesteps());
        Adam opt = Adam.adam(net.parameters().list(), LR, 0.9f, 0.999f, 1e-8f, 0f);
        int b = o.batch();
        double lossSum = 0;
        int window = 0;
        Path lastSheet = null;
        long unetT0 = System.nanoTime();
        for (long step = start; step < o.steps(); step++) {
            SplittableRandom r = new SplittableRandom(o.seed() * 0x9E3779B97F4A7C15L + step);
            int per = c * cells * cells;
            float[] zt = new float[b * per], target = new float[b * per], t = new float[b];
            List<String> prompts = new ArrayList<>(b);
            for (int i = 0; i < b; i++) {
                int k = r.nextInt(tiles.count());
                boolean mirror = r.nextBoolean();
                float[] z0 = shifted(latents[2 * k + (mirror ? 1 : 0)], c, cells, r.nextInt(cells), r.nextInt(cells));
                prompts.add(tiles.prompt(k, r));
                int ti = r.nextInt(spec.timesteps());
                t[i] = ti;
                double a = schedule.alphaBar(ti), sa = Math.sqrt(a), sn = Math.sqrt(1 - a);
                long noise = r.nextLong();
                for (int j = 0; j < per; j++) {
                    double eps = CounterRng.normal(noise, j);
                    zt[i * per + j] = (float) (sa * z0[j] + sn * eps);
                    target[i * per + j] = (float) (sa * eps - sn * z0[j]); // v = √ᾱ ε − √(1−ᾱ) x₀
                }
            }
            try (TensorScope s = TensorScope.open()) {
                Tensor v = net.forward(Tensor.of(device, zt, b, c, cells, cells), t, net.text().encode(prompts, device));
                Tensor loss = Losses.mse(v, Tensor.of(device, target, b, c, cells, cells));
                opt.zeroGrad();
                loss.backward();
                GradClip.clipNorm(net.parameters().list(), 1.0);
                opt.step();
                ema.update();
                lossSum += loss.item();
                window++;
            }
            long done = step + 1;
            if (done % 10 == 0 || done == o.steps()) {
                double perStep = (System.nanoTime() - unetT0) / 1e9 / (done - start);
                err.printf(Locale.ROOT, "[%3d%%] denoiser step %d/%d  loss v %.4f  %.2f s/step  ETA %s%n",
                        100 * done / o.steps(), done, o.steps(), lossSum / window, perStep, eta(perStep * (o.steps() - done)));
                err.flush();
                metrics.put("loss_v", lossSum / window);
                lossSum = 0;
                window = 0;
            }
            boolean last = done == o.steps();
            if (done % o.sampleEvery() == 0 || last) {
                copy(ema.shadows(), shipped.parameters().list());
                lastSheet = o.work().resolve(String.format(Locale.ROOT, "samples/step-%06d.png", done));
                SampleSheet.write(shipped, ae, o.sampleSteps(), o.seed(), lastSheet);
            }
            if (done % o.checkpointEvery() == 0 || last) {
                checkpoint(o.work(), ae, net, ema, new State(spec, o.aeSteps(), done, clock.wall(), o.seed(), metrics));
            }
        }
        copy(ema.shadows(), shipped.parameters().list());
        if (lastSheet == null) { // resumed at its last step: package the checkpoint as it is
            lastSheet = o.work().resolve(String.format(Locale.ROOT, "samples/step-%06d.png", start));
            SampleSheet.write(shipped, ae, o.sampleSteps(), o.seed(), lastSheet);
        }
        long trained = Math.max(start, o.steps());
        double wall = clock.wall();
        State finalState = new State(spec, o.aeSteps(), trained, wall, o.seed(), metrics);
        Path bundle = new ModelPackager(device).write(o, shipped, ae, finalState, tiles, lastSheet);
        net.close();
        shipped.close();
        ae.close();
        return new Result(bundle, trained, wall, metrics, lastSheet);
    }

    private void trainAutoencoder(TrainingOptions o, TrainingTiles tiles, LatentAutoencoder ae, long aeStart,
            Map<String, Double> metrics, Denoiser net, Ema ema, DiffusionSpec spec, long unetStep, Clock clock) throws IOException {
        Adam opt = Adam.adam(ae.parameters().list(), AE_LR, 0.9f, 0.99f, 1e-8f, 0f);
        int b = o.batch(), s = o.size(), per = 3 * s * s;
        long t0 = System.nanoTime();
        double l1Sum = 0;
        int window = 0;
        for (long step = aeStart; step < o.aeSteps(); step++) {
            SplittableRandom r = new SplittableRandom(o.seed() * 0xBF58476D1CE4E5B9L + step);
            float[] x = new float[b * per];
            for (int i = 0; i < b; i++) {
                tiles.tile(r.nextInt(tiles.count()), r.nextBoolean(), x, i * per);
            }
            try (TensorScope sc = TensorScope.open()) {
                Tensor in = Tensor.of(device, x, b, 3, s, s);
                Tensor z = ae.encodeRaw(in);
                Tensor noisy = Elementwise.add(z, Tensor.normal(device, r.nextLong(), 0f, AE_LATENT_NOISE, z.dims()));
                Tensor out = ae.decodeRaw(noisy);
                Tensor l1 = Losses.l1(out, in);
                Tensor loss = l1.add(Losses.mse(out, in)).add(Reductions.mean(Elementwise.square(z)).mul(1e-3f));
                opt.zeroGrad();
                loss.backward();
                GradClip.clipNorm(ae.parameters().list(), 1.0);
                opt.step();
                l1Sum += l1.item();
                window++;
            }
            long done = step + 1;
            if (done % 10 == 0 || done == o.aeSteps()) {
                double perStep = (System.nanoTime() - t0) / 1e9 / (done - aeStart);
                err.printf(Locale.ROOT, "[%3d%%] autoencoder step %d/%d  L1 %.4f  %.2f s/step  ETA %s%n",
                        100 * done / o.aeSteps(), done, o.aeSteps(), l1Sum / window, perStep,
                        eta(perStep * (o.aeSteps() - done)));
                err.flush();
                metrics.put("loss_ae_l1", l1Sum / window);
                l1Sum = 0;
                window = 0;
            }
            if (done % o.checkpointEvery() == 0 || done == o.aeSteps()) {
                checkpoint(o.work(), ae, net, ema, new State(spec, done, unetStep, clock.wall(), o.seed(), metrics));
            }
        }
    }

    /** 1 / standard deviation of the raw latents of (up to) 512 training tiles. */
    private double latentScale(LatentAutoencoder ae, TrainingTiles tiles) {
        int n = Math.min(512, tiles.count());
        double sum = 0, sq = 0;
        long count = 0;
        for (float[] z : encode(ae, tiles, n, false, 1.0)) {
            for (float v : z) {
                sum += v;
                sq += (double) v * v;
                count++;
            }
        }
        double mean = sum / count, var = sq / count - mean * mean;
        return 1 / Math.sqrt(Math.max(var, 1e-8));
    }

    /**
     * The encoded training set, from the work folder when a run with the same autoencoder already encoded it (a
     * resumed run then starts training at once instead of encoding every tile again), else encoded and saved there.
     */
    private float[][] cachedLatents(Path work, LatentAutoencoder ae, TrainingTiles tiles) throws IOException {
        Path file = work.resolve(LATENTS);
        String key = tessera.compute.io.ModelJar.sha256(weightsFingerprint(ae)) + "/" + tiles.count() + "/" + ae.spec().latentScale();
        if (Files.exists(file)) {
            try (TensorScope s = TensorScope.open()) {
                Map<String, String> meta = Safetensors.readHeader(file).metadata();
                if (key.equals(meta.get("key"))) {
                    float[] all = Safetensors.read(file, device).get("latents").toArray();
                    int per = all.length / (2 * tiles.count());
                    float[][] out = new float[2 * tiles.count()][];
                    for (int i = 0; i < out.length; i++) {
                        out[i] = java.util.Arrays.copyOfRange(all, i * per, (i + 1) * per);
                    }
                    err.println("latents of " + tiles.count() + " tiles read from " + file);
                    return out;
                }
            }
        }
        float[][] out = encodeAll(ae, tiles);
        float[] flat = new float[out.length * out[0].length];
        for (int i = 0; i < out.length; i++) {
            System.arraycopy(out[i], 0, flat, i * out[0].length, out[0].length);
        }
        try (TensorScope s = TensorScope.open()) {
            Path tmp = work.resolve(LATENTS + ".tmp");
            Safetensors.write(tmp, Map.of("latents", Tensor.of(device, flat, flat.length)), Map.of("key", key));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        return out;
    }

    /** The autoencoder's weights as bytes, so a cache made by other weights is never reused. */
    private static byte[] weightsFingerprint(LatentAutoencoder ae) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate((int) ae.parameters().count() * 4);
        for (Tensor t : ae.parameters().list()) {
            for (float v : t.toArray()) {
                b.putFloat(v);
            }
        }
        return b.array();
    }

    /** Every tile's scaled latent, plain and mirrored: [2k] and [2k + 1]. */
    private float[][] encodeAll(LatentAutoencoder ae, TrainingTiles tiles) {
        err.println("encoding " + tiles.count() + " tiles (and their mirror images) to latents …");
        err.flush();
        List<float[]> plain = encode(ae, tiles, tiles.count(), false, ae.spec().latentScale());
        List<float[]> mirrored = encode(ae, tiles, tiles.count(), true, ae.spec().latentScale());
        float[][] out = new float[2 * tiles.count()][];
        for (int i = 0; i < tiles.count(); i++) {
            out[2 * i] = plain.get(i);
            out[2 * i + 1] = mirrored.get(i);
        }
        return out;
    }

    private List<float[]> encode(LatentAutoencoder ae, TrainingTiles tiles, int n, boolean mirror, double scale) {
        int s = tiles.size, per = 3 * s * s, chunk = 64;
        List<float[]> out = new ArrayList<>(n);
        for (int from = 0; from < n; from += chunk) {
            int m = Math.min(chunk, n - from);
            float[] x = new float[m * per];
            for (int i = 0; i < m; i++) {
                tiles.tile(from + i, mirror, x, i * per);
            }
            try (TensorScope sc = TensorScope.open(); var off = Autograd.noGrad()) {
                float[] z = ae.encodeRaw(Tensor.of(device, x, m, 3, s, s)).toArray();
                int lz = z.length / m;
                for (int i = 0; i < m; i++) {
                    float[] one = new float[lz];
                    for (int j = 0; j < lz; j++) {
                        one[j] = (float) (z[i * lz + j] * scale);
                    }
                    out.add(one);
                }
            }
        }
        return out;
    }

    /** A latent moved circularly by (dx, dy) cells: the tile starts elsewhere, the design is the same. */
    static float[] shifted(float[] z, int c, int cells, int dx, int dy) {
        float[] out = new float[z.length];
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < cells; y++) {
                int sy = (y + dy) % cells;
                for (int x = 0; x < cells; x++) {
                    out[(ch * cells + y) * cells + x] = z[(ch * cells + sy) * cells + (x + dx) % cells];
                }
            }
        }
        return out;
    }

    private void checkpoint(Path work, LatentAutoencoder ae, Denoiser net, Ema ema, State state) throws IOException {
        Map<String, Tensor> all = new LinkedHashMap<>();
        ae.parameters().named().forEach((k, v) -> all.put("ae." + k, v));
        net.parameters().named().forEach((k, v) -> all.put("net." + k, v));
        List<String> names = new ArrayList<>(net.parameters().named().keySet());
        List<Tensor> shadows = ema.shadows();
        for (int i = 0; i < names.size(); i++) {
            all.put("ema." + names.get(i), shadows.get(i));
        }
        Path tmpCk = work.resolve(CHECKPOINT + ".tmp");
        Safetensors.write(tmpCk, all, Map.of("aeStep", Long.toString(state.aeStep()), "step", Long.toString(state.step())));
        Files.move(tmpCk, work.resolve(CHECKPOINT), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Path tmp = work.resolve(STATE + ".tmp");
        Files.writeString(tmp, TesseraJson.write(state));
        Files.move(tmp, work.resolve(STATE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static void copy(List<Tensor> from, List<Tensor> to) {
        for (int i = 0; i < from.size(); i++) {
            to.get(i).copyFrom(from.get(i).toArray());
        }
    }

    static String eta(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }

    /** Wall time across resumed runs. */
    private record Clock(long t0, double before) {
        double wall() {
            return before + (System.nanoTime() - t0) / 1e9;
        }
    }
}
