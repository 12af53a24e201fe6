package tessera.plugin.constraints.internal.guidance;

import tessera.compute.PaddingMode;
import tessera.compute.Pool2dSpec;
import tessera.compute.Tensor;
import tessera.compute.guidance.GuidancePenalty;
import tessera.compute.ops.Elementwise;
import tessera.compute.ops.Pooling;
import tessera.compute.ops.Reductions;
import tessera.compute.ops.Shapes;

/**
 * Minimum feature size: what a grey-level opening and closing with a d × d square (d the line's minimum in
 * tile pixels, made odd) would remove, per channel, squared. Lines and dots thinner than d are exactly what
 * they remove (the check opens each colour layer the same way); flat areas and wide shapes cost nothing,
 * which total variation, the usual smoothness prior, does not give: it also wears down the edges of shapes
 * that are wide enough. The tile wraps (circular padding), as a block repeat does.
 */
final class FeaturePenalty implements GuidancePenalty {
    private final int d;

    /** @param d minimum feature in tile pixels, ≥ 2 */
    FeaturePenalty(int d) {
        this.d = d | 1;
    }

    @Override
    public String rule() {
        return "feature.size";
    }

    @Override
    public Tensor penalty(Tensor x) {
        Tensor open = dilate(erode(x));
        Tensor close = erode(dilate(x));
        return Elementwise.add(Reductions.mean(Elementwise.square(Elementwise.sub(x, open))),
                Reductions.mean(Elementwise.square(Elementwise.sub(close, x))));
    }

    private Tensor dilate(Tensor x) {
        int r = d / 2;
        return Pooling.maxPool2d(Shapes.pad2d(x, r, r, r, r, PaddingMode.CIRCULAR), Pool2dSpec.of(d, 1, 0));
    }

    private Tensor erode(Tensor x) {
        return Elementwise.neg(dilate(Elementwise.neg(x)));
    }
}
