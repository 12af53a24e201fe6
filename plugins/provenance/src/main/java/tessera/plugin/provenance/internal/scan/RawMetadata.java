package tessera.plugin.provenance.internal.scan;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Provenance that Tika's parsers do not surface, read from the file's first bytes: embedded XMP packets
 * (any format; Tika maps only a few XMP properties, not IPTC PLUS data-mining), PNG text chunks, and
 * C2PA training-and-data-mining assertions.
 * <p>
 * The C2PA reading is a byte-level search for the assertion label and the {@code use} values of its
 * entries inside the JUMBF box; it does not validate the manifest's signature, so it reports what the
 * file claims, not a verified claim.
 */
final class RawMetadata {
    private static final byte[] XMP_START = "<x:xmpmeta".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] XMP_END = "</x:xmpmeta>".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] C2PA_TDM = "c2pa.training-mining".getBytes(StandardCharsets.US_ASCII);
    private static final String[] C2PA_KEYS = {"c2pa.ai_training", "c2pa.ai_generative_training", "c2pa.data_mining",
        "c2pa.ai_inference"};
    private static final long PNG_MAGIC = 0x89504E470D0A1A0AL;
    private static final int MAX_PACKETS = 8;
    private static final int MAX_INFLATED = 1 << 20;

    private RawMetadata() {
    }

    /** Adds every XMP packet's properties to {@code fields}. */
    static void xmp(byte[] head, XmlFields xml, Map<String, String> fields) throws UnreadableFileException {
        int from = 0;
        for (int n = 0; n < MAX_PACKETS; n++) {
            int s = indexOf(head, XMP_START, from);
            if (s < 0) {
                return;
            }
            int e = indexOf(head, XMP_END, s);
            if (e < 0) {
                return; // truncated packet: Tika's own reading (if any) stands
            }
            e += XMP_END.length;
            xml.read(new ByteArrayInputStream(head, s, e - s), fields);
            from = e;
        }
    }

    /** PNG tEXt, zTXt and iTXt chunks as {@code png:<keyword>}; an XMP iTXt chunk is read as XMP. */
    static void pngText(byte[] head, XmlFields xml, Map<String, String> fields) throws UnreadableFileException {
        if (head.length < 8 || readLong(head, 0) != PNG_MAGIC) {
            return;
        }
        int at = 8;
        while (at + 12 <= head.length) {
            long len = readInt(head, at) & 0xFFFFFFFFL;
            String type = new String(head, at + 4, 4, StandardCharsets.ISO_8859_1);
            int data = at + 8;
            if (len > head.length - data - 4) {
                return; // truncated or over the head we read: what came before stands
            }
            int end = data + (int) len;
            switch (type) {
                case "tEXt" -> text(head, data, end, fields);
                case "zTXt" -> ztxt(head, data, end, fields);
                case "iTXt" -> itxt(head, data, end, xml, fields);
                case "IEND" -> {
                    return;
                }
                default -> {
                }
            }
            at = end + 4;
        }
    }

    /** C2PA training-and-data-mining entries: {@code c2pa.ai_training → notAllowed}, … */
    static void c2pa(byte[] head, Map<String, String> optOuts) {
        int label = indexOf(head, C2PA_TDM, 0);
        if (label < 0) {
            return;
        }
        // the assertion is CBOR: keys and values are short text strings a few bytes apart
        int window = Math.min(head.length, label + 4096);
        for (String key : C2PA_KEYS) {
            int k = indexOf(head, key.getBytes(StandardCharsets.US_ASCII), label, window);
            if (k < 0) {
                continue;
            }
            String use = firstOf(head, k, Math.min(window, k + 128), "notAllowed", "constrained", "allowed");
            if (use != null && !use.equals("allowed")) {
                optOuts.put(key, use);
            }
        }
    }

    private static void text(byte[] b, int from, int end, Map<String, String> fields) {
        int z = zero(b, from, end);
        if (z > from) {
            XmlFields.put(fields, "png:" + latin1(b, from, z), latin1(b, z + 1, end));
        }
    }

    private static void ztxt(byte[] b, int from, int end, Map<String, String> fields) throws UnreadableFileException {
        int z = zero(b, from, end);
        if (z > from && z + 2 <= end) {
            byte[] t = inflate(b, z + 2, end);
            XmlFields.put(fields, "png:" + latin1(b, from, z), new String(t, StandardCharsets.ISO_8859_1));
        }
    }

    private static void itxt(byte[] b, int from, int end, XmlFields xml, Map<String, String> fields)
            throws UnreadableFileException {
        int z = zero(b, from, end);
        if (z <= from || z + 3 > end) {
            return;
        }
        String keyword = latin1(b, from, z);
        boolean compressed = b[z + 1] != 0;
        int lang = zero(b, z + 3, end);
        int translated = lang < 0 ? -1 : zero(b, lang + 1, end);
        if (translated < 0) {
            return;
        }
        byte[] t = compressed ? inflate(b, translated + 1, end) : java.util.Arrays.copyOfRange(b, translated + 1, end);
        if (keyword.equals("XML:com.adobe.xmp")) {
            xml.read(new ByteArrayInputStream(t), fields);
        } else {
            XmlFields.put(fields, "png:" + keyword, new String(t, StandardCharsets.UTF_8));
        }
    }

    /** Inflates at most 1 MiB: a text chunk that inflates further is a bomb, not metadata. */
    private static byte[] inflate(byte[] b, int from, int end) throws UnreadableFileException {
        Inflater inf = new Inflater();
        try {
            inf.setInput(b, from, end - from);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            while (!inf.finished()) {
                int n = inf.inflate(buf);
                if (n == 0 && (inf.needsInput() || inf.needsDictionary())) {
                    break;
                }
                out.write(buf, 0, n);
                if (out.size() > MAX_INFLATED) {
                    throw new UnreadableFileException("PNG text chunk inflates past 1 MiB (decompression bomb)");
                }
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            return new byte[0]; // a corrupt text chunk says nothing; the image itself may be fine
        } finally {
            inf.end();
        }
    }

    private static String firstOf(byte[] b, int from, int to, String... words) {
        int best = -1;
        String found = null;
        for (String w : words) {
            int i = indexOf(b, w.getBytes(StandardCharsets.US_ASCII), from, to);
            if (i >= 0 && (best < 0 || i < best)) {
                best = i;
                found = w;
            }
        }
        return found;
    }

    static int indexOf(byte[] b, byte[] pattern, int from) {
        return indexOf(b, pattern, from, b.length);
    }

    static int indexOf(byte[] b, byte[] p, int from, int to) {
        outer:
        for (int i = Math.max(0, from); i <= to - p.length; i++) {
            if (b[i] != p[0]) {
                continue;
            }
            for (int j = 1; j < p.length; j++) {
                if (b[i + j] != p[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static int zero(byte[] b, int from, int end) {
        for (int i = from; i < end; i++) {
            if (b[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    private static String latin1(byte[] b, int from, int to) {
        return new String(b, from, Math.max(0, to - from), StandardCharsets.ISO_8859_1);
    }

    private static int readInt(byte[] b, int at) {
        return (b[at] & 255) << 24 | (b[at + 1] & 255) << 16 | (b[at + 2] & 255) << 8 | (b[at + 3] & 255);
    }

    private static long readLong(byte[] b, int at) {
        return (long) readInt(b, at) << 32 | (readInt(b, at + 4) & 0xFFFFFFFFL);
    }
}
