package tessera.imaging.io.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;

import tessera.imaging.io.PixelSource;
import tessera.imaging.io.TiffCompression;

/**
 * A streaming baseline TIFF 6.0 writer: big-endian ("MM"), chunky, one strip per pull from the
 * {@link PixelSource}, so memory stays at one strip whatever the print size. Strips go first, the
 * directory last, and the header is patched with its offset at the end. Classic TIFF addresses 4 GiB.
 */
public final class TiffEncoder {
    private static final int TAG_ICC = 34675;
    private static final long MAX_OFFSET = 0xFFFF_FFFFL;
    /** Target uncompressed strip size: large enough that per-strip overhead vanishes, small enough to stream. */
    private static final int STRIP_BYTES = 1 << 20;

    private TiffEncoder() {
    }

    /**
     * @param icc profile bytes or null; the caller has checked that it matches the channels
     */
    public static void write(PixelSource source, int bitDepth, TiffCompression compression, double dpi, byte[] icc,
            byte[] xmp, FileChannel out) throws IOException {
        int w = source.width();
        int h = source.height();
        int ch = source.channels();
        int rowBytes = w * ch * bitDepth / 8;
        int rowsPerStrip = Math.clamp(STRIP_BYTES / rowBytes, 1, h);
        int strips = (h + rowsPerStrip - 1) / rowsPerStrip;
        long[] offsets = new long[strips];
        long[] counts = new long[strips];
        // Predictor 2 only for 8 bit: Java's TIFF reader rejects it on 16-bit samples, and our files must read back
        boolean predict = compression != TiffCompression.NONE && bitDepth == 8;

        out.position(0);
        writeFully(out, ByteBuffer.wrap(new byte[] {'M', 'M', 0, 42, 0, 0, 0, 0}));
        float[] planes = new float[ch * rowsPerStrip * w];
        byte[] row = new byte[rowBytes];
        // strips are compressed independently by the format, so a batch of them is compressed on several threads
        // (the source is still read in order on this one); the bytes are the same whatever the thread count
        int parallel = compression == TiffCompression.NONE ? 1 : Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        for (int s0 = 0; s0 < strips; s0 += parallel) {
            int count = Math.min(parallel, strips - s0);
            byte[][] raw = new byte[count][];
            for (int k = 0; k < count; k++) {
                int y0 = (s0 + k) * rowsPerStrip;
                int rows = Math.min(rowsPerStrip, h - y0);
                source.readRows(y0, rows, planes);
                raw[k] = new byte[rows * rowBytes];
                for (int r = 0; r < rows; r++) {
                    Samples.interleave(planes, rows, w, ch, r, bitDepth, predict, row);
                    System.arraycopy(row, 0, raw[k], r * rowBytes, rowBytes);
                }
            }
            byte[][] data = new byte[count][];
            java.util.stream.IntStream.range(0, count).parallel().forEach(k -> data[k] = switch (compression) {
                case NONE -> raw[k];
                case LZW -> new LzwEncoder().encode(raw[k], raw[k].length);
                case DEFLATE -> deflate(raw[k]);
            });
            for (int k = 0; k < count; k++) {
                offsets[s0 + k] = out.position();
                counts[s0 + k] = data[k].length;
                writeFully(out, ByteBuffer.wrap(data[k]));
                align(out);
                checkSize(out.position());
            }
        }
        long ifd = out.position();
        byte[] dir = directory(ifd, w, h, ch, bitDepth, compression, rowsPerStrip, offsets, counts, dpi, icc, xmp);
        checkSize(ifd + dir.length);
        writeFully(out, ByteBuffer.wrap(dir));
        ByteBuffer head = ByteBuffer.allocate(4).order(ByteOrder.BIG_ENDIAN).putInt((int) ifd).flip();
        out.write(head, 4);
    }

