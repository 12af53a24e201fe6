package tessera.compute.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tessera.compute.Tensor;
import tessera.compute.ops.Linalg;
import tessera.compute.ops.Shapes;
import tessera.compute.testing.GradCheck.Input;

/** Matrix products: sizes around tile and block edges, transposed and batched operands. */
public abstract class LinalgConformance extends ConformanceBase {
    /** Sizes that straddle 4×16 register tiles and 256-deep K blocks. */
    static final int[] EDGES = {1, 3, 4, 5, 15, 16, 17, 33, 64, 257};

    private void check(int m, int k, int n, boolean ta, boolean tb) {
        float[] a = uniform(m * k, -1, 1);
        float[] b = uniform(k * n, -1, 1);
        Tensor at = ta ? Shapes.transpose(Shapes.contiguous(Shapes.transpose(tensor(a, m, k), 0, 1)), 0, 1)
                : tensor(a, m, k);
        Tensor bt = tb ? Shapes.transpose(Shapes.contiguous(Shapes.transpose(tensor(b, k, n), 0, 1)), 0, 1)
                : tensor(b, k, n);
        assertDotClose("matmul " + m + "x" + k + "x" + n + (ta ? " aT" : "") + (tb ? " bT" : ""),
                Linalg.matmul(at, bt), Reference.matmul(a, b, m, k, n));
    }

    @Test
    void matmulAtTileEdges() {
        for (int m : EDGES) {
            int k = EDGES[rnd.nextInt(EDGES.length)];
            int n = EDGES[rnd.nextInt(EDGES.length)];
            check(m, k, n, false, false);
        }
    }

    @Test
    void matmulOfTransposedViews() {
        for (int i = 0; i < 4; i++) {
            check(between(1, 70), between(1, 300), between(1, 70), rnd.nextBoolean(), true);
            check(between(1, 70), between(1, 70), between(1, 70), true, rnd.nextBoolean());
        }
    }

    @Test
    void largeMatmulUsesEveryThread() {
        check(between(190, 260), between(250, 520), between(190, 300), false, false);
    }

    @Test
    void fewRowsReadTheRightOperandInPlace() {
        // #4: up to 32 rows the device may read a row-major right operand where it lies: cover threaded products,
        // a partial last column strip and a depth over one K block
        check(between(1, 32), between(1030, 1500), between(400, 1000) | 1, false, false);
        check(between(1, 8), between(2, 64), between(3000, 5000) | 1, false, false);
    }

    @Test
    void batchedMatmulAndSharedWeights() {
        int b = between(1, 4), m = between(1, 20), k = between(1, 30), n = between(1, 20);
        float[] a = uniform(b * m * k, -1, 1);
        float[] w = uniform(b * k * n, -1, 1);
        Tensor y = Linalg.matmul(tensor(a, b, m, k), tensor(w, b, k, n));
        assertThat(y.dims()).containsExactly(b, m, n);
        float[] yv = y.toArray();
        for (int i = 0; i < b; i++) {
            double[] ref = Reference.matmul(java.util.Arrays.copyOfRange(a, i * m * k, (i + 1) * m * k),
                    java.util.Arrays.copyOfRange(w, i * k * n, (i + 1) * k * n), m, k, n);
            Tolerances.assertAllClose(at("batch " + i), java.util.Arrays.copyOfRange(yv, i * m * n, (i + 1) * m * n),
                    ref, Tolerances.DOT_ATOL, Tolerances.DOT_RTOL);
        }
        float[] shared = uniform(k * n, -1, 1);
        Tensor z = Linalg.matmul(tensor(a, b, m, k), tensor(shared, k, n));
        assertDotClose("shared weight", z, Reference.matmul(a, shared, b * m, k, n));
    }

    @Test
    void matmulGradients() {
        int m = between(1, 6), k = between(1, 7), n = between(1, 6);
        GradCheck.check("matmul", device(), seed, t -> Linalg.matmul(t[0], t[1]),
                Input.uniform(rnd, -1, 1, m, k), Input.uniform(rnd, -1, 1, k, n));
        GradCheck.check("bmm", device(), seed, t -> Linalg.matmul(t[0], t[1]),
                Input.uniform(rnd, -1, 1, 2, m, k), Input.uniform(rnd, -1, 1, 2, k, n));
        GradCheck.check("4-d batched", device(), seed, t -> Linalg.matmul(t[0], t[1]),
                Input.uniform(rnd, -1, 1, 2, 2, m, k), Input.uniform(rnd, -1, 1, 2, 2, k, n));
        GradCheck.check("linear", device(), seed, t -> Linalg.linear(t[0], t[1], t[2]),
                Input.uniform(rnd, -1, 1, 3, m, k), Input.uniform(rnd, -1, 1, n, k), Input.uniform(rnd, -1, 1, n));
    }
}
