package tessera.host.rcp.workbench.internal;

import java.util.List;

import tessera.api.constraint.Region;

/**
 * Where the constraint findings are, for the canvas: regions in tile pixels (as a {@code Violation} gives
 * them) of a tile of the given size, drawn on every copy of the tile in the repeat. Shared through the
 * application's e4 context ({@code Highlights.class}).
 *
 * @param tileWidth  tile width in px the regions refer to, > 0
 * @param tileHeight tile height in px, > 0
 * @param regions    every located finding
 * @param selected   the one the user picked in the Constraints view, drawn stronger; or null
 */
public record Highlights(int tileWidth, int tileHeight, List<Region> regions, Region selected) {
    public Highlights {
        regions = List.copyOf(regions);
    }

    public static final Highlights NONE = new Highlights(1, 1, List.of(), null);
}
