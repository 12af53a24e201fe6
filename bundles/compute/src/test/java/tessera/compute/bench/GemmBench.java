package tessera.compute.bench;

import java.util.Arrays;
import java.util.Random;
import tessera.compute.Autograd;
import tessera.compute.ComputeDevice;
import tessera.compute.Tensor;
import tessera.compute.TensorScope;
import tessera.compute.cpu.CpuDevices;
import tessera.compute.ops.Linalg;

/**
 * GEMM throughput of the CPU device through the public op ({@code Linalg.matmul}), validated
 * against a float64 reference before it is timed. Run by {@code bench/compute-cpu.sh}; prints
 * {@code key: value} lines.
 *
 * <pre>java --add-modules jdk.incubator.vector -cp classes:test-classes tessera.compute.bench.GemmBench
 *      [n=1024] [threads=1,2] [seconds=3] [kernel=auto|scalar]</pre>
 */
public final class GemmBench {
    private GemmBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = 1024;
        int[] threads = {1, 2};
        double seconds = 3;
        String kernel = "auto";
        for (String a : args) {
            String[] kv = a.split("=", 2);
            switch (kv[0]) {
                case "n" -> n = Integer.parseInt(kv[1]);
                case "threads" -> threads = Arrays.stream(kv[1].split(",")).mapToInt(Integer::parseInt).toArray();
                case "seconds" -> seconds = Double.parseDouble(kv[1]);
                case "kernel" -> kernel = kv[1];
                default -> throw new IllegalArgumentException("unknown argument " + a
                        + "; use n=, threads=, seconds=, kernel=");
            }
        }
        for (int t : threads) {
            ComputeDevice dev = CpuDevices.create(t, kernel);
            try (TensorScope scope = TensorScope.open(); Autograd.GradMode off = Autograd.noGrad()) {
                System.out.println("device_" + t + "t: " + dev.description());
                System.out.println("kernel_reason: " + CpuDevices.kernelReason(dev));
                double gflops = run(dev, n, seconds);
                System.out.printf("tessera_gemm_n%d_%dt_gflops: %.1f%n", n, t, gflops);
            } finally {
                ((AutoCloseable) dev).close();
            }
        }
    }

    /** Validates, then times; returns the median GFLOP/s. */
    static double run(ComputeDevice dev, int n, double seconds) {
        Tensor a = Tensor.uniform(dev, 1, -1, 1, n, n);
        Tensor b = Tensor.uniform(dev, 2, -1, 1, n, n);
        validate(a.toArray(), b.toArray(), Linalg.matmul(a, b).toArray(), n);
        long warmEnd = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < warmEnd) {
            try (TensorScope s = TensorScope.open()) {
                Linalg.matmul(a, b);
            }
        }
        double[] times = new double[4096];
        int runs = 0;
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while ((runs < 7 || System.nanoTime() < end) && runs < times.length) {
            try (TensorScope s = TensorScope.open()) {
                long t0 = System.nanoTime();
                Linalg.matmul(a, b);
                times[runs++] = (System.nanoTime() - t0) / 1e9;
            }
        }
        double[] t = Arrays.copyOf(times, runs);
        Arrays.sort(t);
        double median = t[runs / 2];
        double flop = 2.0 * n * n * n;
        System.out.printf("spread: %d runs, %.1f best, %.1f worst GFLOP/s%n", runs, flop / t[0] / 1e9,
                flop / t[runs - 1] / 1e9);
        return flop / median / 1e9;
    }

    private static void validate(float[] a, float[] b, float[] c, int n) {
        Random r = new Random(3);
        double worst = 0;
        for (int probe = 0; probe < 256; probe++) {
            int i = r.nextInt(n);
            int j = r.nextInt(n);
            double ref = 0;
            double mag = 0;
            for (int k = 0; k < n; k++) {
                ref += (double) a[i * n + k] * b[k * n + j];
                mag += Math.abs((double) a[i * n + k] * b[k * n + j]);
            }
            worst = Math.max(worst, Math.abs(c[i * n + j] - ref) / mag);
        }
        if (!(worst < 1e-5)) {
            throw new AssertionError("GEMM result is wrong: relative error " + worst + " against float64");
        }
        System.out.printf("validated_rel_error: %.1e%n", worst);
    }
}
