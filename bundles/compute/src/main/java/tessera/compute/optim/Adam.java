package tessera.compute.optim;

import java.util.ArrayList;
import java.util.List;
import tessera.compute.ComputeException;
import tessera.compute.Tensor;
import tessera.compute.spi.AdamStep;

/**
 * Adam and AdamW (decoupled weight decay), as PyTorch defines them. The moment estimates are
 * allocated in each parameter's scope, zeroed, on first use.
 */
public final class Adam implements Optimizer {
    private final List<Tensor> params;
    private final List<Tensor> m = new ArrayList<>();
    private final List<Tensor> v = new ArrayList<>();
    private final float beta1;
    private final float beta2;
    private final float eps;
    private final float weightDecay;
    private final boolean decoupled;
    private float lr;
    private long step;

    private Adam(List<Tensor> params, float lr, float beta1, float beta2, float eps, float weightDecay,
            boolean decoupled) {
        if (!(lr > 0) || beta1 < 0 || beta1 >= 1 || beta2 < 0 || beta2 >= 1 || !(eps > 0) || weightDecay < 0) {
            throw new IllegalArgumentException("Adam: lr " + lr + " must be > 0, betas in [0, 1), eps > 0 and "
                    + "weight decay >= 0 (got betas " + beta1 + ", " + beta2 + ", eps " + eps + ", decay "
                    + weightDecay + ")");
        }
        this.params = List.copyOf(params);
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.decoupled = decoupled;
        for (Tensor p : this.params) {
            if (!p.isContiguous() || !p.isLeaf()) {
                throw new ComputeException("Adam needs contiguous leaf parameters; " + p + " is not");
            }
            Tensor mi = p.scope().allocate(p.device(), p.shape());
            Tensor vi = p.scope().allocate(p.device(), p.shape());
            p.device().kernels().fill(mi, 0f);
            p.device().kernels().fill(vi, 0f);
            m.add(mi);
            v.add(vi);
        }
    }

    /** Adam with L2 weight decay added to the gradient (PyTorch {@code Adam}). */
    public static Adam adam(List<Tensor> params, float lr, float beta1, float beta2, float eps, float weightDecay) {
        return new Adam(params, lr, beta1, beta2, eps, weightDecay, false);
    }

    /** AdamW: decay applied to the weights directly (PyTorch {@code AdamW}; default decay 0.01). */
    public static Adam adamW(List<Tensor> params, float lr, float beta1, float beta2, float eps, float weightDecay) {
        return new Adam(params, lr, beta1, beta2, eps, weightDecay, true);
    }

    /** AdamW with PyTorch's defaults: betas 0.9, 0.999, eps 1e-8, decay 0.01. */
    public static Adam adamW(List<Tensor> params, float lr) {
        return adamW(params, lr, 0.9f, 0.999f, 1e-8f, 0.01f);
    }

    @Override
    public void step() {
        step++;
        AdamStep h = new AdamStep(lr, beta1, beta2, eps, weightDecay, decoupled, step);
        for (int i = 0; i < params.size(); i++) {
            Tensor p = params.get(i);
            Tensor g = p.grad();
            if (g == null) {
                continue;
            }
            p.device().kernels().adamStep(p, g, m.get(i), v.get(i), h);
        }
    }

    /** @param lr new learning rate, &gt; 0 (schedules call this between steps) */
    public void learningRate(float lr) {
        if (!(lr > 0)) {
            throw new IllegalArgumentException("learning rate must be > 0, got " + lr);
        }
        this.lr = lr;
    }

    public float learningRate() {
        return lr;
    }

    /** Steps taken so far. */
    public long steps() {
        return step;
    }

    @Override
    public List<Tensor> parameters() {
        return params;
    }
}
