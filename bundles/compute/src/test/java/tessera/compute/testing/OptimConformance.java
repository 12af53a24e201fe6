package tessera.compute.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import tessera.compute.Autograd;
import tessera.compute.Tensor;
import tessera.compute.optim.Adam;
import tessera.compute.optim.Ema;
import tessera.compute.optim.GradClip;

/** Optimizer steps, clipping and EMA on the device, against float64 formulas. */
public abstract class OptimConformance extends ConformanceBase {

    private Tensor param(float[] v) {
        return tensor(v, v.length).requiresGrad(true);
    }

    private static void setGrad(Tensor p, float[] g) {
        Tensor gt = Tensor.of(p.device(), g, p.dims());
        Autograd.backward(p.mul(gt).sum());
    }

    @Test
    void adamAndAdamWFollowPyTorch() {
        for (boolean decoupled : new boolean[] {false, true}) {
            int n = 37;
            float[] w0 = uniform(n, -1, 1);
            Tensor p = param(w0.clone());
            float lr = 0.01f, b1 = 0.9f, b2 = 0.99f, eps = 1e-8f, wd = 0.1f;
            Adam opt = decoupled ? Adam.adamW(List.of(p), lr, b1, b2, eps, wd) : Adam.adam(List.of(p), lr, b1, b2, eps, wd);
            double[] w = Reference.d(w0);
            double[] m = new double[n];
            double[] v = new double[n];
            for (int t = 1; t <= 3; t++) {
                float[] g = uniform(n, -1, 1);
                opt.zeroGrad();
                setGrad(p, g);
                opt.step();
                for (int i = 0; i < n; i++) {
                    double gi = g[i];
                    if (decoupled) {
                        w[i] -= lr * wd * w[i];
                    } else {
                        gi += wd * w[i];
                    }
                    m[i] = b1 * m[i] + (1 - b1) * gi;
                    v[i] = b2 * v[i] + (1 - b2) * gi * gi;
                    double mh = m[i] / (1 - Math.pow(b1, t));
                    double vh = v[i] / (1 - Math.pow(b2, t));
                    w[i] -= lr * mh / (Math.sqrt(vh) + eps);
                }
            }
            assertClose((decoupled ? "AdamW" : "Adam") + " after 3 steps", p, w);
        }
    }

    @Test
    void gradientsAccumulateAcrossBackwardCallsUntilCleared() {
        Tensor p = param(new float[] {1, 2});
        setGrad(p, new float[] {1, 1});
        setGrad(p, new float[] {2, 3});
        assertThat(p.grad().toArray()).containsExactly(3, 4);
        p.clearGrad();
        assertThat(p.grad()).isNull();
    }

    @Test
    void clipNormScalesAllGradientsTogether() {
        Tensor a = param(new float[] {0, 0});
        Tensor b = param(new float[] {0});
        setGrad(a, new float[] {3, 0});
        setGrad(b, new float[] {4});
        double norm = GradClip.clipNorm(List.of(a, b), 1.0);
        assertThat(norm).isCloseTo(5.0, Offset.offset(1e-6));
        assertThat(a.grad().toArray()[0]).isCloseTo(0.6f, Offset.offset(1e-5f));
        assertThat(b.grad().toArray()[0]).isCloseTo(0.8f, Offset.offset(1e-5f));
        GradClip.clipValue(List.of(a, b), 0.7f);
        assertThat(b.grad().toArray()[0]).isCloseTo(0.7f, Offset.offset(1e-6f));
    }

    @Test
    void emaFollowsTheWeights() {
        Tensor p = param(new float[] {1, 2});
        Ema ema = new Ema(List.of(p), 0.9f, scope);
        device().kernels().fill(p, 0f);
        ema.update();
        assertThat(ema.shadows().get(0).toArray()).containsExactly(0.9f, 1.8f);
        ema.copyToParameters();
        assertThat(p.toArray()).containsExactly(0.9f, 1.8f);
    }
}
