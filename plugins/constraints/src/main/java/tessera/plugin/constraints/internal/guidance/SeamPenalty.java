package tessera.plugin.constraints.internal.guidance;

import tessera.api.repeat.RepeatType;
import tessera.compute.Tensor;
import tessera.compute.guidance.GuidancePenalty;
import tessera.compute.ops.Elementwise;
import tessera.compute.ops.Reductions;
import tessera.compute.ops.Shapes;

/**
 * Seam discontinuity: the squared steps between neighbouring columns (rows) in a band across the wrap, as
 * the repeat puts the tiles side by side (a half drop meets its neighbour half a tile lower, a half brick
 * half a tile along). Descending it is a diffusion inside the band: the seam is blended, not just its two
 * edge columns moved (which would only carry the step one pixel inwards). Mirror repeats have no seam.
 */
final class SeamPenalty implements GuidancePenalty {
    private final RepeatType type;

    SeamPenalty(RepeatType type) {
        this.type = type;
    }

    @Override
    public String rule() {
        return "seam";
    }

    @Override
    public Tensor penalty(Tensor x) {
        int h = x.shape().dim(2);
        int w = x.shape().dim(3);
        Tensor across = band(x, 3, w, h, type == RepeatType.HALF_DROP ? h / 2 : 0);
        Tensor down = band(x, 2, h, w, type == RepeatType.HALF_BRICK ? w / 2 : 0);
        return Elementwise.add(across, down);
    }

    /** @return mean squared step inside the band that straddles the seam between the ends of {@code axis} */
    private static Tensor band(Tensor x, int axis, int len, int crossLen, int shift) {
        int b = Math.max(2, len / 16);
        Tensor end = Shapes.slice(x, axis, len - b, len);
        Tensor start = Shapes.slice(x, axis, 0, b);
        if (shift > 0) { // the neighbour's first columns, moved along the seam by the repeat's drop
            int cross = axis == 3 ? 2 : 3;
            start = Shapes.concat(cross, Shapes.slice(start, cross, shift, crossLen), Shapes.slice(start, cross, 0, shift));
        }
        Tensor joined = Shapes.concat(axis, end, start);
        Tensor step = Elementwise.sub(Shapes.slice(joined, axis, 1, 2 * b), Shapes.slice(joined, axis, 0, 2 * b - 1));
        return Reductions.mean(Elementwise.square(step));
    }
}
