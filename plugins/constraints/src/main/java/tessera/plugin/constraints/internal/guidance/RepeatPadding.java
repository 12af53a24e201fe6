package tessera.plugin.constraints.internal.guidance;

import tessera.api.repeat.RepeatGeometry;
import tessera.compute.PaddingMode;
import tessera.compute.Tensor;
import tessera.compute.ops.Shapes;

/**
 * Pads a tile tensor {@code [N, C, H, W]} with what the repeat prints around it (#6), so a neighbourhood op
 * (the feature penalty's opening) sees across the tile's edge the same field the {@code features} check sees
 * through imaging's {@code RepeatLayout}: a drop's side neighbours are shifted down by {@code dropOf(±1)}, a
 * brick's upper and lower neighbours along by {@code shiftOf(±1)}, a mirror's are flipped (the edge pixel
 * repeated). Built from slices and concatenations only, so it runs on any device and passes gradients back
 * to the pixels it copies.
 */
final class RepeatPadding {
    private final RepeatGeometry geometry;

    RepeatPadding(RepeatGeometry geometry) {
        this.geometry = geometry;
    }

    /** @return x padded by r pixels on every side (r ≤ the tile's width and height) */
    Tensor pad(Tensor x, int r) {
        if (r == 0) {
            return x;
        }
        int h = x.shape().dim(2);
        int w = x.shape().dim(3);
        return switch (geometry.type()) {
            case HALF_DROP, DROP -> { // tile columns stack with period h: shift the side strips, then wrap rows
                Tensor left = roll(Shapes.slice(x, 3, w - r, w), 2, drop(-1, h));
                Tensor right = roll(Shapes.slice(x, 3, 0, r), 2, drop(1, h));
                yield Shapes.pad2d(Shapes.concat(3, left, x, right), r, r, 0, 0, PaddingMode.CIRCULAR);
            }
            case HALF_BRICK, BRICK -> {
                Tensor above = roll(Shapes.slice(x, 2, h - r, h), 3, drop(-1, w));
                Tensor below = roll(Shapes.slice(x, 2, 0, r), 3, drop(1, w));
                yield Shapes.pad2d(Shapes.concat(2, above, x, below), 0, 0, r, r, PaddingMode.CIRCULAR);
            }
            case MIRROR -> mirror(mirror(x, 3, r), 2, r);
            default -> Shapes.pad2d(x, r, r, r, r, PaddingMode.CIRCULAR);
        };
    }

    /** The shift of the neighbouring tile column (row) {@code side} (±1), in [0, n): as RepeatLayout's dropOf and shiftOf. */
    private int drop(int side, int n) {
        return Math.floorMod(Math.round(side * geometry.offset() * n), n);
    }

    /** @return x moved by d along the axis, cyclically: position i holds what was at i − d */
    private static Tensor roll(Tensor x, int axis, int d) {
        int n = x.shape().dim(axis);
        if (d == 0) {
            return x;
        }
        return Shapes.concat(axis, Shapes.slice(x, axis, n - d, n), Shapes.slice(x, axis, 0, n - d));
    }

    /** The neighbours of a mirror repeat are the tile flipped, so the edge pixel appears twice across the seam. */
    private static Tensor mirror(Tensor x, int axis, int r) {
        int n = x.shape().dim(axis);
        Tensor[] parts = new Tensor[2 * r + 1];
        for (int i = 0; i < r; i++) {
            parts[r - 1 - i] = Shapes.slice(x, axis, i, i + 1);
            parts[r + 1 + i] = Shapes.slice(x, axis, n - 1 - i, n - i);
        }
        parts[r] = x;
        return Shapes.concat(axis, parts);
    }

    @Override
    public String toString() {
        return "RepeatPadding[" + geometry.label() + "]";
    }
}
