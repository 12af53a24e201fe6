package tessera.compute.optim;

import java.util.List;
import tessera.compute.Autograd;
import tessera.compute.Tensor;
import tessera.compute.TensorScope;
import tessera.compute.ops.Elementwise;
import tessera.compute.ops.Reductions;
import tessera.compute.spi.UnaryOp;

/** Gradient clipping. */
public final class GradClip {
    private GradClip() {
    }

    /**
     * Scales all gradients together so their global L2 norm is at most {@code maxNorm}
     * (PyTorch {@code clip_grad_norm_}).
     *
     * @return the norm before clipping
     */
    public static double clipNorm(List<Tensor> params, double maxNorm) {
        double sq = 0;
        try (Autograd.GradMode off = Autograd.noGrad(); TensorScope tmp = TensorScope.open()) {
            for (Tensor p : params) {
                if (p.grad() != null) {
                    sq += Reductions.sum(Elementwise.square(p.grad())).item();
                }
            }
        }
        double norm = Math.sqrt(sq);
        if (norm > maxNorm) {
            float scale = (float) (maxNorm / (norm + 1e-6));
            for (Tensor p : params) {
                Tensor g = p.grad();
                if (g != null) {
                    g.device().kernels().unary(UnaryOp.SCALE, scale, g, g);
                }
            }
        }
        return norm;
    }

    /** Clamps every gradient element into [-limit, limit]. */
    public static void clipValue(List<Tensor> params, float limit) {
        try (Autograd.GradMode off = Autograd.noGrad(); TensorScope tmp = TensorScope.open()) {
            for (Tensor p : params) {
                Tensor g = p.grad();
                if (g != null) {
                    Tensor hi = Tensor.scalar(g.device(), limit);
                    Tensor lo = Tensor.scalar(g.device(), -limit);
                    Tensor c = Elementwise.maximum(Elementwise.minimum(g, hi), lo);
                    g.device().kernels().copy(c, g);
                }
            }
        }
    }
}
