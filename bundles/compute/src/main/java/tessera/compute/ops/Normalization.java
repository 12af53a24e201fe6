package tessera.compute.ops;

import static tessera.compute.ops.Ops.contig;
import static tessera.compute.ops.Ops.require;

import tessera.compute.Autograd;
import tessera.compute.ComputeDevice;
import tessera.compute.Tensor;
import tessera.compute.spi.UnaryOp;

/** Batch, group and layer normalization, softmax and log-softmax. */
public final class Normalization {
    private Normalization() {
    }

    /**
     * Standardizes x seen as [a, b, c] per index b over a and c (the shared kernel of all three
     * norms); returns x's shape.
     */
    static Tensor standardize(Tensor x, int a, int b, int c, float eps) {
        return standardizeWithStats(x, a, b, c, eps).xhat();
    }

    /** Standardized values and the statistics they came from (mean and 1/std, each [b]). */
    private record Standardized(Tensor xhat, Tensor mean, Tensor rstd) {
    }

    private static Standardized standardizeWithStats(Tensor x, int a, int b, int c, float eps) {
        ComputeDevice d = Ops.device("normalize", x);
        Tensor xc = contig(x);
        Tensor xhat = Ops.out(d, x.shape());
        Tensor mean = Ops.out(d, b);
        Tensor rstd = Ops.out(d, b);
        d.kernels().normalize(xc, a, b, c, eps, xhat, mean, rstd);
        Autograd.record("normalize", xhat, (g, need) -> {
            Tensor gx = Ops.out(d, x.shape());
            d.kernels().normalizeBackward(xhat, rstd, contig(g), a, b, c, gx);
            return new Tensor[] {gx};
        }, x);
        return new Standardized(xhat, mean, rstd);
    }

    /**
     * Batch normalization over N (and H, W) per channel, as PyTorch's {@code BatchNorm2d} (or
     * {@code BatchNorm1d} for [N, C]). In training the batch statistics are used and, when given,
     * the running estimates are updated in place (momentum, unbiased variance); in evaluation the
     * running estimates are used.
     *
     * @param gamma, beta {@code [C]} or null
     * @param runningMean, runningVar {@code [C]}, required for evaluation
     * @param momentum weight of the new batch in the running estimates, e.g. 0.1
     */
    public static Tensor batchNorm(Tensor x, Tensor gamma, Tensor beta, Tensor runningMean, Tensor runningVar,
            boolean training, float momentum, float eps) {
        return batchNorm(x, gamma, beta, runningMean, runningVar, training, momentum, eps, null);
    }

    /**
     * {@code relu(batchNorm(x, …))}; in evaluation one pass over x (the DCGAN generator's block), in
     * training the two ops.
     */
    public static Tensor batchNormRelu(Tensor x, Tensor gamma, Tensor beta, Tensor runningMean, Tensor runningVar,
            boolean training, float momentum, float eps) {
        return batchNorm(x, gamma, beta, runningMean, runningVar, training, momentum, eps, UnaryOp.RELU);
    }

    private static Tensor batchNorm(Tensor x, Tensor gamma, Tensor beta, Tensor runningMean, Tensor runningVar,
            boolean training, float momentum, float eps, UnaryOp activation) {
        require(x.rank() == 2 || x.rank() == 4, "batchNorm needs [N, C] or [N, C, H, W], got " + x.shape());
        int n = x.dim(0);
        int ch = x.dim(1);
        int hw = x.rank() == 4 ? x.dim(2) * x.dim(3) : 1;
        Tensor xhat;
        if (training) {
            Standardized s = standardizeWithStats(x, n, ch, hw, eps);
            xhat = s.xhat();
            if (runningMean != null && runningVar != null) {
                updateRunning(s, runningMean, runningVar, momentum, eps, (double) n * hw);
            }
            Tensor y = affine(xhat, gamma, beta, x.rank());
            return activation == UnaryOp.RELU ? Elementwise.relu(y) : y;
        }
        require(runningMean != null && runningVar != null, "batchNorm in evaluation needs running estimates");
        // Evaluation folds the statistics and the affine into one scale and shift per channel, so the
        // image is read and written twice instead of four times (#5: BN was a fifth of dcgan256's time
        // on a GPU); gradients still reach x, gamma and beta through the small [C] ops.
        Tensor inv = Elementwise.rsqrt(Elementwise.add(runningVar.detach(), eps));
        Tensor scale = gamma == null ? inv : Elementwise.mul(gamma, inv);
        Tensor shift = Elementwise.neg(Elementwise.mul(runningMean.detach(), scale));
        if (beta != null) {
            shift = Elementwise.add(shift, beta);
        }
        return channelAffine(x, scale, shift, activation);
    }

