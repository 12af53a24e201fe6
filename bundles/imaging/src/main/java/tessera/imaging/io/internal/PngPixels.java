package tessera.imaging.io.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import tessera.api.image.RgbImage;

/**
 * The pixels of the PNGs Tessera meets most (8-bit grey or RGB, not interlaced: every file it writes, most scans)
 * decoded straight into an {@link RgbImage}: the IDAT stream inflated, each row unfiltered (ISO/IEC 15948 §9), the
 * bytes spread into planes on all cores. ImageIO's reader builds a raster first and took most of the time of reading
 * an A4 scan (#10); other layouts still go through it. Values are exactly those of the ImageIO path (v / 255f).
 */
final class PngPixels {
    private PngPixels() {
    }

    /** Whether {@link #decode} reads a PNG of this header. */
    static boolean handles(int bitDepth, int colourType, int interlace) {
        return bitDepth == 8 && (colourType == 0 || colourType == 2) && interlace == 0;
    }

    /**
     * @param channels 1 (grey) or 3 (RGB), as the header says
     * @throws IOException when the data is short, damaged or not what the header promised
     */
    static RgbImage decode(Path file, int w, int h, int channels) throws IOException {
        byte[] png = Files.readAllBytes(file);
        int rowBytes = w * channels;
        int stride = rowBytes + 1;
        // inflate and unfilter are sequential by nature (each row needs the one above); a second thread working
        // on finished rows measured no faster than this on 2 cores, so only the spreading into planes is parallel
        byte[] row = new byte[stride];
        byte[] raw = new byte[h * rowBytes];
        Inflater inflater = new Inflater();
        try {
            int y = 0;
            int filled = 0;
            int pos = 8; // after the signature
            while (pos + 8 <= png.length && y < h) {
                int length = ((png[pos] & 0xff) << 24) | ((png[pos + 1] & 0xff) << 16) | ((png[pos + 2] & 0xff) << 8) | (png[pos + 3] & 0xff);
                if (length < 0 || pos + 12L + length > png.length) {
                    throw new IOException("a chunk runs past the end of the file (truncated?)");
                }
                boolean idat = png[pos + 4] == 'I' && png[pos + 5] == 'D' && png[pos + 6] == 'A' && png[pos + 7] == 'T';
                if (idat) {
                    inflater.setInput(png, pos + 8, length);
                    while (y < h) {
                        int n = inflater.inflate(row, filled, stride - filled);
                        if (n == 0) {
                            if (inflater.finished()) {
                                throw new IOException("the image data ends after " + y + " of " + h + " rows");
                            }
                            if (inflater.needsDictionary()) {
                                throw new IOException("the image data asks for a preset dictionary, which PNG does not allow");
                            }
                            if (inflater.needsInput()) {
                                break; // the next IDAT continues the stream
                            }
                        }
                        filled += n;
                        if (filled == stride) {
                            unfilter(row, 0, raw, y, rowBytes, channels);
                            y++;
                            filled = 0;
                        }
                    }
                }
                pos += 12 + length;
            }
            if (y < h) {
                throw new IOException("the image data ends after " + y + " of " + h + " rows");
            }
        } catch (DataFormatException e) {
            throw new IOException("the compressed image data is damaged (" + e.getMessage() + ")", e);
        } finally {
            inflater.end();
        }
        float[] out = new float[3 * w * h];
        java.util.stream.IntStream.range(0, h).parallel().forEach(yy -> spread(raw, yy, w, h, channels, out));
        return RgbImage.wrap(w, h, out);
    }

    /** Row y of raw into the three planes (grey into all three), v / 255f as ImageIO's path. */
    private static void spread(byte[] raw, int y, int w, int h, int channels, float[] out) {
        int n = w * h;
        int src = y * w * channels;
        for (int c = 0; c < 3; c++) {
            int s = src + (channels == 1 ? 0 : c);
            int d = c * n + y * w;
            for (int x = 0; x < w; x++, s += channels) {
                out[d + x] = (raw[s] & 0xff) / 255f; // 51/255f is exactly 0.2f
            }
        }
    }

    /** Undoes row y's filter into raw (the row above is already there); f[at] is the filter type. */
    private static void unfilter(byte[] f, int at, byte[] raw, int y, int rowBytes, int bpp) throws IOException {
        int o = y * rowBytes;
        int up = o - rowBytes;
        int q = at + 1;
        switch (f[at]) {
            case 0 -> System.arraycopy(f, q, raw, o, rowBytes);
            case 1 -> {
                for (int i = 0; i < rowBytes; i++) {
                    int a = i >= bpp ? raw[o + i - bpp] : 0;
                    raw[o + i] = (byte) (f[q + i] + a);
                }
            }
            case 2 -> {
                for (int i = 0; i < rowBytes; i++) {
                    int b = y > 0 ? raw[up + i] : 0;
                    raw[o + i] = (byte) (f[q + i] + b);
                }
            }
            case 3 -> {
                for (int i = 0; i < rowBytes; i++) {
                    int a = i >= bpp ? raw[o + i - bpp] & 0xff : 0;
                    int b = y > 0 ? raw[up + i] & 0xff : 0;
                    raw[o + i] = (byte) (f[q + i] + ((a + b) >>> 1));
                }
            }
            case 4 -> {
                for (int i = 0; i < rowBytes; i++) {
                    int a = i >= bpp ? raw[o + i - bpp] & 0xff : 0;
                    int b = y > 0 ? raw[up + i] & 0xff : 0;
                    int c = i >= bpp && y > 0 ? raw[up + i - bpp] & 0xff : 0;
                    raw[o + i] = (byte) (f[q + i] + RowFilter.paeth(a, b, c));
                }
            }
            default -> throw new IOException("row " + y + " has filter type " + f[at] + "; PNG defines 0 to 4");
        }
    }
}
