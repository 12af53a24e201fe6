package tessera.compute.bench;

import java.util.Arrays;
import tessera.compute.Autograd;
import tessera.compute.ComputeDevice;
import tessera.compute.Conv2dSpec;
import tessera.compute.Tensor;
import tessera.compute.TensorScope;
import tessera.compute.cpu.CpuDevices;
import tessera.compute.ops.Convolution;
import tessera.compute.testing.Reference;

/**
 * The {@code conv3x3} reference layer of BENCH-MODELS.md (Conv2d 64→64, 3×3, padding 1, no bias,
 * on N×64×128×128), forward, validated against float64 on a corner before timing. Prints
 * {@code key: value} lines: {@code java ... tessera.compute.bench.ConvBench [batch=1] [threads=1,2]}.
 */
public final class ConvBench {
    private ConvBench() {
    }

    public static void main(String[] args) throws Exception {
        int batch = 1;
        int[] threads = {1, 2};
        double seconds = 3;
        for (String a : args) {
            String[] kv = a.split("=", 2);
            switch (kv[0]) {
                case "batch" -> batch = Integer.parseInt(kv[1]);
                case "threads" -> threads = Arrays.stream(kv[1].split(",")).mapToInt(Integer::parseInt).toArray();
                case "seconds" -> seconds = Double.parseDouble(kv[1]);
                default -> throw new IllegalArgumentException("unknown argument " + a);
            }
        }
        for (int t : threads) {
            ComputeDevice dev = CpuDevices.create(t, "auto");
            try (TensorScope scope = TensorScope.open(); Autograd.GradMode off = Autograd.noGrad()) {
                Tensor x = Tensor.normal(dev, 1, 0, 1, batch, 64, 128, 128);
                Tensor w = Tensor.normal(dev, 2, 0, 0.05f, 64, 64, 3, 3);
                Conv2dSpec s = Conv2dSpec.of(1, 1);
                validate(x, w, Convolution.conv2d(x, w, null, s), s);
                long warm = System.nanoTime() + 1_000_000_000L;
                while (System.nanoTime() < warm) {
                    try (TensorScope it = TensorScope.open()) {
                        Convolution.conv2d(x, w, null, s);
                    }
                }
                double[] times = new double[2000];
                int runs = 0;
                long end = System.nanoTime() + (long) (seconds * 1e9);
                while ((runs < 7 || System.nanoTime() < end) && runs < times.length) {
                    try (TensorScope it = TensorScope.open()) {
                        long t0 = System.nanoTime();
                        Convolution.conv2d(x, w, null, s);
                        times[runs++] = (System.nanoTime() - t0) / 1e9;
                    }
                }
                double[] sorted = Arrays.copyOf(times, runs);
                Arrays.sort(sorted);
                double ms = sorted[runs / 2] * 1e3;
                double gflop = 2.0 * 0.604e9 * batch / 1e9;
                System.out.printf("tessera_conv3x3_b%d_%dt_ms: %.2f%n", batch, t, ms);
                System.out.printf("tessera_conv3x3_b%d_%dt_gflops: %.1f%n", batch, t, gflop / (ms / 1e3));
            } finally {
                ((AutoCloseable) dev).close();
            }
        }
    }

    /** Checks output channels 0..3 of sample 0 in the top-left 8×8 corner (zero padding there). */
    private static void validate(Tensor x, Tensor w, Tensor y, Conv2dSpec s) {
        float[] xv = x.toArray();
        float[] wv = w.toArray();
        float[] yv = y.toArray();
        float[] corner = new float[64 * 9 * 9];
        for (int c = 0; c < 64; c++) {
            for (int i = 0; i < 9; i++) {
                System.arraycopy(xv, (c * 128 + i) * 128, corner, (c * 9 + i) * 9, 9);
            }
        }
        double[] ref = Reference.conv2d(corner, new int[] {1, 64, 9, 9}, wv, new int[] {64, 64, 3, 3}, null, s);
        double worst = 0;
        for (int o = 0; o < 4; o++) {
            for (int i = 0; i < 8; i++) {
                for (int j = 0; j < 8; j++) {
                    double r = ref[(o * 9 + i) * 9 + j];
                    worst = Math.max(worst, Math.abs(yv[(o * 128 + i) * 128 + j] - r) / (1 + Math.abs(r)));
                }
            }
        }
        if (!(worst < 1e-4)) {
            throw new AssertionError("conv3x3 result is wrong: error " + worst);
        }
    }
}
