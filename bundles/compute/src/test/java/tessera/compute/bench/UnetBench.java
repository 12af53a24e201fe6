package tessera.compute.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import tessera.compute.Autograd;
import tessera.compute.ComputeDevice;
import tessera.compute.Tensor;
import tessera.compute.TensorScope;
import tessera.compute.cpu.CpuDevices;
import tessera.compute.io.Safetensors;

/**
 * #4: the {@code unet64} network of BENCH-MODELS.md on the CPU device, forward in no-grad mode, by
 * BENCH-MODELS.md's protocol (warm-up ≥ 1 s, then ≥ 7 runs and ≥ {@code seconds}, median ms per batch),
 * for bench/compute-unet.sh, which runs the PyTorch twin beside it.
 *
 * <pre>
 * java ... tessera.compute.bench.UnetBench [batch=1,16] [threads=1,2] [seconds=3]
 * java ... tessera.compute.bench.UnetBench export=FILE   (weights, input, timesteps and output at batch 2)
 * </pre>
 */
public final class UnetBench {
    private UnetBench() {
    }

    static int[] timesteps(int batch) {
        int[] t = new int[batch];
        for (int i = 0; i < batch; i++) {
            t[i] = (37 * i + 11) % 1000;
        }
        return t;
    }

    public static void main(String[] args) throws Exception {
        int[] batches = {1, 16};
        int[] threads = {1, 2};
        double seconds = 3;
        Path export = null;
        for (String a : args) {
            String[] kv = a.split("=", 2);
            switch (kv[0]) {
                case "batch" -> batches = Arrays.stream(kv[1].split(",")).mapToInt(Integer::parseInt).toArray();
                case "threads" -> threads = Arrays.stream(kv[1].split(",")).mapToInt(Integer::parseInt).toArray();
                case "seconds" -> seconds = Double.parseDouble(kv[1]);
                case "export" -> export = Path.of(kv[1]);
                default -> throw new IllegalArgumentException("unknown argument " + a);
            }
        }
        if (export != null) {
            export(export);
            return;
        }
        for (int t : threads) {
            ComputeDevice dev = CpuDevices.create(t, "auto");
            try (TensorScope weights = TensorScope.open(); Autograd.GradMode off = Autograd.noGrad()) {
                Unet64 net = new Unet64(dev, 300);
                for (int batch : batches) {
                    Tensor x = Tensor.uniform(dev, 8, -1, 1, batch, 3, 64, 64);
                    int[] ts = timesteps(batch);
                    try (TensorScope it = TensorScope.open()) {
                        for (float f : net.forward(x, ts).toArray()) {
                            if (!Float.isFinite(f)) {
                                throw new AssertionError("unet64 output is not finite");
                            }
                        }
                    }
                    long warm = System.nanoTime() + 1_000_000_000L;
                    while (System.nanoTime() < warm) {
                        try (TensorScope it = TensorScope.open()) {
                            net.forward(x, ts);
                        }
                    }
                    double[] ms = new double[1000];
                    int runs = 0;
                    long end = System.nanoTime() + (long) (seconds * 1e9);
                    while ((runs < 7 || System.nanoTime() < end) && runs < ms.length) {
                        try (TensorScope it = TensorScope.open()) {
                            long t0 = System.nanoTime();
                            net.forward(x, ts);
                            ms[runs++] = (System.nanoTime() - t0) / 1e6;
                        }
                    }
                    double[] s = Arrays.copyOf(ms, runs);
                    Arrays.sort(s);
                    System.out.printf("tessera_unet64_b%d_%dt_ms: %.2f%n", batch, t, s[runs / 2]);
                }
            } finally {
                ((AutoCloseable) dev).close();
            }
        }
    }

    private static void export(Path file) throws Exception {
        Files.createDirectories(file.toAbsolutePath().getParent());
        ComputeDevice dev = CpuDevices.create(1, "auto");
        try (TensorScope scope = TensorScope.open(); Autograd.GradMode off = Autograd.noGrad()) {
            Unet64 net = new Unet64(dev, 300);
            Tensor x = Tensor.uniform(dev, 8, -1, 1, 2, 3, 64, 64);
            int[] ts = timesteps(2);
            Map<String, Tensor> all = new LinkedHashMap<>(net.namedParameters());
            all.put("input", x);
            all.put("timesteps", Tensor.of(dev, new float[] {ts[0], ts[1]}, 2));
            all.put("output", net.forward(x, ts));
            Safetensors.write(file, all, Map.of("model", "unet64"));
        } finally {
            ((AutoCloseable) dev).close();
        }
    }
}
