package tessera.compute.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tessera.compute.Autograd;
import tessera.compute.ComputeDevice;
import tessera.compute.Conv2dSpec;
import tessera.compute.Tensor;
import tessera.compute.TensorScope;
import tessera.compute.cpu.CpuDevices;
import tessera.compute.io.Safetensors;
import tessera.compute.ops.Convolution;
import tessera.compute.ops.Elementwise;
import tessera.compute.ops.Normalization;

/**
 * The DCGAN generators {@code dcgan64} and {@code dcgan256} of BENCH-MODELS.md (noise N×128×1×1;
 * ConvTranspose2d without bias, BatchNorm2d in eval mode, ReLU; Tanh last), forward in no-grad
 * mode on the CPU device. Validates the output (shape, finite, inside (-1, 1)) before timing, then
 * warm-up ≥ 1 s, ≥ 7 runs and ≥ {@code seconds}; prints the median ms per batch and, per layer,
 * the median ms of each op ({@code profile} lines) as {@code key: value} lines.
 *
 * <pre>
 * java ... tessera.compute.bench.ModelsBench [model=dcgan64] [batch=1,16] [threads=1,2] [seconds=3]
 * java ... tessera.compute.bench.ModelsBench export=DIR    (weights, input and output of each model
 *                                                          at batch 2 as DIR/MODEL.safetensors)
 * </pre>
 */
public final class ModelsBench {
    private static final float BN_EPS = 1e-5f;

    private ModelsBench() {
    }

    /** One ConvTranspose2d (k4) layer; BatchNorm2d + ReLU unless it is the last (Tanh). */
    record Layer(int cin, int cout, int stride, int pad) {
    }

    static List<Layer> layers(String model) {
        List<Layer> l = new ArrayList<>();
        int[] channels = switch (model) {
            case "dcgan64" -> new int[] {128, 512, 256, 128, 64, 3};
            case "dcgan256" -> new int[] {128, 512, 512, 512, 256, 128, 64, 3};
            default -> throw new IllegalArgumentException("unknown model " + model + " (dcgan64, dcgan256)");
        };
        for (int i = 0; i + 1 < channels.length; i++) {
            l.add(i == 0 ? new Layer(channels[i], channels[i + 1], 1, 0) : new Layer(channels[i], channels[i + 1], 2, 1));
        }
        return l;
    }

    /** The weights, in PyTorch's state_dict names of an nn.Sequential of (convT, bn, relu) triples. */
    static final class Generator {
        final String model;
        final List<Layer> layers;
        final Map<String, Tensor> params = new LinkedHashMap<>();
        final List<Tensor> w = new ArrayList<>();
        final List<Tensor[]> bn = new ArrayList<>();
        /** per layer: convT, batchNorm, relu/tanh nanoseconds of the last forward. */
        final long[][] opNanos;

        Generator(ComputeDevice dev, String model, long seed) {
            this.model = model;
            this.layers = layers(model);
            this.opNanos = new long[layers.size()][3];
            for (int i = 0; i < layers.size(); i++) {
                Layer l = layers.get(i);
                // variance-preserving scale: each output sums cin·k²/s² products (cin for the 1×1 input)
                float std = (float) (i == 0 ? 1 / Math.sqrt(l.cin()) : Math.sqrt(l.stride() * l.stride() / (16.0 * l.cin())));
                Tensor wi = Tensor.normal(dev, seed + 10L * i, 0, std, l.cin(), l.cout(), 4, 4);
                w.add(wi);
                params.put((3 * i) + ".weight", wi);
                if (i + 1 < layers.size()) {
                    int c = l.cout();
                    Tensor[] b = {
                        Tensor.normal(dev, seed + 10L * i + 1, 1, 0.1f, c),
                        Tensor.normal(dev, seed + 10L * i + 2, 0, 0.1f, c),
                        Tensor.normal(dev, seed + 10L * i + 3, 0, 0.1f, c),
                        Tensor.uniform(dev, seed + 10L * i + 4, 0.5f, 1.5f, c)};
                    bn.add(b);
                    params.put((3 * i + 1) + ".weight", b[0]);
                    params.put((3 * i + 1) + ".bias", b[1]);
                    params.put((3 * i + 1) + ".running_mean", b[2]);
                    params.put((3 * i + 1) + ".running_var", b[3]);
                }
            }
        }

        int outSize() {
            return 4 << (layers.size() - 1);
        }

        Tensor forward(Tensor z) {
            Tensor x = z;
            for (int i = 0; i < layers.size(); i++) {
                Layer l = layers.get(i);
                long t0 = System.nanoTime();
                x = Convolution.convTranspose2d(x, w.get(i), null, Conv2dSpec.of(l.stride(), l.pad()));
                long t1 = System.nanoTime();
                long t2 = t1;
                if (i + 1 < layers.size()) {
                    Tensor[] b = bn.get(i);
                    // batch norm and ReLU in one kernel: the ReLU column reads ~0, its time is in batchNorm's
                    x = Normalization.batchNormRelu(x, b[0], b[1], b[2], b[3], false, 0.1f, BN_EPS);
                    t2 = System.nanoTime();
                } else {
                    x = Elementwise.tanh(x);
                }
                long t3 = System.nanoTime();
                opNanos[i][0] = t1 - t0;
                opNanos[i][1] = t2 - t1;
                opNanos[i][2] = t3 - t2;
            }
            return x;
        }
    }