    /** The gradient {@code gy·act'(z)} of a fused activation, from its recomputed pre-activation z. */
    private static Tensor throughActivation(ComputeDevice d, UnaryOp activation, Tensor z, Tensor gy) {
        Tensor gz = Ops.out(d, z.shape());
        d.kernels().unaryBackward(activation, 0f, contig(z), null, gy, gz);
        return gz;
    }

    /**
     * {@code act(x·scale_c + shift_c)} as one kernel; gradients reach x, and scale and shift (and through
     * them whatever they were computed from).
     */
    private static Tensor channelAffine(Tensor x, Tensor scale, Tensor shift, UnaryOp activation) {
        ComputeDevice d = Ops.device("batchNorm", x, scale, shift);
        int n = x.dim(0);
        int ch = x.dim(1);
        int s = x.numel() / (n * ch);
        Tensor xc = contig(x);
        Tensor sc = contig(scale);
        Tensor sh = contig(shift);
        Tensor out = Ops.out(d, x.shape());
        d.kernels().channelAffine(xc, sc, sh, activation, out);
        return Autograd.record("batchNorm", out, (g, need) -> {
            Tensor x3 = Shapes.reshape(xc, n, ch, s);
            Tensor gz = Shapes.reshape(contig(g), n, ch, s);
            if (activation != null) {
                gz = throughActivation(d, activation,
                        Elementwise.add(Elementwise.mul(x3, Shapes.reshape(sc, 1, ch, 1)), Shapes.reshape(sh, 1, ch, 1)), gz);
            }
            return new Tensor[] {
                need[0] ? Shapes.reshape(Elementwise.mul(gz, Shapes.reshape(sc, 1, ch, 1)), x.shape().toArray()) : null,
                need[1] ? Shapes.reshape(Reductions.sum(Elementwise.mul(gz, x3), false, 0, 2), scale.shape().toArray()) : null,
                need[2] ? Shapes.reshape(Reductions.sum(gz, false, 0, 2), shift.shape().toArray()) : null};
        }, x, scale, shift);
    }

    private static void updateRunning(Standardized s, Tensor runningMean, Tensor runningVar, float momentum, float eps,
            double count) {
        try (Autograd.GradMode off = Autograd.noGrad()) {
            Tensor var = Elementwise.add(Elementwise.reciprocal(Elementwise.square(s.rstd())), -eps);
            Tensor unbiased = Elementwise.mul(var, (float) (count / Math.max(1, count - 1)));
            runningMean.device().kernels().axpby(momentum, s.mean(), 1 - momentum, runningMean);
            runningVar.device().kernels().axpby(momentum, unbiased, 1 - momentum, runningVar);
        }
    }

    /**
     * Group normalization ({@code GroupNorm}): channels split into groups, each standardized over
     * its channels and H, W; then a per-channel affine.
     *
     * @param x {@code [N, C, ...]} with C divisible by groups
     */
    public static Tensor groupNorm(Tensor x, int groups, Tensor gamma, Tensor beta, float eps) {
        return groupNorm(x, groups, gamma, beta, eps, null);
    }

    /**
     * {@code silu(groupNorm(x, …))} in one kernel: the pre-activation of every residual block in the
     * diffusion UNet and the generators. Same values and gradients as the two ops; fewer passes over memory.
     */
    public static Tensor groupNormSilu(Tensor x, int groups, Tensor gamma, Tensor beta, float eps) {
        return groupNorm(x, groups, gamma, beta, eps, UnaryOp.SILU);
    }

    /** {@code relu(groupNorm(x, …))} in one kernel: the GAN generator's block. */
    public static Tensor groupNormRelu(Tensor x, int groups, Tensor gamma, Tensor beta, float eps) {
        return groupNorm(x, groups, gamma, beta, eps, UnaryOp.RELU);
    }

