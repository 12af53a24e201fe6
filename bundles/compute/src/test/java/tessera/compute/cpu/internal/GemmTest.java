package tessera.compute.cpu.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tessera.compute.testing.Reference;
import tessera.compute.testing.Tolerances;

/** The blocked GEMM directly: both micro-kernels, both split directions, accumulate and overwrite. */
class GemmTest {
    private static final Parallel TWO = new Parallel(2);
    private final Random rnd = new Random(11);

    @AfterAll
    static void close() {
        TWO.close();
    }

    private float[] uniform(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextFloat() * 2 - 1;
        }
        return v;
    }

    private void check(MicroKernel k, int m, int n, int kk, boolean accumulate) {
        Gemm gemm = new Gemm(k, TWO);
        float[] a = uniform(m * kk);
        float[] b = uniform(kk * n);
        float[] c0 = uniform(m * n);
        float[] c = c0.clone();
        if (!accumulate) {
            Arrays.fill(c, Float.NaN);
        }
        gemm.multiply(m, n, kk, new DenseMatrix(a, 0, kk, 1), new DenseMatrix(b, 0, n, 1), c, 0, n, accumulate);
        double[] ref = Reference.matmul(a, b, m, kk, n);
        if (accumulate) {
            for (int i = 0; i < ref.length; i++) {
                ref[i] += c0[i];
            }
        }
        Tolerances.assertAllClose(k.name() + " " + m + "x" + kk + "x" + n, c, ref, Tolerances.DOT_ATOL,
                Tolerances.DOT_RTOL);
    }

    @Test
    void bothKernelsBothSplitsBothModes() {
        MicroKernel vector = CpuKernelChoice.choose("auto").kernel();
        for (MicroKernel k : new MicroKernel[] {new ScalarMicroKernel(), vector}) {
            check(k, 300, 70, 260, false);
            check(k, 70, 300, 260, true);
            check(k, 129, 3100, 9, false);
            check(k, 5, 7, 0, false);
        }
    }

    @Test
    void theVectorKernelIsChosenWhenTheModuleIsPresent() {
        CpuKernelChoice c = CpuKernelChoice.choose("auto");
        assertThat(ModuleLayer.boot().findModule("jdk.incubator.vector")).isPresent();
        assertThat(c.kernel().name()).startsWith("vector-");
        assertThat(CpuKernelChoice.choose("scalar").kernel()).isInstanceOf(ScalarMicroKernel.class);
    }

    @Test
    void parallelRunsEveryTaskOnceAndNestsInline() {
        int[] hits = new int[50];
        TWO.forEach(50, i -> TWO.forEach(3, j -> {
            synchronized (hits) {
                hits[i]++;
            }
        }));
        assertThat(hits).containsOnly(3);
    }
}
