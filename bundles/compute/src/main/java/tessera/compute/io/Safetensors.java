package tessera.compute.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tessera.compute.ComputeDevice;
import tessera.compute.Tensor;

/**
 * Reads and writes safetensors files (https://github.com/huggingface/safetensors): an 8-byte
 * little-endian header length N, N bytes of JSON header
 * ({@code {"__metadata__":{..}, "name":{"dtype":"F32","shape":[..],"data_offsets":[begin,end]}}},
 * padded with spaces to a multiple of 8), then the little-endian data, offsets relative to its
 * start, with no holes. Written files are byte-identical to the reference implementation's
 * {@code serialize}: tensors ordered by dtype alignment (descending) then name, metadata keys
 * sorted (the reference keeps them in a hash map, so its order is arbitrary).
 */
public final class Safetensors {
    /** The reference implementation's header limit. */
    public static final long MAX_HEADER_BYTES = 100_000_000L;
    private static final String METADATA = "__metadata__";

    private Safetensors() {
    }

    /** One tensor's entry in a header. */
    public record Entry(SafetensorsDtype dtype, int[] shape, long begin, long end) {
        /** Elements, from the shape. */
        public long numel() {
            long n = 1;
            for (int d : shape) {
                n *= d;
            }
            return n;
        }
    }

    /** A parsed header: entries in data order, and the free-form metadata. */
    public record Header(Map<String, Entry> tensors, Map<String, String> metadata, long dataStart) {
    }

    /** Reads only the header (to inspect names, shapes and metadata without loading data). */
    public static Header readHeader(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return header(ch, file);
        }
    }

    /**
     * Reads every tensor as float32 onto {@code device}, in the current scope; names in data order.
     *
     * @throws InvalidSafetensorsException when the file breaks the format or holds another dtype
     */
    public static Map<String, Tensor> read(Path file, ComputeDevice device) throws IOException {
        Map<String, Tensor> out = new LinkedHashMap<>();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            Header h = header(ch, file);
            for (Map.Entry<String, Entry> e : h.tensors().entrySet()) {
                Entry en = e.getValue();
                float[] values = decode(ch, h.dataStart() + en.begin(), en);
                out.put(e.getKey(), Tensor.of(device, values, en.shape()));
            }
        }
        return out;
    }

    /** Writes float32 tensors; see {@link #write(Path, Map, Map, SafetensorsDtype)}. */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        write(file, tensors, metadata, SafetensorsDtype.F32);
    }

    /**
     * Writes tensors (converted to {@code dtype}) atomically: to a sibling temporary file, then
     * renamed over {@code file}.
     *
     * @param metadata free-form strings, or empty for none (then no {@code __metadata__} key)
     */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata,
            SafetensorsDtype dtype) throws IOException {
        Path abs = file.toAbsolutePath();
        Path tmp = Files.createTempFile(abs.getParent(), abs.getFileName().toString(), ".tmp");
        try {
            try (OutputStream os = Files.newOutputStream(tmp)) {
                serialize(tensors, metadata, dtype, os);
            }
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The file's bytes, for a stream or a test. */
    public static void serialize(Map<String, Tensor> tensors, Map<String, String> metadata, SafetensorsDtype dtype,
            OutputStream os) throws IOException {
        List<String> names = new ArrayList<>(tensors.keySet());
        // the reference sorts names as Rust strings: by UTF-8 bytes
        names.sort(Comparator.comparing((String n) -> n.getBytes(StandardCharsets.UTF_8), java.util.Arrays::compareUnsigned));
        StringBuilder json = new StringBuilder("{");
        if (metadata != null && !metadata.isEmpty()) {
            HeaderJson.quote(json, METADATA);
            json.append(":{");
            boolean first = true;
            for (Map.Entry<String, String> m : new TreeMap<>(metadata).entrySet()) {
                json.append(first ? "" : ",");
                first = false;
                HeaderJson.quote(json, m.getKey());
                json.append(':');
                HeaderJson.quote(json, m.getValue());
            }
            json.append('}');
        }
        long offset = 0;
        for (String name : names) {
            if (name.equals(METADATA)) {
                throw new InvalidSafetensorsException("a tensor may not be named " + METADATA);
            }
            Tensor t = tensors.get(name);
            long bytes = (long) t.numel() * dtype.bytes();
            json.append(json.length() > 1 ? "," : "");
            HeaderJson.quote(json, name);
            json.append(":{\"dtype\":\"").append(dtype.name()).append("\",\"shape\":[");
            for (int i = 0; i < t.rank(); i++) {
                json.append(i > 0 ? "," : "").append(t.dim(i));
            }
            json.append("],\"data_offsets\":[").append(offset).append(',').append(offset + bytes).append("]}");
            offset += bytes;
        }
        json.append('}');
        byte[] header = json.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (header.length + 7) / 8 * 8;
        ByteBuffer prefix = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        prefix.putLong(padded).put(header);
        while (prefix.hasRemaining()) {
            prefix.put((byte) ' ');
        }
        os.write(prefix.array());
        for (String name : names) {
            os.write(encode(tensors.get(name).toArray(), dtype));
        }
    }

    private static byte[] encode(float[] v, SafetensorsDtype dtype) {
        ByteBuffer b = ByteBuffer.allocate(v.length * dtype.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            int bits = dtype.encode(f);
            if (dtype.bytes() == 4) {
                b.putInt(bits);
            } else {
                b.putShort((short) bits);
            }
        }
        return b.array();
    }

    private static float[] decode(FileChannel ch, long position, Entry e) throws IOException {
        int n = Math.toIntExact(e.numel());
        float[] out = new float[n];
        int size = e.dtype().bytes();
        ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        long pos = position;
        int done = 0;
        while (done < n) {
            buf.clear();
            buf.limit((int) Math.min(buf.capacity(), (long) (n - done) * size));
            while (buf.hasRemaining()) {
                int r = ch.read(buf, pos + buf.position());
                if (r < 0) {
                    throw new InvalidSafetensorsException("file ends inside a tensor's data");
                }
            }
            buf.flip();
            pos += buf.limit();
            while (buf.remaining() >= size) {
                out[done++] = e.dtype().decode(size == 4 ? buf.getInt() : buf.getShort() & 0xFFFF);
            }
        }
        return out;
    }

    private static Header header(FileChannel ch, Path file) throws IOException {
        long fileSize = ch.size();
        if (fileSize < 8) {
            throw new InvalidSafetensorsException(file + " is " + fileSize + " bytes, too short for safetensors");
        }
        ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, len, 0);
        long n = len.flip().getLong();
        if (n < 2 || n > MAX_HEADER_BYTES || n > fileSize - 8) {
            throw new InvalidSafetensorsException(file + ": header length " + Long.toUnsignedString(n)
                    + " is invalid for a file of " + fileSize + " bytes (limit " + MAX_HEADER_BYTES + ")");
        }
        ByteBuffer hb = ByteBuffer.allocate((int) n);
        readFully(ch, hb, 8);
        String text = StandardCharsets.UTF_8.newDecoder().decode(hb.flip()).toString();
        if (!text.startsWith("{")) {
            throw new InvalidSafetensorsException(file + ": the header must start with '{'");
        }
        return SafetensorsHeaders.validate(file, HeaderJson.parse(text), 8 + n, fileSize - 8 - n);
    }

    private static void readFully(FileChannel ch, ByteBuffer b, long pos) throws IOException {
        while (b.hasRemaining()) {
            if (ch.read(b, pos + b.position()) < 0) {
                throw new InvalidSafetensorsException("unexpected end of file");
            }
        }
    }
}
