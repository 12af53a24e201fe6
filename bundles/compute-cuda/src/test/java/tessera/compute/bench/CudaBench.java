package tessera.compute.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import tessera.compute.Autograd;
import tessera.compute.ComputeDevice;
import tessera.compute.Tensor;
import tessera.compute.TensorScope;
import tessera.compute.cuda.CudaDevices;
import tessera.compute.cuda.MatmulPrecision;
import tessera.compute.ops.Elementwise;
import tessera.compute.ops.Linalg;

/**
 * #5: Tessera's CUDA kernels timed on the GPU, printed as {@code key: value} lines for
 * bench/compute-cuda.sh, which runs PyTorch's side (bench/compute_cuda_torch.py) in the same call.
 * Every timing synchronises the device before reading the clock, warms up first, repeats and
 * reports the median; inputs are random (never zeros) and rotate among several buffers where the
 * working set would otherwise sit in the 50 MB L2.
 *
 * <pre>java ... tessera.compute.bench.CudaBench [parts=memory,gemm,models] [seconds=2]</pre>
 */
public final class CudaBench {
    private CudaBench() {
    }

    interface Body {
        void run();
    }

    /** Median milliseconds of {@code body}, synchronised, after a warm-up. */
    static double time(ComputeDevice dev, double seconds, Body body) {
        for (int i = 0; i < 3; i++) {
            body.run();
        }
        dev.synchronize();
        long warm = System.nanoTime() + 300_000_000L;
        while (System.nanoTime() < warm) {
            body.run();
            dev.synchronize();
        }
        List<Double> ms = new ArrayList<>();
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (ms.size() < 10 || (System.nanoTime() < end && ms.size() < 2000)) {
            long t0 = System.nanoTime();
            body.run();
            dev.synchronize();
            ms.add((System.nanoTime() - t0) / 1e6);
        }
        double[] a = ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return a[a.length / 2];
    }

    public static void main(String[] args) {
        List<String> parts = List.of("memory", "gemm", "models");
        double seconds = 2;
        for (String a : args) {
            String[] kv = a.split("=", 2);
            switch (kv[0]) {
                case "parts" -> parts = Arrays.asList(kv[1].split(","));
                case "seconds" -> seconds = Double.parseDouble(kv[1]);
                default -> throw new IllegalArgumentException("unknown argument " + a);
            }
        }
        ComputeDevice dev = CudaDevices.open(0, Map.of());
        System.out.println("device: " + dev.description());
        try (Autograd.GradMode off = Autograd.noGrad()) {
            if (parts.contains("memory")) {
                memory(dev, seconds);
            }
            if (parts.contains("gemm")) {
                gemm(dev, seconds);
            }
            if (parts.contains("models")) {
                models(dev, seconds);
            }
            if (parts.contains("profile")) {
                // two forwards of dcgan256 at batch 64 in TF32, for a per-kernel breakdown under ncu
                CudaDevices.setMatmulPrecision(dev, MatmulPrecision.TF32);
                try (TensorScope weights = TensorScope.open()) {
                    ModelsBench.Generator g = new ModelsBench.Generator(dev, "dcgan256", 100);
                    Tensor z = Tensor.normal(dev, 7, 0, 1, 64, 128, 1, 1);
                    for (int i = 0; i < 2; i++) {
                        try (TensorScope it = TensorScope.open()) {
                            g.forward(z);
                            dev.synchronize();
                        }
                    }
                }
            }
        }
    }

    /** Memory-bound kernels on 256 Mi floats (1 GiB), bandwidth counting bytes read plus written. */
    static void memory(ComputeDevice dev, double seconds) {
        int n = 1 << 28;
        try (TensorScope s = TensorScope.open()) {
            Tensor a = Tensor.uniform(dev, 1, -1, 1, n);
            Tensor b = Tensor.uniform(dev, 2, -1, 1, n);
            Tensor out = Tensor.empty(dev, n);
            double gb = 4.0 * n / 1e9;
            double copy = time(dev, seconds, () -> dev.kernels().copy(a, out));
            System.out.printf("tessera_copy_gbps: %.0f%n", 2 * gb / (copy / 1e3));
            double relu = time(dev, seconds, () -> dev.kernels().unary(tessera.compute.spi.UnaryOp.RELU, 0, a, out));
            System.out.printf("tessera_relu_gbps: %.0f%n", 2 * gb / (relu / 1e3));
            double add = time(dev, seconds, () -> dev.kernels().binary(tessera.compute.spi.BinaryOp.ADD, a, b, out));
            System.out.printf("tessera_add_gbps: %.0f%n", 3 * gb / (add / 1e3));
            Tensor col = Tensor.uniform(dev, 3, -1, 1, 1 << 14, 1);
            Tensor wide = a.reshape(1 << 14, 1 << 14);
            Tensor o2 = out.reshape(1 << 14, 1 << 14);
            double bcast = time(dev, seconds, () -> dev.kernels().binary(tessera.compute.spi.BinaryOp.MUL, wide,
                    tessera.compute.ops.Shapes.expand(col, 1 << 14, 1 << 14), o2));
            System.out.printf("tessera_broadcast_mul_gbps: %.0f%n", 2 * gb / (bcast / 1e3));
            Tensor sums = Tensor.empty(dev, 1 << 14, 1);
            double sum = time(dev, seconds, () -> dev.kernels().reduce(tessera.compute.spi.ReduceOp.SUM, wide, sums));
            System.out.printf("tessera_row_sum_gbps: %.0f%n", gb / (sum / 1e3));
        }
    }

