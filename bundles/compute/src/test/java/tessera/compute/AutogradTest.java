package tessera.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tessera.compute.cpu.CpuDevices;
import tessera.compute.ops.Elementwise;
import tessera.compute.ops.Shapes;
import tessera.compute.spi.UnaryOp;
import tessera.compute.testing.GradCheck;
import tessera.compute.testing.GradCheck.Input;
import tessera.compute.testing.Tolerances;

class AutogradTest {
    private final ComputeDevice cpu = CpuDevices.shared();
    private TensorScope scope;

    @BeforeEach
    void open() {
        scope = TensorScope.open();
    }

    @AfterEach
    void close() {
        scope.close();
    }

    @Test
    void aTensorUsedTwiceGetsBothGradients() {
        Tensor x = Tensor.of(cpu, new float[] {2, -3}, 2).requiresGrad(true);
        Tensor y = x.mul(x).add(x).sum();
        y.backward();
        assertThat(x.grad().toArray()).containsExactly(5, -5);
        assertThat(y.gradFn()).isEqualTo("reshape");
    }

    @Test
    void gradReturnsInputGradientsWithoutTouchingParameters() {
        // gradient guidance: d penalty / d image, with frozen weights that still require grad
        Tensor w = Tensor.of(cpu, new float[] {3}, 1).requiresGrad(true);
        Tensor img = Tensor.of(cpu, new float[] {1, 2}, 2).requiresGrad(true);
        Tensor penalty = img.mul(w).square().sum();
        Tensor[] g = Autograd.grad(penalty, img);
        assertThat(g[0].toArray()).containsExactly(18, 36);
        assertThat(w.grad()).isNull();
        assertThat(img.grad()).isNull();
    }

    @Test
    void gradOfAnUnusedTensorIsZero() {
        Tensor a = Tensor.of(cpu, new float[] {1}, 1).requiresGrad(true);
        Tensor b = Tensor.of(cpu, new float[] {1, 1}, 2).requiresGrad(true);
        assertThat(Autograd.grad(a.square().sum(), b)[0].toArray()).containsExactly(0, 0);
    }

    @Test
    void noGradRecordsNothing() {
        Tensor x = Tensor.ones(cpu, 3).requiresGrad(true);
        try (Autograd.GradMode off = Autograd.noGrad()) {
            Tensor y = x.mul(2f);
            assertThat(y.requiresGrad()).isFalse();
            assertThatThrownBy(() -> y.sum().backward()).isInstanceOf(ComputeException.class)
                    .hasMessageContaining("requiresGrad(true)");
        }
        assertThat(Autograd.isRecording()).isTrue();
    }

    @Test
    void onlyLeavesTakeRequiresGradAndLossesMustBeScalars() {
        Tensor x = Tensor.ones(cpu, 3).requiresGrad(true);
        Tensor y = x.mul(2f);
        assertThatThrownBy(() -> y.requiresGrad(false)).hasMessageContaining("leaf");
        assertThatThrownBy(y::backward).hasMessageContaining("one-element");
        assertThat(y.detach().requiresGrad()).isFalse();
    }

    @Test
    void customOpsRecordTheirOwnBackward() {
        // a user-defined differentiable op: y = x^3 with its derivative
        Tensor x = Tensor.of(cpu, new float[] {1, 2}, 2).requiresGrad(true);
        Tensor y = Autograd.record("cube", Elementwise.pow(x.detach(), 3f),
                (g, need) -> new Tensor[] {g.mul(x.square()).mul(3f)}, x);
        y.sum().backward();
        assertThat(x.grad().toArray()).containsExactly(3, 12);
    }

    @Test
    void gradCheckCatchesAWrongBackward() {
        Random r = new Random(1);
        assertThatThrownBy(() -> GradCheck.check("wrong", cpu, 1, t -> Autograd.record("wrong",
                Elementwise.unary(UnaryOp.SQUARE, 0, t[0].detach()), (g, n) -> new Tensor[] {g}, t[0]),
                Input.uniform(r, 1, 2, 3))).isInstanceOf(AssertionError.class).hasMessageContaining("gradient");
        GradCheck.check("right", cpu, 1, t -> t[0].square(), Input.uniform(r, 1, 2, 3));
    }

    @Test
    void nanNeverPasses() {
        assertThatThrownBy(() -> Tolerances.assertAllClose("nan", new float[] {Float.NaN}, new double[] {0}, 1, 1))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void backwardThroughViewsAndLongChains() {
        Tensor x = Tensor.of(cpu, new float[] {1, 2, 3, 4, 5, 6}, 2, 3).requiresGrad(true);
        Tensor y = x;
        for (int i = 0; i < 2000; i++) {
            y = y.add(0f);
        }
        Shapes.slice(Shapes.transpose(y, 0, 1), 0, 1, 3).sum().backward();
        assertThat(x.grad().toArray()).containsExactly(0, 1, 1, 0, 1, 1);
    }
}
