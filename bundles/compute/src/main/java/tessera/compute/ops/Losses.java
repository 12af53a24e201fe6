package tessera.compute.ops;

import static tessera.compute.ops.Ops.require;

import tessera.compute.Autograd;
import tessera.compute.Tensor;

/** Loss functions, each a mean over elements (a rank-0 tensor). */
public final class Losses {
    private Losses() {
    }

    /** Mean squared error; target broadcasts to pred. */
    public static Tensor mse(Tensor pred, Tensor target) {
        return Reductions.mean(Elementwise.square(Elementwise.sub(pred, target)));
    }

    /** Mean absolute error. */
    public static Tensor l1(Tensor pred, Tensor target) {
        return Reductions.mean(Elementwise.abs(Elementwise.sub(pred, target)));
    }

    /**
     * Binary cross-entropy on logits, computed stably as
     * {@code mean(softplus(x) - x·z)} (PyTorch {@code BCEWithLogitsLoss}).
     *
     * @param targets in [0, 1], broadcastable to logits
     */
    public static Tensor bceWithLogits(Tensor logits, Tensor targets) {
        return Reductions.mean(Elementwise.sub(Elementwise.softplus(logits), Elementwise.mul(logits, targets)));
    }

    /**
     * Cross-entropy of class logits against integer labels (mean over the batch).
     *
     * @param logits {@code [N, K]}
     * @param labels N class indices in [0, K)
     */
    public static Tensor crossEntropy(Tensor logits, int[] labels) {
        Ops.rank("crossEntropy", logits, 2, "[N, K]");
        int n = logits.dim(0);
        int k = logits.dim(1);
        require(labels.length == n, "crossEntropy: " + labels.length + " labels for a batch of " + n);
        float[] onehot = new float[n * k];
        for (int i = 0; i < n; i++) {
            require(labels[i] >= 0 && labels[i] < k, "crossEntropy: label " + labels[i] + " outside [0, " + k + ")");
            onehot[i * k + labels[i]] = -1f / n;
        }
        Tensor weights;
        try (Autograd.GradMode off = Autograd.noGrad()) {
            weights = Tensor.of(logits.device(), onehot, n, k);
        }
        return Reductions.sum(Elementwise.mul(Normalization.logSoftmax(logits, 1), weights));
    }
}
