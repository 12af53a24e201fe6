package tessera.host.rcp.workbench.internal;

import tessera.api.repeat.RepeatGeometry;

/**
 * Where copy (col, row) of a tile lands in a repeat, in tile units (1 = one tile width or height).
 * Drops accumulate per column and shifts per row, as {@link RepeatGeometry} defines them: a half drop
 * moves every other column down by half a tile; mirror flips odd columns left-right and odd rows top-bottom.
 */
public final class TileLayout {
    private TileLayout() {
    }

    /**
     * @param x     left edge in tile widths
     * @param y     top edge in tile heights
     * @param flipX draw mirrored left-right
     * @param flipY draw mirrored top-bottom
     */
    public record Placement(double x, double y, boolean flipX, boolean flipY) {
    }

    public static Placement place(RepeatGeometry g, int col, int row) {
        return switch (g.type()) {
            case BLOCK -> new Placement(col, row, false, false);
            case HALF_DROP, DROP -> new Placement(col, row + frac(col * g.offset()), false, false);
            case HALF_BRICK, BRICK -> new Placement(col + frac(row * g.offset()), row, false, false);
            case MIRROR -> new Placement(col, row, Math.floorMod(col, 2) == 1, Math.floorMod(row, 2) == 1);
        };
    }

    private static double frac(double v) {
        return v - Math.floor(v);
    }
}
