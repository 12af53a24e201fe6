package tessera.plugin.constraints.internal.repeat;

import tessera.api.pattern.Pattern;
import tessera.api.repeat.RepeatGeometry;
import tessera.api.repeat.RepeatType;

/**
 * The block (straight) repeat a pattern equals, in tiles: a half drop repeats across only after two
 * columns, a mirror after two tiles each way, a drop of a third after three columns. Rotary screens and
 * jacquard harnesses see these periods, not the tile.
 *
 * @param across tiles across one period, or 0 when the offset is no simple fraction (no period within
 *               {@value #MAX_TILES} tiles)
 * @param down   tiles down one period, or 0 likewise
 */
public record RepeatPeriod(int across, int down) {
    /** Offsets are matched to fractions with denominators up to this; "drop:0.333" is a third. */
    public static final int MAX_TILES = 64;
    private static final double FRACTION_TOLERANCE = 0.002;

    public static RepeatPeriod of(RepeatGeometry g) {
        return switch (g.type()) {
            case BLOCK -> new RepeatPeriod(1, 1);
            case MIRROR -> new RepeatPeriod(2, 2);
            case HALF_DROP, DROP -> new RepeatPeriod(tiles(g.offset()), 1);
            case HALF_BRICK, BRICK -> new RepeatPeriod(1, tiles(g.offset()));
        };
    }

    public static RepeatPeriod of(Pattern p) {
        return of(p.repeat());
    }

    /** @return true when the period is finite both ways */
    public boolean closes() {
        return across > 0 && down > 0;
    }

    /**
     * @return tiles across that one jacquard harness repeat must hold: a point tie mirrors the harness
     *         itself, so a mirror repeat needs hooks for one tile only; 0 when there is no period
     */
    public int hookTiles(RepeatType type) {
        return type == RepeatType.MIRROR ? 1 : across;
    }

    /** @return the smallest k ≤ {@value #MAX_TILES} with k × offset whole, or 0 */
    private static int tiles(double offset) {
        for (int k = 1; k <= MAX_TILES; k++) {
            double v = k * offset;
            if (Math.abs(v - Math.rint(v)) <= FRACTION_TOLERANCE) {
                return k;
            }
        }
        return 0;
    }
}
