package tessera.plugin.gan.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tessera.api.image.RgbImage;
import tessera.api.repeat.RepeatGeometry;
import tessera.compute.ComputeDevice;
import tessera.compute.nn.Parameters;
import tessera.compute.Tensor;
import tessera.compute.TensorScope;
import tessera.compute.cpu.CpuDevices;
import tessera.compute.io.Safetensors;
import tessera.dataset.TileDataset;
import tessera.imaging.repeat.SeamMetric;
import tessera.plugin.gan.internal.model.GanSpec;
import tessera.plugin.gan.internal.model.LatentCode;
import tessera.plugin.gan.internal.model.ModelFiles;
import tessera.plugin.gan.internal.model.PeriodicGenerator;
import tessera.plugin.gan.internal.model.TileRenderer;
import tessera.plugin.gan.internal.quality.Frechet;
import tessera.plugin.gan.internal.quality.MotifClassifier;
import tessera.plugin.gan.internal.train.TileBatches;

/**
 * bench/gan.sh's Tessera side: quality of a GAN model against its data (motif classifier features: Fréchet distance,
 * per-family accuracy of conditional samples, diversity; seam metric) and its speed (256² tile at batch 1, a
 * 2048² seamless field). Writes the weights (F32), one input and its output for the PyTorch parity check and timing.
 * Usage: GanBench MODEL.jar DATA_DIR OUT_DIR [samplesPerFamily=40] [classifierSteps=400]
 */
public final class GanBench {
    public static void main(String[] a) throws Exception {
        Path model = Path.of(a[0]), dataDir = Path.of(a[1]), out = Path.of(a[2]);
        int perFamily = a.length > 3 ? Integer.parseInt(a[3]) : 40;
        int clsSteps = a.length > 4 ? Integer.parseInt(a[4]) : 400;
        Files.createDirectories(out);
        ComputeDevice d = CpuDevices.shared();
        Map<String, String> r = new LinkedHashMap<>();
        PeriodicGenerator g = ModelFiles.load(model, d);
        GanSpec spec = g.spec();
        TileRenderer renderer = new TileRenderer(g);
        TileBatches tiles = TileBatches.load(TileDataset.open(dataDir), spec.trainingSize(), List.of(spec.families(), spec.palettes()));
        int n = tiles.count(), held = Math.min(1000, n / 5);
        List<Integer> train = new ArrayList<>(), test = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            (i < n - held ? train : test).add(i);
        }
        long t0 = System.nanoTime();
        MotifClassifier cls = new MotifClassifier(d, spec.families().size(), 5);
        cls.train(tiles, train, clsSteps, 32, 11);
        r.put("classifier_train_seconds", f(( System.nanoTime() - t0) / 1e9));
        int size = spec.trainingSize();
        List<RgbImage> realImgs = new ArrayList<>();
        int[] realFam = new int[test.size()];
        for (int i = 0; i < test.size(); i++) {
            realImgs.add(tiles.image(test.get(i)));
            realFam[i] = tiles.family(test.get(i));
        }
        MotifClassifier.Embedding real = cls.embedAll(realImgs);
        r.put("classifier_heldout_accuracy", f(real.accuracy(realFam)));
        List<LatentCode> codes = new ArrayList<>();
        int[] genFam = new int[perFamily * spec.families().size()];
        for (int fam = 0; fam < spec.families().size(); fam++) {
            for (int j = 0; j < perFamily; j++) {
                codes.add(LatentCode.sample(spec, 50_000L + fam * 1000L + j, fam, spec.anyPalette()));
                genFam[fam * perFamily + j] = fam;
            }
        }
        List<RgbImage> gen = renderer.render(codes, size, size, null);
        MotifClassifier.Embedding fake = cls.embedAll(gen);
        r.put("frechet_distance_classifier_features", f(Frechet.distance(fake.rows(), real.rows())));
        // the floor: two disjoint halves of the real held-out set
        int h = real.rows().length / 2;
        r.put("frechet_distance_real_vs_real", f(Frechet.distance(Arrays.copyOfRange(real.rows(), 0, h), Arrays.copyOfRange(real.rows(), h, 2 * h))));
        r.put("conditional_accuracy_mean", f(fake.accuracy(genFam)));
        for (int fam = 0; fam < spec.families().size(); fam++) {
            int hit = 0;
            for (int j = 0; j < perFamily; j++) {
                hit += fake.predicted()[fam * perFamily + j] == fam ? 1 : 0;
            }
            r.put("accuracy_" + spec.families().get(fam), f(hit / (double) perFamily));
        }
        r.put("diversity_generated", f(Frechet.meanPairwise(sub(fake.rows(), 300))));
        r.put("diversity_real", f(Frechet.meanPairwise(sub(real.rows(), 300))));
        r.put("seam_generated_block", f(meanSeam(gen.subList(0, Math.min(200, gen.size())), RepeatGeometry.BLOCK)));
        r.put("seam_training_block", f(meanSeam(realImgs.subList(0, Math.min(200, realImgs.size())), RepeatGeometry.BLOCK)));
        List<RgbImage> drop = renderer.render(codes.subList(0, 30), 128, 128, RepeatGeometry.HALF_DROP);
        r.put("seam_generated_half_drop_128", f(meanSeam(drop, RepeatGeometry.HALF_DROP)));
        r.put("seam_threshold", f(SeamMetric.THRESHOLD));

