package tessera.compute.guidance;

import org.osgi.annotation.versioning.ConsumerType;

import tessera.compute.Tensor;

/**
 * A differentiable measure of how far one image is from meeting one production rule.
 *
 * <p>Contract: {@link #penalty} is built from {@code tessera.compute} ops (or ops recorded with
 * {@code Autograd.record}), so {@code Autograd.grad(penalty(x), x)} gives its gradient; following
 * {@code -grad} lowers the rule's violation as the constraint check measures it. It allocates in the
 * caller's current {@code TensorScope} and runs on the image's device.
 */
@ConsumerType
public interface GuidancePenalty {
    /** @return the rule it steers, as constraint reports name it, e.g. {@code colour.count}, {@code seam} */
    String rule();

    /**
     * @param image one tile, sRGB in [0, 1], shape {@code [1, 3, H, W]}; may require a gradient
     * @return a scalar ≥ 0 (shape {@code []}) that falls as the violation falls (0 or near it when the rule is met)
     */
    Tensor penalty(Tensor image);
}
