package tessera.compute.optim;

import java.util.ArrayList;
import java.util.List;
import tessera.compute.Tensor;
import tessera.compute.TensorScope;

/**
 * Exponential moving average of weights ({@code shadow = decay·shadow + (1-decay)·param}), as
 * GAN and diffusion trainers keep for sampling. Shadows start as copies of the parameters.
 */
public final class Ema {
    private final List<Tensor> params;
    private final List<Tensor> shadows = new ArrayList<>();
    private final float decay;

    /**
     * @param scope where the shadows live (often the parameters' scope)
     * @param decay in [0, 1), e.g. 0.999
     */
    public Ema(List<Tensor> params, float decay, TensorScope scope) {
        if (decay < 0 || decay >= 1) {
            throw new IllegalArgumentException("EMA decay must be in [0, 1), got " + decay);
        }
        this.params = List.copyOf(params);
        this.decay = decay;
        for (Tensor p : this.params) {
            Tensor s = scope.allocate(p.device(), p.shape());
            p.device().kernels().copy(p, s);
            shadows.add(s);
        }
    }

    /** Moves every shadow towards its parameter; call after each optimizer step. */
    public void update() {
        for (int i = 0; i < params.size(); i++) {
            Tensor p = params.get(i);
            p.device().kernels().axpby(1 - decay, p, decay, shadows.get(i));
        }
    }

    /** Copies the averaged weights into the parameters (for sampling or export). */
    public void copyToParameters() {
        for (int i = 0; i < params.size(); i++) {
            params.get(i).device().kernels().copy(shadows.get(i), params.get(i));
        }
    }

    /** The averaged weights, in parameter order. */
    public List<Tensor> shadows() {
        return List.copyOf(shadows);
    }
}