        r.putAll(GanSpeed.measure(renderer, 3));
        parity(g, renderer, out);
        g.weights().close();
        cls.close();
        StringBuilder txt = new StringBuilder();
        r.forEach((k, v) -> txt.append(k).append(": ").append(v).append('\n'));
        Files.writeString(out.resolve("tessera.txt"), txt);
        System.out.print(txt);
    }

    /** Parameters (F32, the state_dict names the PyTorch twin uses), a 64 px input and its output. */
    static void parity(PeriodicGenerator g, TileRenderer renderer, Path out) throws Exception {
        GanSpec spec = g.spec();
        Map<String, Tensor> all = new LinkedHashMap<>(g.weights().named());
        try (TensorScope s = TensorScope.open(); var off = tessera.compute.Autograd.noGrad()) {
            var torus = renderer.torus(64, 64, null);
            var in = renderer.inputs(List.of(LatentCode.sample(spec, 3, 1, 0)), torus);
            all.put("in.local", in.local());
            all.put("in.global", in.global());
            all.put("in.phases", in.phases());
            all.put("in.family", Tensor.of(g.weights().device(), new float[] {in.family()[0]}, 1));
            all.put("in.palette", Tensor.of(g.weights().device(), new float[] {in.palette()[0]}, 1));
            all.put("out", g.forward(in.local(), in.global(), in.family(), in.palette(), in.phases(), torus));
            Safetensors.write(out.resolve("parity.safetensors"), all, Map.of("spec", tessera.api.json.TesseraJson.write(spec)));
        }
    }

    static double[][] sub(double[][] rows, int n) {
        return Arrays.copyOf(rows, Math.min(n, rows.length));
    }

    static double meanSeam(List<RgbImage> imgs, RepeatGeometry g) {
        return imgs.stream().mapToDouble(t -> SeamMetric.score(t, g)).average().orElse(Double.NaN);
    }

    static double median(Runnable run, double warmSeconds, int minRuns, double minSeconds) {
        long end = System.nanoTime() + (long) (warmSeconds * 1e9);
        do {
            run.run();
        } while (System.nanoTime() < end);
        List<Double> ms = new ArrayList<>();
        long start = System.nanoTime();
        while (ms.size() < minRuns || System.nanoTime() - start < minSeconds * 1e9) {
            long t = System.nanoTime();
            run.run();
            ms.add((System.nanoTime() - t) / 1e6);
        }
        ms.sort(null);
        return ms.get(ms.size() / 2);
    }

    static String f(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
