package tessera.plugin.constraints.internal.guidance;

import tessera.api.repeat.RepeatGeometry;
import tessera.compute.Tensor;
import tessera.compute.guidance.GuidancePenalty;
import tessera.compute.ops.Elementwise;
import tessera.compute.ops.Reductions;
import tessera.compute.ops.Shapes;

/**
 * Seam discontinuity: the squared steps between neighbouring columns (rows) in a band across the tile's right
 * (lower) edge, with the neighbour the repeat prints there ({@link RepeatPadding}: a drop's neighbour moved down by
 * its drop, a brick's along by its shift, whatever the fraction). Descending it is a diffusion inside the band: the
 * seam is blended, not just its two edge columns moved (which would only carry the step one pixel inwards). Mirror
 * repeats have no seam and get no such penalty.
 */
final class SeamPenalty implements GuidancePenalty {
    private final RepeatPadding padding;

    SeamPenalty(RepeatGeometry repeat) {
        this.padding = new RepeatPadding(repeat);
    }

    @Override
    public String rule() {
        return "seam";
    }

    @Override
    public Tensor penalty(Tensor x) {
        int h = x.shape().dim(2);
        int w = x.shape().dim(3);
        int bw = Math.max(2, w / 16), bh = Math.max(2, h / 16), r = Math.max(bw, bh);
        Tensor field = padding.pad(x, r);
        // the band across the right edge, in the tile's own rows; the band across the lower edge, in its own columns
        Tensor across = Shapes.slice(Shapes.slice(field, 2, r, r + h), 3, r + w - bw, r + w + bw);
        Tensor down = Shapes.slice(Shapes.slice(field, 3, r, r + w), 2, r + h - bh, r + h + bh);
        return Elementwise.add(steps(across, 3), steps(down, 2));
    }

    /** @return the mean squared step between neighbours along {@code axis} */
    private static Tensor steps(Tensor band, int axis) {
        int n = band.shape().dim(axis);
        Tensor step = Elementwise.sub(Shapes.slice(band, axis, 1, n), Shapes.slice(band, axis, 0, n - 1));
        return Reductions.mean(Elementwise.square(step));
    }
}
