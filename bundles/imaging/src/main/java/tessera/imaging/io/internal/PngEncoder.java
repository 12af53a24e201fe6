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

    /**
     * Bytes of rows per independently compressed block (at most 256 rows): at 4096 px RGB8 that is 256 rows, 3 MB,
     * so the dictionary each block starts from (the previous block's last 32 KiB) costs the ratio next to nothing,
     * and a 20000 px wide streamed preview still holds only a few MB per block in memory.
     */
    private static final int BLOCK_BYTES = 4 << 20;
    /** The deflate window: a block starts from this much of the previous block's data as its dictionary. */
    private static final int WINDOW = 32 * 1024;

    /**
     * The zlib stream of the filtered rows, compressed in blocks on several threads (as pigz does): each block is
     * raw deflate primed with the previous block's last 32 KiB and ended with a sync flush, so the concatenation is
     * one valid stream, and the Adler-32 is taken over all filtered bytes in order. Filtering and deflate were the
     * whole cost of writing a tile, a preview or a QA overlay on one core (#10: 0.2 s of an A4 inspection). The
     * blocks are fixed by row count, so the file is the same bytes whatever the thread count.
     */
    private static void writeImageData(PixelSource source, int bitDepth, OutputStream out) throws IOException {
        int w = source.width();
        int h = source.height();
        int ch = source.channels();
        int bpp = ch * bitDepth / 8;
        int rowBytes = w * bpp;
        int parallel = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        int blockRows = Math.clamp(BLOCK_BYTES / rowBytes, 8, 256);
        int blocks = (h + blockRows - 1) / blockRows;
        java.util.zip.Adler32 adler = new java.util.zip.Adler32();
        float[] strip = new float[ch * STRIP_ROWS * w];
        byte[] lastRaw = new byte[rowBytes]; // the row above the next block (zeros above the first row)
        byte[] dictionary = null; // the tail of the previous block's filtered bytes
        try (IdatStream idat = new IdatStream(out)) {
            idat.write(new byte[] {0x78, (byte) 0x9c}); // zlib header: deflate, 32 KiB window, default level
            for (int b0 = 0; b0 < blocks; b0 += parallel) {
                int count = Math.min(parallel, blocks - b0);
                byte[][] raw = new byte[count][];
                byte[][] above = new byte[count][];
                for (int k = 0; k < count; k++) { // the source is read in order, on this thread
                    int y0 = (b0 + k) * blockRows;
                    int rows = Math.min(blockRows, h - y0);
                    raw[k] = new byte[rows * rowBytes];
                    byte[] row = new byte[rowBytes];
                    for (int s0 = 0; s0 < rows; s0 += STRIP_ROWS) {
                        int n = Math.min(STRIP_ROWS, rows - s0);
                        source.readRows(y0 + s0, n, strip);
                        for (int r = 0; r < n; r++) {
                            Samples.interleave(strip, n, w, ch, r, bitDepth, row);
                            System.arraycopy(row, 0, raw[k], (s0 + r) * rowBytes, rowBytes);
                        }
                    }
                    above[k] = lastRaw;
                    lastRaw = java.util.Arrays.copyOfRange(raw[k], (rows - 1) * rowBytes, rows * rowBytes);
                }
                byte[][] filtered = new byte[count][];
                java.util.stream.IntStream.range(0, count).parallel()
                        .forEach(k -> filtered[k] = filter(raw[k], above[k], rowBytes, bpp));
                byte[][] dictionaries = new byte[count][];
                for (int k = 0; k < count; k++) {
                    dictionaries[k] = dictionary;
                    byte[] f = filtered[k];
                    dictionary = java.util.Arrays.copyOfRange(f, Math.max(0, f.length - WINDOW), f.length);
                }
                boolean lastBatch = b0 + count == blocks;
                byte[][] packed = new byte[count][];
                java.util.stream.IntStream.range(0, count).parallel()
                        .forEach(k -> packed[k] = deflate(filtered[k], dictionaries[k], lastBatch && k == count - 1));
                for (int k = 0; k < count; k++) {
                    adler.update(filtered[k]);
                    idat.write(packed[k]);
                }
            }
            if (blocks == 0) {
                idat.write(deflate(new byte[0], null, true)); // an empty image still needs its final block
            }
            idat.write(intBytes((int) adler.getValue()));
        }
    }

    /** The block's rows, each as its filter byte and filtered bytes. */
    private static byte[] filter(byte[] raw, byte[] above, int rowBytes, int bpp) {
        int rows = raw.length / rowBytes;
        byte[] out = new byte[rows * (rowBytes + 1)];
        RowFilter filter = new RowFilter(rowBytes, bpp);
        byte[] prev = above;
        byte[] cur = new byte[rowBytes];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(raw, r * rowBytes, cur, 0, rowBytes);
            System.arraycopy(filter.best(cur, prev), 0, out, r * (rowBytes + 1), rowBytes + 1);
            byte[] t = prev == above ? new byte[rowBytes] : prev;
            prev = cur;
            cur = t;
        }
        return out;
    }

    /** Raw deflate of one block, primed with {@code dictionary}; sync-flushed, or finished for the last block. */
    private static byte[] deflate(byte[] data, byte[] dictionary, boolean last) {
        Deflater deflater = new Deflater(6, true);
        try {
            if (dictionary != null) {
                deflater.setDictionary(dictionary);
            }
            deflater.setInput(data);
            if (last) {
                deflater.finish();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 2 + 64);
            byte[] buf = new byte[1 << 16];
            while (true) {
                int n = deflater.deflate(buf, 0, buf.length, last ? Deflater.NO_FLUSH : Deflater.SYNC_FLUSH);
                out.write(buf, 0, n);
                if (last ? deflater.finished() : n < buf.length && deflater.needsInput()) {
                    return out.toByteArray();
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
