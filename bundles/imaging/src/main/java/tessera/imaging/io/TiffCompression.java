package tessera.imaging.io;

/** Lossless TIFF compression; all three are read by every RIP and by ImageIO, libtiff and Photoshop. */
public enum TiffCompression {
    /** Uncompressed (TIFF Compression = 1); largest, fastest. */
    NONE(1),
    /** LZW (Compression = 5) with horizontal differencing (8 bit); the most widely accepted compressed TIFF. */
    LZW(5),
    /** Deflate/zlib (Compression = 8, Adobe) with horizontal differencing (8 bit); smaller than LZW, a little slower. */
    DEFLATE(8);

    private final int tag;

    TiffCompression(int tag) {
        this.tag = tag;
    }

    /** @return the value of the TIFF Compression tag (259) */
    public int tagValue() {
        return tag;
    }
}