    private static byte[] directory(long at, int w, int h, int ch, int bits, TiffCompression comp, int rowsPerStrip,
            long[] offsets, long[] counts, double dpi, byte[] icc, byte[] xmp) {
        IfdBuilder d = new IfdBuilder();
        d.longs(256, w);
        d.longs(257, h);
        d.shorts(258, repeat(bits, ch));
        d.shorts(259, comp.tagValue());
        d.shorts(262, switch (ch) {
            case 1 -> 1; // BlackIsZero
            case 3 -> 2; // RGB
            default -> 5; // Separated (CMYK)
        });
        d.longs(273, offsets);
        d.shorts(277, ch);
        d.longs(278, rowsPerStrip);
        d.longs(279, counts);
        if (!Double.isNaN(dpi)) {
            long[] r = rational(dpi);
            d.rational(282, r[0], r[1]);
            d.rational(283, r[0], r[1]);
        }
        d.shorts(284, 1); // chunky
        if (!Double.isNaN(dpi)) {
            d.shorts(296, 2); // inch
        }
        d.ascii(305, "Tessera");
        if (comp != TiffCompression.NONE && bits == 8) {
            d.shorts(317, 2); // horizontal differencing
        }
        if (ch == 4) {
            d.shorts(332, 1); // InkSet: CMYK
        }
        d.shorts(339, repeat(1, ch)); // unsigned integer samples
        if (xmp != null) {
            d.undefined(700, xmp); // XMP (TIFF/EP, Adobe XMP spec part 3)
        }
        if (icc != null) {
            d.undefined(TAG_ICC, icc);
        }
        return d.build(at);
    }

    /** @return dpi as a TIFF RATIONAL, exact to 1/1000 dpi */
    static long[] rational(double dpi) {
        long num = Math.round(dpi * 1000);
        long den = 1000;
        long g = gcd(num, den);
        return new long[] {num / g, den / g};
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    private static long[] repeat(long v, int n) {
        long[] r = new long[n];
        java.util.Arrays.fill(r, v);
        return r;
    }

    private static byte[] deflate(byte[] raw) {
        Deflater deflater = new Deflater(6);
        try {
            deflater.setInput(raw);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, raw.length / 2));
            byte[] buf = new byte[1 << 16];
            while (!deflater.finished()) {
                int k = deflater.deflate(buf);
                out.write(buf, 0, k);
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static void align(FileChannel out) throws IOException {
        if ((out.position() & 1) != 0) {
            writeFully(out, ByteBuffer.wrap(new byte[1])); // TIFF 6.0: offsets are word-aligned
        }
    }

    private static void checkSize(long position) throws IOException {
        if (position > MAX_OFFSET) {
            throw new IOException("The print is larger than a classic TIFF can hold (4 GiB); use LZW or Deflate"
                    + " compression, 8-bit samples, or split the print into panels");
        }
    }

    private static void writeFully(FileChannel out, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            out.write(b);
        }
    }

    /** One image file directory: entries in tag order, values over 4 bytes placed right after it. */
    private static final class IfdBuilder {
        private record Entry(int tag, int type, long count, byte[] value) {
        }

        private final java.util.TreeMap<Integer, Entry> entries = new java.util.TreeMap<>();

        void shorts(int tag, long... v) {
            ByteBuffer b = ByteBuffer.allocate(2 * v.length);
            for (long x : v) {
                b.putShort((short) x);
            }
            entries.put(tag, new Entry(tag, 3, v.length, b.array()));
        }

        void longs(int tag, long... v) {
            ByteBuffer b = ByteBuffer.allocate(4 * v.length);
            for (long x : v) {
                b.putInt((int) x);
            }
            entries.put(tag, new Entry(tag, 4, v.length, b.array()));
        }

        void rational(int tag, long num, long den) {
            entries.put(tag, new Entry(tag, 5, 1, ByteBuffer.allocate(8).putInt((int) num).putInt((int) den).array()));
        }

        void ascii(int tag, String s) {
            byte[] t = (s + "\0").getBytes(StandardCharsets.US_ASCII);
            entries.put(tag, new Entry(tag, 2, t.length, t));
        }

        void undefined(int tag, byte[] v) {
            entries.put(tag, new Entry(tag, 7, v.length, v));
        }

        byte[] build(long at) {
            int n = entries.size();
            long dataAt = at + 2 + 12L * n + 4;
            ByteArrayOutputStream extra = new ByteArrayOutputStream();
            ByteBuffer ifd = ByteBuffer.allocate(2 + 12 * n + 4);
            ifd.putShort((short) n);
            for (Entry e : entries.values()) {
                ifd.putShort((short) e.tag).putShort((short) e.type).putInt((int) e.count);
                if (e.value.length <= 4) {
                    ifd.put(java.util.Arrays.copyOf(e.value, 4)); // left-justified in the offset field
                } else {
                    ifd.putInt((int) (dataAt + extra.size()));
                    extra.writeBytes(e.value);
                    if ((extra.size() & 1) != 0) {
                        extra.write(0);
                    }
                }
            }
            ifd.putInt(0); // no next directory
            ByteArrayOutputStream all = new ByteArrayOutputStream(ifd.capacity() + extra.size());
            all.writeBytes(ifd.array());
            all.writeBytes(extra.toByteArray());
            return all.toByteArray();
        }
    }
}
