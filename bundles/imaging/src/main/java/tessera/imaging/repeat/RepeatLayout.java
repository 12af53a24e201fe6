package tessera.imaging.repeat;

import tessera.api.Check;
import tessera.api.InvalidValueException;
import tessera.api.image.RgbImage;
import tessera.api.repeat.RepeatGeometry;
import tessera.api.repeat.RepeatType;
import tessera.imaging.io.PixelSource;

/**
 * A tile of a given pixel size laid out in a {@link RepeatGeometry}: maps any pixel of the infinite
 * field, negative coordinates included, to the tile pixel that prints there. The tile sits with its top
 * left at field (0, 0). Drops and shifts are whole pixels: column {@code k} drops by
 * {@code round(k × offset × height)} mod height, so a half drop of an odd-height tile alternates
 * between the two nearest whole pixels and stays exactly periodic.
 */
public final class RepeatLayout {
    private final RepeatGeometry geometry;
    private final int width;
    private final int height;

    /**
     * @param geometry   repeat type and offset
     * @param tileWidth  tile width in pixels, ≥ 1
     * @param tileHeight tile height in pixels, ≥ 1
     */
    public RepeatLayout(RepeatGeometry geometry, int tileWidth, int tileHeight) {
        this.geometry = Check.notNull("geometry", geometry);
        this.width = Check.range("tileWidth", tileWidth, 1, Integer.MAX_VALUE / 4);
        this.height = Check.range("tileHeight", tileHeight, 1, Integer.MAX_VALUE / 4);
    }

    /** @return the layout of this tile in the geometry */
    public static RepeatLayout of(RgbImage tile, RepeatGeometry geometry) {
        return new RepeatLayout(geometry, tile.width(), tile.height());
    }

    public RepeatGeometry geometry() {
        return geometry;
    }

    public int tileWidth() {
        return width;
    }

    public int tileHeight() {
        return height;
    }

    /** @return the downward shift, in whole pixels within [0, height), of tile column {@code column} */
    public int dropOf(int column) {
        return switch (geometry.type()) {
            case HALF_DROP, DROP -> Math.floorMod(Math.round(column * geometry.offset() * height), height);
            default -> 0;
        };
    }

    /** @return the rightward shift, in whole pixels within [0, width), of tile row {@code row} */
    public int shiftOf(int row) {
        return switch (geometry.type()) {
            case HALF_BRICK, BRICK -> Math.floorMod(Math.round(row * geometry.offset() * width), width);
            default -> 0;
        };
    }

    /** @return the tile column printed at field pixel (x, y) */
    public int tileX(int x, int y) {
        RepeatType t = geometry.type();
        if (t == RepeatType.HALF_BRICK || t == RepeatType.BRICK) {
            return Math.floorMod(x - shiftOf(Math.floorDiv(y, height)), width);
        }
        int tx = Math.floorMod(x, width);
        if (t == RepeatType.MIRROR && (Math.floorDiv(x, width) & 1) != 0) {
            tx = width - 1 - tx; // #MIRROR: odd columns of the 2×2 super-tile are flipped left-right
        }
        return tx;
    }

    /** @return the tile row printed at field pixel (x, y) */
    public int tileY(int x, int y) {
        RepeatType t = geometry.type();
        if (t == RepeatType.HALF_DROP || t == RepeatType.DROP) {
            return Math.floorMod(y - dropOf(Math.floorDiv(x, width)), height);
        }
        int ty = Math.floorMod(y, height);
        if (t == RepeatType.MIRROR && (Math.floorDiv(y, height) & 1) != 0) {
            ty = height - 1 - ty;
        }
        return ty;
    }

    /** @return {@code tileY(x, y) * tileWidth + tileX(x, y)}, the row-major index into a tile plane */
    public int tileIndex(int x, int y) {
        return tileY(x, y) * width + tileX(x, y);
    }

    /**
     * Renders a rectangle of the laid-out field, e.g. a 3 × 3 repeat preview.
     *
     * @param tile   the tile, of this layout's size
     * @param x0     left edge of the rectangle in field pixels (may be negative)
     * @param y0     top edge of the rectangle in field pixels (may be negative)
     * @param width  pixels, 1..16384
     * @param height pixels, 1..16384
     */
    public RgbImage render(RgbImage tile, int x0, int y0, int width, int height) {
        requireTile(tile);
        float[] out = new float[3 * width * height];
        fill(tile, x0, y0, width, height, out);
        return RgbImage.wrap(width, height, out);
    }

    /** @return {@code repeatsX × repeatsY} tiles' worth of the field from its origin, for previews */
    public RgbImage preview(RgbImage tile, int repeatsX, int repeatsY) {
        long w = (long) repeatsX * width;
        long h = (long) repeatsY * height;
        if (w > 16384 || h > 16384 || w < 1 || h < 1) {
            throw new InvalidValueException("repeats", repeatsX + "×" + repeatsY + " repeats of a " + width + "×" + height
                    + " tile make " + w + "×" + h + " px; a preview image is at most 16384 px a side; use source() for prints");
        }
        return render(tile, 0, 0, (int) w, (int) h);
    }

    /**
     * @param tile   the tile, of this layout's size
     * @param width  print width in pixels, any size (e.g. 20000)
     * @param height print height in pixels, any size
     * @return the field from its origin as a streamed source: rows are computed when pulled, so a print
     *         of any size is written with one strip in memory
     */
    public PixelSource source(RgbImage tile, int width, int height) {
        requireTile(tile);
        Check.range("width", width, 1, Integer.MAX_VALUE);
        Check.range("height", height, 1, Integer.MAX_VALUE);
        return new PixelSource() {
            @Override
            public int width() {
                return width;
            }

            @Override
            public int height() {
                return height;
            }

            @Override
            public int channels() {
                return 3;
            }

            @Override
            public void readRows(int y, int rows, float[] planes) {
                fill(tile, 0, y, width, rows, planes);
            }
        };
    }

    private void fill(RgbImage tile, int x0, int y0, int w, int h, float[] out) {
        float[] src = tile.planesView();
        int n = this.width * this.height;
        int plane = w * h;
        int[] index = new int[w];
        for (int r = 0; r < h; r++) {
            for (int x = 0; x < w; x++) {
                index[x] = tileIndex(x0 + x, y0 + r);
            }
            for (int c = 0; c < 3; c++) {
                int o = c * plane + r * w;
                int s = c * n;
                for (int x = 0; x < w; x++) {
                    out[o + x] = src[s + index[x]];
                }
            }
        }
    }

    private void requireTile(RgbImage tile) {
        if (tile.width() != width || tile.height() != height) {
            throw new InvalidValueException("tile", "is " + tile.width() + "×" + tile.height() + " but the layout is for "
                    + width + "×" + height);
        }
    }

    @Override
    public String toString() {
        return "RepeatLayout[" + geometry.label() + ", " + width + "×" + height + "]";
    }
}
