package tessera.imaging.repeat;

import tessera.api.Check;
import tessera.api.image.RgbImage;
import tessera.api.repeat.RepeatGeometry;
import tessera.api.repeat.RepeatType;
import tessera.imaging.io.PixelSource;

/**
 * A repeat of a given physical size printed at a given resolution: how many pixels the tile must have,
 * the tile resampled to them, and the whole print as a streamed source. Pixel counts are whole, so the
 * printed repeat can differ from the requested size by up to half a pixel (0.04 mm at 300 dpi); half
 * drops get an even height and half bricks an even width so the half offset is a whole pixel.
 *
 * @param geometry     the repeat
 * @param tileWidthCm  repeat width on the fabric in centimetres, &gt; 0
 * @param tileHeightCm repeat height on the fabric in centimetres, &gt; 0
 * @param dpi          print resolution in dots per inch, &gt; 0
 */
public record PrintLayout(RepeatGeometry geometry, double tileWidthCm, double tileHeightCm, double dpi) {
    private static final double CM_PER_INCH = 2.54;

    public PrintLayout {
        Check.notNull("geometry", geometry);
        Check.range("tileWidthCm", tileWidthCm, 1e-3, 1e4);
        Check.range("tileHeightCm", tileHeightCm, 1e-3, 1e4);
        Check.range("dpi", dpi, 1, 1e5);
    }

    /** @return the tile width in print pixels */
    public int tileWidthPx() {
        return pixels(tileWidthCm, geometry.type() == RepeatType.HALF_BRICK);
    }

    /** @return the tile height in print pixels */
    public int tileHeightPx() {
        return pixels(tileHeightCm, geometry.type() == RepeatType.HALF_DROP);
    }

    /** @return the repeat width actually printed, in centimetres, after rounding to whole pixels */
    public double actualTileWidthCm() {
        return tileWidthPx() * CM_PER_INCH / dpi;
    }

    /** @return the repeat height actually printed, in centimetres, after rounding to whole pixels */
    public double actualTileHeightCm() {
        return tileHeightPx() * CM_PER_INCH / dpi;
    }

    /** @return the number of print pixels covering a length in centimetres, rounded, at least 1 */
    public long pixelsFor(double cm) {
        return Math.max(1, Math.round(cm / CM_PER_INCH * dpi));
    }

    /** @return the tile resampled (wrap-aware, Lanczos3) to {@link #tileWidthPx()} × {@link #tileHeightPx()} */
    public RgbImage tileAtPrintResolution(RgbImage tile) {
        if (tile.width() == tileWidthPx() && tile.height() == tileHeightPx()) {
            return tile;
        }
        return WrapResampler.resample(tile, geometry, tileWidthPx(), tileHeightPx());
    }

    /**
     * @param tile          the design tile at any resolution
     * @param printWidthCm  width of the printed piece (e.g. the fabric width), &gt; 0
     * @param printHeightCm length of the printed piece, &gt; 0
     * @return the whole print as a streamed sRGB source: only the resampled tile is held in memory
     */
    public PixelSource print(RgbImage tile, double printWidthCm, double printHeightCm) {
        long w = pixelsFor(Check.range("printWidthCm", printWidthCm, 1e-3, 1e5));
        long h = pixelsFor(Check.range("printHeightCm", printHeightCm, 1e-3, 1e5));
        if (w > Integer.MAX_VALUE || h > Integer.MAX_VALUE) {
            throw new tessera.api.InvalidValueException("print", w + "×" + h + " px is too large for one file; split it into panels");
        }
        RgbImage t = tileAtPrintResolution(tile);
        return RepeatLayout.of(t, geometry).source(t, (int) w, (int) h);
    }

    private int pixels(double cm, boolean even) {
        double px = cm / CM_PER_INCH * dpi;
        long n = even ? 2 * Math.max(1, Math.round(px / 2)) : Math.max(1, Math.round(px));
        if (n > 16384) {
            throw new tessera.api.InvalidValueException("tileSize", String.format(java.util.Locale.ROOT,
                    "%.2f cm at %.0f dpi is %d px; a tile is at most 16384 px, so lower the dpi or the repeat size", cm, dpi, n));
        }
        return (int) n;
    }
}
