package tessera.compute.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tessera.compute.ComputeDevice;
import tessera.compute.ComputeException;
import tessera.compute.Conv2dSpec;
import tessera.compute.PaddingMode;
import tessera.compute.Tensor;
import tessera.compute.TensorScope;
import tessera.compute.cpu.CpuDevices;
import tessera.compute.ops.Convolution;
import tessera.compute.ops.Linalg;
import tessera.compute.testing.Reference;
import tessera.compute.testing.Tolerances;

/**
 * #5: what only a GPU shows: tensor-core precisions within their stated error against a float64
 * reference, the same random numbers as the CPU for a seed, clear errors for misuse and for memory
 * exhaustion, and a tileable (circular) convolution that matches the CPU device.
 */
class GpuDeviceTest {
    private static ComputeDevice gpu;

    @BeforeAll
    static void needsGpu() {
        GpuTests.assumeGpu();
        gpu = GpuTests.device();
    }

    private static float[] uniform(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextFloat() * 2 - 1;
        }
        return v;
    }

    private static double matmulError(MatmulPrecision precision, int m, int k, int n, long seed) {
        Random r = new Random(seed);
        float[] a = uniform(r, m * k);
        float[] b = uniform(r, k * n);
        MatmulPrecision old = CudaDevices.setMatmulPrecision(gpu, precision);
        try (TensorScope s = TensorScope.open()) {
            float[] c = Linalg.matmul(Tensor.of(gpu, a, m, k), Tensor.of(gpu, b, k, n)).toArray();
            for (float v : c) {
                assertThat(v).as("every output written, none NaN").isNotNaN();
            }
            return Tolerances.relativeError(c, Reference.matmul(a, b, m, k, n));
        } finally {
            CudaDevices.setMatmulPrecision(gpu, old);
        }
    }

    @Test
    void matmulPrecisionsStayWithinTheirStatedError() {
        long seed = System.nanoTime();
        // the last size spans many tiles in both directions with ragged edges
        int[][] sizes = {{1024, 1024, 1024}, {333, 517, 129}, {2048, 300, 2304}};
        for (int[] s : sizes) {
            double fp32 = matmulError(MatmulPrecision.FP32, s[0], s[1], s[2], seed);
            double tf32 = matmulError(MatmulPrecision.TF32, s[0], s[1], s[2], seed);
            double bf16 = matmulError(MatmulPrecision.BF16, s[0], s[1], s[2], seed);
            System.out.printf("matmul %dx%dx%d relative error: fp32 %.2e, tf32 %.2e, bf16 %.2e [seed %d]%n", s[0], s[1],
                    s[2], fp32, tf32, bf16, seed);
            assertThat(fp32).as("fp32 [seed " + seed + "]").isLessThan(1e-6);
            assertThat(tf32).as("tf32 [seed " + seed + "]").isLessThan(1e-3).isGreaterThan(fp32);
            assertThat(bf16).as("bf16 [seed " + seed + "]").isLessThan(1.5e-2).isGreaterThan(tf32);
        }
    }

    @Test
    void tensorCoreProductsOfTransposedBatchedAndSharedOperands() {
        Random r = new Random();
        int b = 3, m = 70, k = 45, n = 130;
        float[] a = uniform(r, b * k * m);
        float[] w = uniform(r, n * k);
        for (MatmulPrecision p : new MatmulPrecision[] {MatmulPrecision.TF32, MatmulPrecision.BF16}) {
            MatmulPrecision old = CudaDevices.setMatmulPrecision(gpu, p);
            try (TensorScope s = TensorScope.open()) {
                // a stored [b, k, m] and used transposed; w stored [n, k], shared by every batch, used transposed
                Tensor at = tessera.compute.ops.Shapes.transpose(Tensor.of(gpu, a, b, k, m), 1, 2);
                Tensor wt = tessera.compute.ops.Shapes.transpose(Tensor.of(gpu, w, n, k), 0, 1);
                float[] y = Linalg.matmul(at, wt).toArray();
                for (int i = 0; i < b; i++) {
                    float[] ai = new float[m * k];
                    for (int x = 0; x < m; x++) {
                        for (int z = 0; z < k; z++) {
                            ai[x * k + z] = a[i * k * m + z * m + x];
                        }
                    }
                    float[] wi = new float[k * n];
                    for (int z = 0; z < k; z++) {
                        for (int x = 0; x < n; x++) {
                            wi[z * n + x] = w[x * k + z];
                        }
                    }
                    double err = Tolerances.relativeError(java.util.Arrays.copyOfRange(y, i * m * n, (i + 1) * m * n),
                            Reference.matmul(ai, wi, m, k, n));
                    assertThat(err).as(p + " batch " + i).isLessThan(p == MatmulPrecision.TF32 ? 1e-3 : 1.5e-2);
                }
            } finally {
                CudaDevices.setMatmulPrecision(gpu, old);
            }
        }
    }

    @Test
    void aSeedGivesTheCpusRandomNumbers() {
        try (TensorScope s = TensorScope.open()) {
            float[] g = Tensor.uniform(gpu, 42, -1, 1, 1000).toArray();
            float[] c = Tensor.uniform(CpuDevices.shared(), 42, -1, 1, 1000).toArray();
            assertThat(g).containsExactly(c);
            float[] gn = Tensor.normal(gpu, 7, 0, 1, 1000).toArray();
            float[] cn = Tensor.normal(CpuDevices.shared(), 7, 0, 1, 1000).toArray();
            Tolerances.assertAllClose("normal", gn, cn, 1e-6, 1e-6);
        }
    }

    @Test
    void circularConvolutionMatchesTheCpu() {
        Random r = new Random();
        Conv2dSpec spec = Conv2dSpec.of(1, 1).withPadding(1, 1, PaddingMode.CIRCULAR);
        float[] x = uniform(r, 2 * 8 * 20 * 20);
        float[] w = uniform(r, 16 * 8 * 3 * 3);
        try (TensorScope s = TensorScope.open()) {
            float[] g = Convolution.conv2d(Tensor.of(gpu, x, 2, 8, 20, 20), Tensor.of(gpu, w, 16, 8, 3, 3), null, spec)
                    .toArray();
            float[] c = Convolution.conv2d(Tensor.of(CpuDevices.shared(), x, 2, 8, 20, 20),
                    Tensor.of(CpuDevices.shared(), w, 16, 8, 3, 3), null, spec).toArray();
            Tolerances.assertAllClose("circular conv", g, c, Tolerances.DOT_ATOL, Tolerances.DOT_RTOL);
        }
    }

    @Test
    void misuseAndExhaustionGiveClearErrors() {
        try (TensorScope s = TensorScope.open()) {
            Tensor onCpu = Tensor.ones(CpuDevices.shared(), 4, 4);
            Tensor onGpu = Tensor.ones(gpu, 4, 4);
            assertThatThrownBy(() -> gpu.kernels().matmul(onCpu.reshape(1, 4, 4), onGpu.reshape(1, 4, 4),
                    Tensor.empty(gpu, 1, 4, 4), 0f)).isInstanceOf(ComputeException.class).hasMessageContaining("cpu")
                    .hasMessageContaining("move it");
        }
        // more than any GPU has: the message gives the sizes
        assertThatThrownBy(() -> {
            try (TensorScope s = TensorScope.open()) {
                for (int i = 0; i < 1000; i++) {
                    Tensor.empty(gpu, Integer.MAX_VALUE - 64);
                }
            }
        }).isInstanceOf(ComputeException.class).hasMessageContaining("out of GPU memory").hasMessageContaining("MiB free");
    }
}