    public static void main(String[] args) throws Exception {
        String[] models = {"dcgan64"};
        int[] batches = {1, 16};
        int[] threads = {1, 2};
        double seconds = 3;
        double warmup = 1;
        Path export = null;
        for (String a : args) {
            String[] kv = a.split("=", 2);
            switch (kv[0]) {
                case "model" -> models = kv[1].split(",");
                case "batch" -> batches = Arrays.stream(kv[1].split(",")).mapToInt(Integer::parseInt).toArray();
                case "threads" -> threads = Arrays.stream(kv[1].split(",")).mapToInt(Integer::parseInt).toArray();
                case "seconds" -> seconds = Double.parseDouble(kv[1]);
                case "warmup" -> warmup = Double.parseDouble(kv[1]);
                case "export" -> export = Path.of(kv[1]);
                default -> throw new IllegalArgumentException("unknown argument " + a);
            }
        }
        if (warmup < 1) {
            throw new IllegalArgumentException("BENCH-MODELS.md asks for a warm-up of at least 1 s");
        }
        if (export != null) {
            export(models, export);
            return;
        }
        for (int t : threads) {
            ComputeDevice dev = CpuDevices.create(t, "auto");
            try (TensorScope weights = TensorScope.open(); Autograd.GradMode off = Autograd.noGrad()) {
                for (String model : models) {
                    Generator g = new Generator(dev, model, 100);
                    for (int batch : batches) {
                        run(dev, g, batch, t, warmup, seconds);
                    }
                }
            } finally {
                ((AutoCloseable) dev).close();
            }
        }
    }

    private static void run(ComputeDevice dev, Generator g, int batch, int t, double warmup, double seconds) {
        Tensor z = Tensor.normal(dev, 7, 0, 1, batch, 128, 1, 1);
        try (TensorScope it = TensorScope.open()) {
            validate(g, batch, g.forward(z));
        }
        long warm = System.nanoTime() + (long) (warmup * 1e9);
        while (System.nanoTime() < warm) {
            try (TensorScope it = TensorScope.open()) {
                g.forward(z);
            }
        }
        int cap = 5000;
        double[] times = new double[cap];
        long[][][] ops = new long[g.layers.size()][3][cap];
        int runs = 0;
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while ((runs < 7 || System.nanoTime() < end) && runs < cap) {
            try (TensorScope it = TensorScope.open()) {
                long t0 = System.nanoTime();
                g.forward(z);
                times[runs] = (System.nanoTime() - t0) / 1e6;
            }
            for (int i = 0; i < g.layers.size(); i++) {
                for (int k = 0; k < 3; k++) {
                    ops[i][k][runs] = g.opNanos[i][k];
                }
            }
            runs++;
        }
        String key = g.model + "_b" + batch + "_" + t + "t";
        System.out.printf("tessera_%s_ms: %.2f%n", key, median(times, runs));
        System.out.printf("tessera_%s_runs: %d%n", key, runs);
        String[] names = {"convT", "bn", "act"};
        double[] total = new double[3];
        for (int i = 0; i < g.layers.size(); i++) {
            Layer l = g.layers.get(i);
            StringBuilder sb = new StringBuilder();
            for (int k = 0; k < 3; k++) {
                double[] ms = new double[runs];
                for (int r = 0; r < runs; r++) {
                    ms[r] = ops[i][k][r] / 1e6;
                }
                double m = median(ms, runs);
                total[k] += m;
                sb.append(String.format(" %s=%.3f", names[k], m));
            }
            System.out.printf("profile_tessera_%s_layer%d_%d_to_%d_at_%d:%s%n", key, i, l.cin(), l.cout(),
                    4 << i, sb);
        }
        System.out.printf("profile_tessera_%s_total: convT=%.3f bn=%.3f act=%.3f%n", key, total[0], total[1], total[2]);
    }

    private static double median(double[] v, int n) {
        double[] s = Arrays.copyOf(v, n);
        Arrays.sort(s);
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /** Shape N×3×S×S, every value finite and strictly inside (-1, 1), and not all (nearly) equal. */
    private static void validate(Generator g, int batch, Tensor y) {
        int s = g.outSize();
        if (!Arrays.equals(y.dims(), new int[] {batch, 3, s, s})) {
            throw new AssertionError(g.model + ": output shape " + y.shape() + ", expected [" + batch + ", 3, " + s
                    + ", " + s + "]");
        }
        double sum = 0;
        double sq = 0;
        float[] v = y.toArray();
        for (float f : v) {
            if (!(f > -1 && f < 1)) {
                throw new AssertionError(g.model + ": output value " + f + " is not finite inside (-1, 1)");
            }
            sum += f;
            sq += (double) f * f;
        }
        double sd = Math.sqrt(Math.max(0, sq / v.length - (sum / v.length) * (sum / v.length)));
        if (sd < 1e-3) {
            throw new AssertionError(g.model + ": output is (nearly) constant, std " + sd);
        }
    }

    /** Writes each model's weights (PyTorch state_dict names), an input and Tessera's output at batch 2. */
    private static void export(String[] models, Path dir) throws Exception {
        Files.createDirectories(dir);
        ComputeDevice dev = CpuDevices.create(1, "auto");
        try (TensorScope scope = TensorScope.open(); Autograd.GradMode off = Autograd.noGrad()) {
            for (String model : models) {
                Generator g = new Generator(dev, model, 100);
                Tensor z = Tensor.normal(dev, 7, 0, 1, 2, 128, 1, 1);
                Tensor y = g.forward(z);
                validate(g, 2, y);
                Map<String, Tensor> all = new LinkedHashMap<>(g.params);
                all.put("input", z);
                all.put("output", y);
                Safetensors.write(dir.resolve(model + ".safetensors"), all, Map.of("model", model));
                System.out.println("exported: " + dir.resolve(model + ".safetensors"));
            }
        } finally {
            ((AutoCloseable) dev).close();
        }
    }
}
