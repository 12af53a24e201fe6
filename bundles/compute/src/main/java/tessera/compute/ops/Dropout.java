package tessera.compute.ops;

import static tessera.compute.ops.Ops.require;

import tessera.compute.Autograd;
import tessera.compute.Tensor;
import tessera.compute.spi.BinaryOp;
import tessera.compute.spi.Distribution;
import tessera.compute.spi.UnaryOp;

/** Inverted dropout. */
public final class Dropout {
    private Dropout() {
    }

    /**
     * Zeroes each element with probability p and scales the rest by 1/(1-p) in training; the
     * identity otherwise. The mask comes from {@code seed}, so a step can be replayed exactly.
     *
     * @param p drop probability in [0, 1)
     */
    public static Tensor dropout(Tensor x, float p, long seed, boolean training) {
        require(p >= 0 && p < 1, "dropout probability must be in [0, 1), got " + p);
        if (!training || p == 0f) {
            return x;
        }
        Tensor mask;
        try (Autograd.GradMode off = Autograd.noGrad()) {
            Tensor u = Tensor.empty(x.device(), x.shape());
            x.device().kernels().random(u, Distribution.UNIFORM, seed, 0f, 1f);
            Tensor keep = Tensor.empty(x.device(), x.shape());
            x.device().kernels().binary(BinaryOp.GE, u, Shapes.expand(Tensor.scalar(x.device(), p), x.dims()), keep);
            mask = Tensor.empty(x.device(), x.shape());
            x.device().kernels().unary(UnaryOp.SCALE, 1f / (1f - p), keep, mask);
        }
        return Elementwise.mul(x, mask);
    }
}
