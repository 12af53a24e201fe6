package tessera.plugin.constraints.internal.guidance;

import tessera.api.repeat.RepeatGeometry;
import tessera.compute.Tensor;
import tessera.compute.guidance.GuidancePenalty;
import tessera.compute.ops.Elementwise;
import tessera.compute.ops.Reductions;

/**
 * {@link FeaturePenalty} at the image's own scale: the minimum feature in pixels is
 * {@code minFeatureMm × width px ÷ (tile width cm × 10)}, so a generator sampling at 64 px and one at 1024 px
 * get the same physical rule. Below 2 px the process holds anything the image can draw: no penalty.
 */
final class FeatureSizeAtScale implements GuidancePenalty {
    private final double minFeatureMm;
    private final double tileWidthCm;
    private final RepeatGeometry repeat;

    FeatureSizeAtScale(double minFeatureMm, double tileWidthCm, RepeatGeometry repeat) {
        this.minFeatureMm = minFeatureMm;
        this.tileWidthCm = tileWidthCm;
        this.repeat = repeat;
    }

    /** @return the minimum feature in pixels for an image {@code width} pixels wide */
    int pixels(int width) {
        return (int) Math.round(minFeatureMm * width / (tileWidthCm * 10));
    }

    @Override
    public String rule() {
        return "feature.size";
    }

    @Override
    public Tensor penalty(Tensor image) {
        int d = pixels(image.shape().dim(3));
        // a zero that still belongs to the graph, so callers can sum penalties and differentiate without special cases
        return d < 2 ? Elementwise.mul(Reductions.sum(image), 0f) : new FeaturePenalty(d, repeat).penalty(image);
    }
}
