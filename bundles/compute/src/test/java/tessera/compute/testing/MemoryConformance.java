package tessera.compute.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import tessera.compute.ComputeException;
import tessera.compute.Tensor;
import tessera.compute.TensorScope;
import tessera.compute.ops.Shapes;
import tessera.compute.spi.CounterRng;

/** Memory, transfers, views, scopes and random fills. */
public abstract class MemoryConformance extends ConformanceBase {

    @Test
    void roundTripsValuesAndScalars() {
        float[] v = uniform(24, -3, 3);
        Tensor t = tensor(v, 2, 3, 4);
        assertThat(t.toArray()).containsExactly(v);
        assertThat(t.device()).isSameAs(device());
        assertThat(Tensor.scalar(device(), 2.5f).item()).isEqualTo(2.5f);
        assertThat(Tensor.full(device(), 7f, 3, 5).toArray()).containsOnly(7f);
        assertThat(Tensor.zeros(device(), 0, 4).numel()).isZero();
    }

    @Test
    void poisonedAllocationsReadNaN() {
        assertThat(Tensor.empty(device(), 4, 4).toArray()).containsOnly(Float.NaN);
    }

    @Test
    void viewsShareMemoryAndCopyOutInOrder() {
        float[] v = uniform(2 * 3 * 4, -1, 1);
        Tensor t = tensor(v, 2, 3, 4);
        Tensor p = Shapes.permute(t, 2, 0, 1);
        assertThat(p.sharesMemoryWith(t)).isTrue();
        assertThat(p.isContiguous()).isFalse();
        float[] out = p.toArray();
        for (int k = 0; k < 4; k++) {
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 3; j++) {
                    assertThat(out[(k * 2 + i) * 3 + j]).isEqualTo(v[(i * 3 + j) * 4 + k]);
                }
            }
        }
        Tensor s = Shapes.slice(t, 2, 1, 3);
        assertThat(s.toArray()[0]).isEqualTo(v[1]);
        Tensor e = Shapes.expand(Shapes.slice(t, 0, 1, 2), 5, 3, 4);
        assertThat(e.stride(0)).isZero();
        assertThat(e.toArray()[3 * 4 * 4 + 5]).isEqualTo(v[12 + 5]);
    }

    @Test
    void copyBetweenStridedViews() {
        Tensor src = tensor(uniform(6 * 5, -1, 1), 6, 5);
        Tensor dst = Tensor.zeros(device(), 5, 6);
        device().kernels().copy(Shapes.transpose(src, 0, 1), dst);
        float[] s = src.toArray();
        float[] d = dst.toArray();
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 5; j++) {
                assertThat(d[j * 6 + i]).isEqualTo(s[i * 5 + j]);
            }
        }
    }

    @Test
    void closingAScopeFreesItsTensorsAndSaysSoOnUse() {
        Tensor kept;
        Tensor lost;
        try (TensorScope inner = TensorScope.open()) {
            lost = Tensor.ones(device(), 3);
            kept = Tensor.ones(device(), 3).moveTo(scope);
        }
        assertThat(lost.isClosed()).isTrue();
        assertThat(kept.toArray()).containsOnly(1f);
        assertThatThrownBy(lost::toArray).isInstanceOf(ComputeException.class).hasMessageContaining("freed");
    }

    @Test
    void detachedScopesOutliveTheirThreadScope() {
        TensorScope weights = TensorScope.detached("weights");
        Tensor w;
        try (TensorScope.Entered in = weights.enter()) {
            w = Tensor.full(device(), 3f, 2, 2);
        }
        assertThat(TensorScope.current()).isSameAs(scope);
        assertThat(w.scope()).isSameAs(weights);
        assertThat(w.toArray()).containsOnly(3f);
        weights.close();
        assertThat(w.isClosed()).isTrue();
    }

    @Test
    void noScopeGivesAnInstructiveError() throws Exception {
        Thread t = new Thread(() -> assertThatThrownBy(() -> Tensor.zeros(device(), 2))
                .isInstanceOf(ComputeException.class).hasMessageContaining("TensorScope.open()"));
        t.start();
        t.join();
    }

    @Test
    void randomFillsAreTheCounterRngOnEveryDevice() {
        long s = rnd.nextLong();
        float[] u = Tensor.uniform(device(), s, -2f, 3f, 1000).toArray();
        float[] n = Tensor.normal(device(), s, 1f, 2f, 4000).toArray();
        double mean = 0;
        double sq = 0;
        for (int i = 0; i < u.length; i++) {
            assertThat(u[i]).isCloseTo(-2f + 5f * CounterRng.uniform(s, i), org.assertj.core.data.Offset.offset(1e-5f));
        }
        for (int i = 0; i < n.length; i++) {
            assertThat(n[i]).isCloseTo(1f + 2f * CounterRng.normal(s, i), org.assertj.core.data.Offset.offset(1e-4f));
            mean += n[i];
            sq += (n[i] - 1) * (n[i] - 1);
        }
        assertThat(mean / n.length).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.15));
        assertThat(Math.sqrt(sq / n.length)).isCloseTo(2.0, org.assertj.core.data.Offset.offset(0.15));
        assertThat(Tensor.uniform(device(), s, 0, 1, 10).toArray()).containsExactly(
                Tensor.uniform(device(), s, 0, 1, 10).toArray());
    }
}
