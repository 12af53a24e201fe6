package tessera.compute.bench;

import java.util.Arrays;
import java.util.function.Supplier;
import tessera.compute.Autograd;
import tessera.compute.ComputeDevice;
import tessera.compute.Conv2dSpec;
import tessera.compute.Tensor;
import tessera.compute.TensorScope;
import tessera.compute.cpu.CpuDevices;
import tessera.compute.ops.Convolution;
import tessera.compute.ops.Linalg;
import tessera.compute.ops.Shapes;

/**
 * Where the time of a DCGAN transposed convolution goes: for each layer of a model, the median ms
 * of {@code convTranspose2d} against the GEMMs inside it, as the CPU device runs them (one
 * Wᵀ·x per sample, Wᵀ a transposed view of the [Cin, Cout·16] weight) and as one GEMM over the
 * whole batch (x as [Cin, N·H·W]); the rest of {@code convTranspose2d} is col2im and zero fill.
 *
 * <pre>java ... tessera.compute.bench.ConvTransposeBreakdown [model=dcgan64] [batch=1,16] [threads=1] [seconds=1]</pre>
 */
public final class ConvTransposeBreakdown {
    private ConvTransposeBreakdown() {
    }

    public static void main(String[] args) throws Exception {
        String model = "dcgan64";
        int[] batches = {1, 16};
        int threads = 1;
        double seconds = 1;
        for (String a : args) {
            String[] kv = a.split("=", 2);
            switch (kv[0]) {
                case "model" -> model = kv[1];
                case "batch" -> batches = Arrays.stream(kv[1].split(",")).mapToInt(Integer::parseInt).toArray();
                case "threads" -> threads = Integer.parseInt(kv[1]);
                case "seconds" -> seconds = Double.parseDouble(kv[1]);
                default -> throw new IllegalArgumentException("unknown argument " + a);
            }
        }
        ComputeDevice dev = CpuDevices.create(threads, "auto");
        try (TensorScope scope = TensorScope.open(); Autograd.GradMode off = Autograd.noGrad()) {
            for (int batch : batches) {
                int size = 1;
                for (ModelsBench.Layer l : ModelsBench.layers(model)) {
                    int n = batch;
                    int hw = size * size;
                    Tensor x = Tensor.normal(dev, 1, 0, 1, n, l.cin(), size, size);
                    Tensor w = Tensor.normal(dev, 2, 0, 0.05f, l.cin(), l.cout(), 4, 4);
                    Conv2dSpec s = Conv2dSpec.of(l.stride(), l.pad());
                    Tensor wt = Shapes.transpose(Shapes.reshape(w, l.cin(), l.cout() * 16), 0, 1);
                    Tensor[] xs = new Tensor[n];
                    for (int i = 0; i < n; i++) {
                        xs[i] = Shapes.contiguous(Shapes.reshape(Shapes.slice(x, 0, i, i + 1), l.cin(), hw));
                    }
                    Tensor xAll = Shapes.contiguous(Shapes.reshape(Shapes.permute(x, 1, 0, 2, 3), l.cin(), n * hw));
                    double conv = time(seconds, () -> Convolution.convTranspose2d(x, w, null, s));
                    double perSample = time(seconds, () -> {
                        Tensor last = null;
                        for (Tensor xi : xs) {
                            last = Linalg.matmul(wt, xi);
                        }
                        return last;
                    });
                    double whole = time(seconds, () -> Linalg.matmul(wt, xAll));
                    double gflop = 2.0 * l.cin() * l.cout() * 16 * hw * n / 1e9;
                    System.out.printf("convT_%s_b%d_%dt_layer_%d_to_%d_at_%d: convT=%.3f ms (%.1f GFLOP/s)"
                            + " gemm_per_sample=%.3f gemm_whole_batch=%.3f (%.1f GFLOP/s) col2im_etc=%.3f%n", model,
                            batch, threads, l.cin(), l.cout(), size * (l.stride() == 1 ? 4 : 2), conv, gflop / conv * 1e3,
                            perSample, whole, gflop / whole * 1e3, conv - perSample);
                    size = size == 1 ? 4 : size * 2;
                }
            }
        } finally {
            ((AutoCloseable) dev).close();
        }
    }

    private static double time(double seconds, Supplier<Tensor> f) {
        long warm = System.nanoTime() + 300_000_000L;
        while (System.nanoTime() < warm) {
            try (TensorScope it = TensorScope.open()) {
                f.get();
            }
        }
        double[] t = new double[1000];
        int runs = 0;
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while ((runs < 5 || System.nanoTime() < end) && runs < t.length) {
            try (TensorScope it = TensorScope.open()) {
                long t0 = System.nanoTime();
                f.get();
                t[runs++] = (System.nanoTime() - t0) / 1e6;
            }
        }
        Arrays.sort(t, 0, runs);
        return t[runs / 2];
    }
}
