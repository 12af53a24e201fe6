package tessera.imaging.io.internal;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

import tessera.imaging.io.PixelSource;

/**
 * A PNG encoder (ISO/IEC 15948) that writes exactly the chunks a print shop needs: IHDR, pHYs for the
 * resolution, iCCP or sRGB for colour, IDAT, IEND. Written by hand rather than through ImageIO so the
 * chunk set is under our control and rows stream from a {@link PixelSource}.
 */
public final class PngEncoder {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final int STRIP_ROWS = 64;
    private static final int IDAT_SIZE = 1 << 16;

    private PngEncoder() {
    }

    /**
     * @param bitDepth 8 or 16
     * @param dpi      resolution in dots per inch, or NaN to leave pHYs out
     * @param icc      ICC profile to embed as iCCP, or null to declare sRGB
     * @param xmp      an XMP packet (UTF-8) for an iTXt chunk, or null
     */
    public static void write(PixelSource source, int bitDepth, double dpi, byte[] icc, byte[] xmp, OutputStream out)
            throws IOException {
        int channels = source.channels();
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("PNG holds grey or RGB; this source has " + channels + " channels");
        }
        int w = source.width();
        int h = source.height();
        out.write(SIGNATURE);
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(ihdr);
        d.writeInt(w);
        d.writeInt(h);
        d.writeByte(bitDepth);
        d.writeByte(channels == 3 ? 2 : 0); // colour type: truecolour or greyscale
        d.writeByte(0); // deflate
        d.writeByte(0); // adaptive filtering
        d.writeByte(0); // no interlace
        chunk(out, "IHDR", ihdr.toByteArray());
        if (icc != null) {
            chunk(out, "iCCP", iccp(icc));
        } else {
            chunk(out, "sRGB", new byte[] {0}); // perceptual
            chunk(out, "gAMA", intBytes(45455)); // PNG spec 11.3.3.5: values to write alongside sRGB
        }
        if (!Double.isNaN(dpi)) {
            long ppm = Math.round(dpi / 0.0254);
            ByteArrayOutputStream phys = new ByteArrayOutputStream();
            DataOutputStream p = new DataOutputStream(phys);
            p.writeInt((int) ppm);
            p.writeInt((int) ppm);
            p.writeByte(1); // unit: metre
            chunk(out, "pHYs", phys.toByteArray());
        }
        if (xmp != null) {
            // iTXt: keyword, NUL, uncompressed (flag 0, method 0), empty language and translated keyword
            ByteArrayOutputStream itxt = new ByteArrayOutputStream();
            itxt.writeBytes("XML:com.adobe.xmp".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            itxt.writeBytes(new byte[] {0, 0, 0, 0, 0});
            itxt.writeBytes(xmp);
            chunk(out, "iTXt", itxt.toByteArray());
        }
        writeImageData(source, bitDepth, out);
        chunk(out, "IEND", new byte[0]);
        out.flush();
    }

    private static void writeImageData(PixelSource source, int bitDepth, OutputStream out) throws IOException {
        int w = source.width();
        int h = source.height();
        int ch = source.channels();
        int bpp = ch * bitDepth / 8;
        int rowBytes = w * bpp;
        Deflater deflater = new Deflater(6);
        try (IdatStream idat = new IdatStream(out);
                DeflaterOutputStream z = new DeflaterOutputStream(idat, deflater, 1 << 16)) {
            float[] strip = new float[ch * STRIP_ROWS * w];
            byte[] prev = new byte[rowBytes];
            byte[] cur = new byte[rowBytes];
            RowFilter filter = new RowFilter(rowBytes, bpp);
            for (int y0 = 0; y0 < h; y0 += STRIP_ROWS) {
                int rows = Math.min(STRIP_ROWS, h - y0);
                source.readRows(y0, rows, strip);
                for (int r = 0; r < rows; r++) {
                    Samples.interleave(strip, rows, w, ch, r, bitDepth, cur);
                    z.write(filter.best(cur, prev));
                    byte[] t = prev;
                    prev = cur;
                    cur = t;
                }
            }
        } finally {
            deflater.end();
        }
    }

    private static byte[] iccp(byte[] icc) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write("ICC Profile".getBytes(StandardCharsets.ISO_8859_1));
        b.write(0);
        b.write(0); // compression method: deflate
        Deflater deflater = new Deflater(9);
        try (DeflaterOutputStream z = new DeflaterOutputStream(b, deflater)) {
            z.write(icc);
        } finally {
            deflater.end();
        }
        return b.toByteArray();
    }

    private static byte[] intBytes(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    static void chunk(OutputStream out, String type, byte[] data) throws IOException {
        chunk(out, type, data, data.length);
    }

    static void chunk(OutputStream out, String type, byte[] data, int length) throws IOException {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data, 0, length);
        out.write(intBytes(length));
        out.write(t);
        out.write(data, 0, length);
        out.write(intBytes((int) crc.getValue()));
    }

    /** Cuts the zlib stream into IDAT chunks of at most 64 KiB. */
    private static final class IdatStream extends OutputStream {
        private final OutputStream out;
        private final byte[] buf = new byte[IDAT_SIZE];
        private int n;

        IdatStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            if (n == buf.length) {
                flushChunk();
            }
            buf[n++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                if (n == buf.length) {
                    flushChunk();
                }
                int k = Math.min(len, buf.length - n);
                System.arraycopy(b, off, buf, n, k);
                n += k;
                off += k;
                len -= k;
            }
        }

        private void flushChunk() throws IOException {
            if (n > 0) {
                chunk(out, "IDAT", buf, n);
                n = 0;
            }
        }

        @Override
        public void close() throws IOException {
            flushChunk(); // leaves the underlying stream open for IEND
        }
    }
}
