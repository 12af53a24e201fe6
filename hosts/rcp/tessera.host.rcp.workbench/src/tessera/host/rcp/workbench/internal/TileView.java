package tessera.host.rcp.workbench.internal;

import java.nio.file.Path;

import tessera.api.repeat.RepeatGeometry;

/**
 * A tile to lay out on the canvas, with its repeat and physical size.
 *
 * @param tile     the tile image file (PNG)
 * @param repeat   how neighbouring tiles are placed
 * @param widthCm  physical width of one repeat, cm, > 0
 * @param heightCm physical height of one repeat, cm, > 0
 * @param label    for the user
 */
public record TileView(Path tile, RepeatGeometry repeat, double widthCm, double heightCm, String label) {
}
