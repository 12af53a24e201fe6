package tessera.compute.spi;

/**
 * One Adam or AdamW update, as in PyTorch: {@code m = b1 m + (1-b1) g}, {@code v = b2 v + (1-b2) g²},
 * {@code p -= lr (m/(1-b1^t)) / (sqrt(v/(1-b2^t)) + eps)}. With {@code decoupled} (AdamW) the weight
 * decay is {@code p -= lr wd p} before the update; without it (Adam) {@code g += wd p}.
 *
 * @param lr learning rate, &gt; 0
 * @param beta1 first-moment decay, in [0, 1)
 * @param beta2 second-moment decay, in [0, 1)
 * @param eps denominator guard, &gt; 0
 * @param weightDecay decay factor, &ge; 0
 * @param decoupled true for AdamW
 * @param step 1-based step count t
 */
public record AdamStep(float lr, float beta1, float beta2, float eps, float weightDecay, boolean decoupled,
        long step) {
}