    private static Tensor groupNorm(Tensor x, int groups, Tensor gamma, Tensor beta, float eps, UnaryOp activation) {
        require(x.rank() >= 2 && groups >= 1 && x.dim(1) % groups == 0,
                "groupNorm: " + groups + " groups do not divide the channels of " + x.shape());
        int ch = x.dim(1);
        require(gamma == null || gamma.numel() == ch, "groupNorm: gamma has " + (gamma == null ? 0 : gamma.numel())
                + " values for " + ch + " channels");
        require(beta == null || beta.numel() == ch, "groupNorm: beta has " + (beta == null ? 0 : beta.numel())
                + " values for " + ch + " channels");
        ComputeDevice d = Ops.device("groupNorm", x, gamma, beta);
        int n = x.dim(0);
        Tensor xc = contig(x);
        Tensor out = Ops.out(d, x.shape());
        Tensor mean = Ops.out(d, n * groups);
        Tensor rstd = Ops.out(d, n * groups);
        d.kernels().groupNorm(xc, groups, eps, gamma == null ? null : contig(gamma), beta == null ? null : contig(beta),
                activation, out, mean, rstd);
        // the backward recomputes xhat (and the pre-activation) from the saved statistics instead of keeping
        // them: sampling, where most group norms run, records nothing, and training pays one cheap pass
        Autograd.GradFn back = (g, need) -> {
            int per = x.numel() / (n * groups);
            int s = x.numel() / (n * ch);
            Tensor xhat = Elementwise.mul(Elementwise.sub(Shapes.reshape(xc, n * groups, per), Shapes.reshape(mean, n * groups, 1)),
                    Shapes.reshape(rstd, n * groups, 1));
            Tensor xhat3 = Shapes.reshape(xhat, n, ch, s);
            Tensor gz = Shapes.reshape(contig(g), n, ch, s);
            Tensor gammaView = gamma == null ? null : Shapes.reshape(gamma, 1, ch, 1);
            if (activation != null) {
                Tensor z = gammaView == null ? xhat3 : Elementwise.mul(xhat3, gammaView);
                gz = throughActivation(d, activation, beta == null ? z : Elementwise.add(z, Shapes.reshape(beta, 1, ch, 1)), gz);
            }
            Tensor[] grads = new Tensor[need.length];
            if (need[0]) {
                Tensor gxhat = contig(gammaView == null ? gz : Elementwise.mul(gz, gammaView));
                Tensor gx = Ops.out(d, x.shape());
                d.kernels().normalizeBackward(contig(xhat), rstd, gxhat, 1, n * groups, per, gx);
                grads[0] = gx;
            }
            if (need.length > 1 && gamma != null && need[1]) {
                grads[1] = Shapes.reshape(Reductions.sum(Elementwise.mul(gz, xhat3), false, 0, 2), gamma.shape().toArray());
            }
            int bi = gamma == null ? 1 : 2; // inputs are {x, gamma, beta} without the absent ones
            if (need.length > bi && beta != null && need[bi]) {
                grads[bi] = Shapes.reshape(Reductions.sum(gz, false, 0, 2), beta.shape().toArray());
            }
            return grads;
        };
        Tensor[] inputs = gamma == null ? beta == null ? new Tensor[] {x} : new Tensor[] {x, beta}
                : beta == null ? new Tensor[] {x, gamma} : new Tensor[] {x, gamma, beta};
        return Autograd.record(activation == null ? "groupNorm" : "groupNorm+" + activation.name().toLowerCase(java.util.Locale.ROOT),
                out, back, inputs);
    }

    /**
     * Layer normalization over the last {@code normalizedAxes} axes, with an elementwise affine of
     * that trailing shape.
     */
    public static Tensor layerNorm(Tensor x, int normalizedAxes, Tensor gamma, Tensor beta, float eps) {
        require(normalizedAxes >= 1 && normalizedAxes <= x.rank(), "layerNorm over " + normalizedAxes
                + " axes of " + x.shape());
        int inner = 1;
        for (int i = x.rank() - normalizedAxes; i < x.rank(); i++) {
            inner *= x.dim(i);
        }
        Tensor y = standardize(x, 1, x.numel() / Math.max(1, inner), inner, eps);
        if (gamma != null) {
            y = Elementwise.mul(y, gamma);
        }
        return beta == null ? y : Elementwise.add(y, beta);
    }

    /** Softmax along an axis, computed stably. */
    public static Tensor softmax(Tensor x, int axis) {
        return softmax(x, axis, false);
    }

    /** log(softmax) along an axis, computed stably. */
    public static Tensor logSoftmax(Tensor x, int axis) {
        return softmax(x, axis, true);
    }

    private static Tensor softmax(Tensor x, int axis, boolean log) {
        ComputeDevice d = Ops.device("softmax", x);
        int a = x.shape().axis(axis);
        Tensor y = Ops.out(d, x.shape());
        d.kernels().softmax(contig(x), a, log, y);
        return Autograd.record(log ? "logSoftmax" : "softmax", y, (g, need) -> {
            Tensor gx = Ops.out(d, x.shape());
            d.kernels().softmaxBackward(y, contig(g), a, log, gx);
            return new Tensor[] {gx};
        }, x);
    }

    private static Tensor affine(Tensor xhat, Tensor gamma, Tensor beta, int rank) {
        Tensor y = xhat;
        if (gamma != null) {
            y = Elementwise.mul(y, channelView(gamma, rank));
        }
        if (beta != null) {
            y = Elementwise.add(y, channelView(beta, rank));
        }
        return y;
    }

    /** A [C] vector as [1, C, 1, ...] for broadcasting over NC... */
    private static Tensor channelView(Tensor v, int rank) {
        int[] d = new int[rank];
        java.util.Arrays.fill(d, 1);
        d[1] = v.numel();
        return Shapes.reshape(v, d);
    }
}