    static void gemm(ComputeDevice dev, double seconds) {
        int n = 4096;
        try (TensorScope s = TensorScope.open()) {
            // four operand pairs in rotation: 4 × 128 MiB, beyond L2
            Tensor[] a = new Tensor[4];
            Tensor[] b = new Tensor[4];
            for (int i = 0; i < 4; i++) {
                a[i] = Tensor.uniform(dev, 10 + i, -1, 1, n, n);
                b[i] = Tensor.uniform(dev, 20 + i, -1, 1, n, n);
            }
            Tensor c = Tensor.empty(dev, 1, n, n);
            for (MatmulPrecision p : MatmulPrecision.values()) {
                MatmulPrecision old = CudaDevices.setMatmulPrecision(dev, p);
                int[] k = {0};
                double ms = time(dev, seconds, () -> {
                    int i = k[0]++ & 3;
                    dev.kernels().matmul(a[i].reshape(1, n, n), b[i].reshape(1, n, n), c, 0f);
                });
                CudaDevices.setMatmulPrecision(dev, old);
                System.out.printf("tessera_gemm4096_%s_tflops: %.1f%n", p.name().toLowerCase(), 2.0 * n * n * n / (ms / 1e3) / 1e12);
            }
            // a transposed operand and a batched product, as attention and linear layers use them
            double ms = time(dev, seconds, () -> {
                try (TensorScope it = TensorScope.open()) {
                    Linalg.matmul(a[0], tessera.compute.ops.Shapes.transpose(b[0], 0, 1));
                }
            });
            System.out.printf("tessera_gemm4096_fp32_bT_tflops: %.1f%n", 2.0 * n * n * n / (ms / 1e3) / 1e12);
        }
    }

    static void models(ComputeDevice dev, double seconds) {
        for (MatmulPrecision p : new MatmulPrecision[] {MatmulPrecision.FP32, MatmulPrecision.TF32}) {
            MatmulPrecision old = CudaDevices.setMatmulPrecision(dev, p);
            try (TensorScope weights = TensorScope.open()) {
                ModelsBench.Generator g = new ModelsBench.Generator(dev, "dcgan256", 100);
                for (int batch : new int[] {1, 64}) {
                    Tensor z = Tensor.normal(dev, 7, 0, 1, batch, 128, 1, 1);
                    try (TensorScope it = TensorScope.open()) {
                        Tensor y = g.forward(z);
                        float[] v = y.toArray();
                        for (float f : v) {
                            if (!(f > -1 && f < 1)) {
                                throw new AssertionError("dcgan256 output " + f + " is not finite inside (-1, 1)");
                            }
                        }
                    }
                    double ms = time(dev, seconds, () -> {
                        try (TensorScope it = TensorScope.open()) {
                            g.forward(z);
                        }
                    });
                    System.out.printf("tessera_dcgan256_b%d_%s_ms: %.3f%n", batch, p.name().toLowerCase(), ms);
                }
            } finally {
                CudaDevices.setMatmulPrecision(dev, old);
            }
            CudaDevices.setMatmulPrecision(dev, p);
            try (TensorScope weights = TensorScope.open()) {
                Unet64 net = new Unet64(dev, 300);
                for (int batch : new int[] {1, 64}) {
                    Tensor x = Tensor.uniform(dev, 8, -1, 1, batch, 3, 64, 64);
                    int[] t = new int[batch];
                    for (int i = 0; i < batch; i++) {
                        t[i] = (37 * i + 11) % 1000;
                    }
                    try (TensorScope it = TensorScope.open()) {
                        for (float f : net.forward(x, t).toArray()) {
                            if (!Float.isFinite(f)) {
                                throw new AssertionError("unet64 output is not finite");
                            }
                        }
                    }
                    double ms = time(dev, seconds, () -> {
                        try (TensorScope it = TensorScope.open()) {
                            net.forward(x, t);
                        }
                    });
                    System.out.printf("tessera_unet64_b%d_%s_ms: %.3f%n", batch, p.name().toLowerCase(), ms);
                }
            } finally {
                CudaDevices.setMatmulPrecision(dev, old);
            }
        }
    }
}
