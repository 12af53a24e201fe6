package tessera.imaging.io;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import tessera.api.image.RgbImage;

/**
 * A GIMP pattern ({@code .pat}), the fill tiles GIMP ships and users collect. Format (GIMP
 * devel-docs/pat.txt), all integers big-endian u32: header size, version (1), width, height, bytes per
 * pixel (1 grey, 2 grey+alpha, 3 RGB, 4 RGBA), magic "GPAT", then the UTF-8 name up to the header end,
 * then width × height × bytes-per-pixel 8-bit samples, row-major, interleaved.
 *
 * @param name          the pattern's name from its header
 * @param bytesPerPixel 1 to 4, as stored
 * @param image         the pixels as sRGB; grey spread to three channels, alpha composited on white
 */
public record GimpPattern(String name, int bytesPerPixel, RgbImage image) {
    private static final int MAGIC = ('G' << 24) | ('P' << 16) | ('A' << 8) | 'T';
    private static final int FIXED_HEADER = 24;

    /** Reads a .pat file. @throws IOException naming the file and what is wrong with it */
    public static GimpPattern read(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            return read(in, file.toString());
        } catch (NoSuchFileException e) {
            throw new IOException("Cannot read GIMP pattern " + file + ": the file does not exist", e);
        }
    }

    /**
     * @param source a name for the stream, used in error messages
     */
    public static GimpPattern read(InputStream stream, String source) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        try {
            long headerSize = Integer.toUnsignedLong(in.readInt());
            long version = Integer.toUnsignedLong(in.readInt());
            long width = Integer.toUnsignedLong(in.readInt());
            long height = Integer.toUnsignedLong(in.readInt());
            long bpp = Integer.toUnsignedLong(in.readInt());
            int magic = in.readInt();
            if (magic != MAGIC) {
                throw bad(source, "there is no 'GPAT' magic at byte 20, so it is not a GIMP pattern");
            }
            if (version != 1) {
                throw bad(source, "it is pattern format version " + version + "; only version 1 exists");
            }
            if (bpp < 1 || bpp > 4) {
                throw bad(source, "it declares " + bpp + " bytes per pixel; patterns have 1 (grey), 2 (grey+alpha), 3 (RGB) or 4 (RGBA)");
            }
            if (width < 1 || height < 1 || width > 16384 || height > 16384) {
                throw bad(source, "it declares " + width + "×" + height + " px; a tile is 1 to 16384 px on each side");
            }
            if (headerSize < FIXED_HEADER || headerSize > FIXED_HEADER + 65536) {
                throw bad(source, "its header size " + headerSize + " is impossible (24 bytes plus a name)");
            }
            byte[] nameBytes = new byte[(int) (headerSize - FIXED_HEADER)];
            in.readFully(nameBytes);
            int len = 0;
            while (len < nameBytes.length && nameBytes[len] != 0) {
                len++;
            }
            String name = new String(nameBytes, 0, len, StandardCharsets.UTF_8);
            int w = (int) width;
            int h = (int) height;
            int b = (int) bpp;
            byte[] raw = new byte[w * h * b];
            in.readFully(raw);
            return new GimpPattern(name, b, toRgb(raw, w, h, b));
        } catch (EOFException e) {
            throw bad(source, "the file ends early (truncated header or pixel data)");
        }
    }

    private static RgbImage toRgb(byte[] raw, int w, int h, int bpp) {
        int n = w * h;
        float[] p = new float[3 * n];
        boolean alpha = bpp == 2 || bpp == 4;
        int colours = alpha ? bpp - 1 : bpp;
        for (int i = 0; i < n; i++) {
            int o = i * bpp;
            float a = alpha ? (raw[o + bpp - 1] & 0xff) / 255f : 1f;
            for (int c = 0; c < 3; c++) {
                float v = (raw[o + (colours == 1 ? 0 : c)] & 0xff) / 255f;
                p[c * n + i] = alpha ? v * a + (1f - a) : v; // on white, as for PNG
            }
        }
        return RgbImage.wrap(w, h, p);
    }

    private static IOException bad(String source, String what) {
        return new IOException("Cannot read GIMP pattern " + source + ": " + what);
    }
}
