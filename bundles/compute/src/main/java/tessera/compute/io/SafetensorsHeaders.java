package tessera.compute.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Checks a parsed header against the format's rules and turns it into {@link Safetensors.Header}. */
final class SafetensorsHeaders {
    private SafetensorsHeaders() {
    }

    static Safetensors.Header validate(Path file, Object json, long dataStart, long dataBytes)
            throws InvalidSafetensorsException {
        if (!(json instanceof Map<?, ?> root)) {
            throw bad(file, "the header is not a JSON object");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Map.Entry<String, Safetensors.Entry>> entries = new ArrayList<>();
        for (Map.Entry<?, ?> e : root.entrySet()) {
            String name = (String) e.getKey();
            if (name.equals("__metadata__")) {
                if (!(e.getValue() instanceof Map<?, ?> m)) {
                    throw bad(file, "__metadata__ must be an object of strings");
                }
                for (Map.Entry<?, ?> me : m.entrySet()) {
                    if (!(me.getValue() instanceof String v)) {
                        throw bad(file, "__metadata__ value of '" + me.getKey() + "' is not a string");
                    }
                    metadata.put((String) me.getKey(), v);
                }
                continue;
            }
            entries.add(Map.entry(name, entry(file, name, e.getValue())));
        }
        entries.sort(Comparator.comparingLong(en -> en.getValue().begin()));
        Map<String, Safetensors.Entry> tensors = new LinkedHashMap<>();
        long at = 0;
        for (Map.Entry<String, Safetensors.Entry> en : entries) {
            Safetensors.Entry t = en.getValue();
            if (t.begin() != at) {
                throw bad(file, "tensor '" + en.getKey() + "' starts at byte " + t.begin() + ", expected " + at
                        + " (data must be contiguous without holes or overlaps)");
            }
            at = t.end();
            tensors.put(en.getKey(), t);
        }
        if (at != dataBytes) {
            throw bad(file, "tensors cover " + at + " data bytes but the file holds " + dataBytes);
        }
        return new Safetensors.Header(tensors, metadata, dataStart);
    }

    private static Safetensors.Entry entry(Path file, String name, Object v) throws InvalidSafetensorsException {
        if (!(v instanceof Map<?, ?> m) || !m.keySet().equals(java.util.Set.of("dtype", "shape", "data_offsets"))) {
            throw bad(file, "tensor '" + name + "' must have exactly dtype, shape and data_offsets");
        }
        if (!(m.get("dtype") instanceof String dt)) {
            throw bad(file, "tensor '" + name + "': dtype is not a string");
        }
        SafetensorsDtype dtype;
        try {
            dtype = SafetensorsDtype.valueOf(dt);
        } catch (IllegalArgumentException e) {
            throw bad(file, "tensor '" + name + "' has dtype " + dt + "; Tessera reads F32, F16 and BF16 "
                    + "(convert the file, e.g. with safetensors in Python)");
        }
        List<Long> shape = longs(file, name, "shape", m.get("shape"));
        List<Long> offsets = longs(file, name, "data_offsets", m.get("data_offsets"));
        if (offsets.size() != 2 || offsets.get(0) < 0 || offsets.get(1) < offsets.get(0)) {
            throw bad(file, "tensor '" + name + "': data_offsets must be [begin, end] with begin <= end");
        }
        int[] dims = new int[shape.size()];
        long numel = 1;
        for (int i = 0; i < dims.length; i++) {
            long d = shape.get(i);
            if (d < 0 || d > Integer.MAX_VALUE) {
                throw bad(file, "tensor '" + name + "': dimension " + d + " is out of range");
            }
            dims[i] = (int) d;
            numel = Math.multiplyExact(numel, d);
        }
        if (numel > tessera.compute.Shape.MAX_ELEMENTS) {
            throw bad(file, "tensor '" + name + "' has " + numel + " elements; the limit is "
                    + tessera.compute.Shape.MAX_ELEMENTS);
        }
        if (numel * dtype.bytes() != offsets.get(1) - offsets.get(0)) {
            throw bad(file, "tensor '" + name + "': shape " + shape + " of " + dt + " needs " + numel * dtype.bytes()
                    + " bytes but data_offsets span " + (offsets.get(1) - offsets.get(0)));
        }
        return new Safetensors.Entry(dtype, dims, offsets.get(0), offsets.get(1));
    }

    private static List<Long> longs(Path file, String name, String key, Object v) throws InvalidSafetensorsException {
        if (!(v instanceof List<?> l)) {
            throw bad(file, "tensor '" + name + "': " + key + " is not an array");
        }
        List<Long> out = new ArrayList<>();
        for (Object o : l) {
            if (!(o instanceof Long x)) {
                throw bad(file, "tensor '" + name + "': " + key + " must hold integers");
            }
            out.add(x);
        }
        return out;
    }

    private static InvalidSafetensorsException bad(Path file, String what) {
        return new InvalidSafetensorsException(file + ": " + what);
    }
}
