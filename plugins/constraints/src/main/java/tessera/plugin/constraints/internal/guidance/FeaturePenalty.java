package tessera.plugin.constraints.internal.guidance;

import tessera.api.repeat.RepeatGeometry;
import tessera.compute.Pool2dSpec;
import tessera.compute.Tensor;
import tessera.compute.guidance.GuidancePenalty;
import tessera.compute.ops.Elementwise;
import tessera.compute.ops.Pooling;
import tessera.compute.ops.Reductions;

/**
 * Minimum feature size: what a grey-level opening and closing with a d × d square (d the line's minimum in
 * tile pixels, made odd) would remove, per channel, squared. Lines and dots thinner than d are exactly what
 * they remove (the check opens each colour layer the same way); flat areas and wide shapes cost nothing,
 * which total variation, the usual smoothness prior, does not give: it also wears down the edges of shapes
 * that are wide enough. The tile is padded with what its repeat prints around it ({@link RepeatPadding}: a half
 * drop's side neighbours half a tile lower, and so on), as the {@code features} check lays out the field.
 */
final class FeaturePenalty implements GuidancePenalty {
    private final int d;
    private final RepeatPadding padding;

    /**
     * @param d      minimum feature in tile pixels, ≥ 2
     * @param repeat how the tile repeats
     */
    FeaturePenalty(int d, RepeatGeometry repeat) {
        this.d = d | 1;
        this.padding = new RepeatPadding(repeat);
    }

    @Override
    public String rule() {
        return "feature.size";
    }

    @Override
    public Tensor penalty(Tensor x) {
        // the field around the tile, wide enough for both passes of an opening (2 × r on each side); each pass
        // shrinks it by r, so the result covers the tile exactly and every pass sees the repeat's neighbours
        int r = Math.min(d / 2, Math.min(x.shape().dim(2), x.shape().dim(3)) / 2); // a square wider than the tile sees only the tile
        int k = 2 * r + 1;
        Tensor field = padding.pad(x, 2 * r);
        Tensor open = dilate(erode(field, k), k);
        Tensor close = erode(dilate(field, k), k);
        return Elementwise.add(Reductions.mean(Elementwise.square(Elementwise.sub(x, open))),
                Reductions.mean(Elementwise.square(Elementwise.sub(close, x))));
    }

    /** k × k maximum without padding: the output is k − 1 pixels narrower and shorter. */
    private static Tensor dilate(Tensor x, int k) {
        return Pooling.maxPool2d(x, Pool2dSpec.of(k, 1, 0));
    }

    private static Tensor erode(Tensor x, int k) {
        return Elementwise.neg(dilate(Elementwise.neg(x), k));
    }
}
