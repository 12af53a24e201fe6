package tessera.api.pattern;

import java.util.Map;

import tessera.api.Check;
import tessera.api.image.RgbImage;
import tessera.api.repeat.RepeatGeometry;

/**
 * A periodic tile with its repeat geometry and physical size: what constraint solvers check and
 * exporters write.
 *
 * @param tile     one repeat unit, sRGB
 * @param repeat   how tiles are laid out
 * @param widthCm  physical width of one repeat in cm, 0.1..500
 * @param heightCm physical height of one repeat in cm, 0.1..500
 * @param labels   descriptive labels (motif family, palette, caption, …)
 */
public record Pattern(RgbImage tile, RepeatGeometry repeat, double widthCm, double heightCm, Map<String, String> labels) {
    public Pattern {
        Check.notNull("tile", tile);
        Check.notNull("repeat", repeat);
        Check.range("widthCm", widthCm, 0.1, 500);
        Check.range("heightCm", heightCm, 0.1, 500);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    /** @return horizontal resolution of the tile in pixels per inch */
    public double dpiX() {
        return tile.width() / (widthCm / 2.54);
    }

    /** @return vertical resolution of the tile in pixels per inch */
    public double dpiY() {
        return tile.height() / (heightCm / 2.54);
    }

    public Pattern withTile(RgbImage newTile) {
        return new Pattern(newTile, repeat, widthCm, heightCm, labels);
    }
}
