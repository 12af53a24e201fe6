package tessera.api.json;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;

import tessera.api.InvalidValueException;

/**
 * The one JSON mapping of API records. Unknown fields, wrong types and out-of-range values are
 * rejected with an {@link InvalidJsonException} whose message names the field and what is allowed.
 */
public final class TesseraJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    private TesseraJson() {
    }

    /** The shared mapper; do not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static <T> T read(String json, Class<T> type) throws InvalidJsonException {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw explain(e, type);
        }
    }

    public static <T> T read(InputStream in, Class<T> type) throws InvalidJsonException {
        try {
            return MAPPER.readValue(in, type);
        } catch (IOException e) {
            throw explain(e, type);
        }
    }

    public static <T> T read(Path file, Class<T> type) throws InvalidJsonException, IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, type);
        } catch (InvalidJsonException e) {
            throw new InvalidJsonException(e.field(), file + ": " + e.getMessage());
        }
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    public static void write(Object value, OutputStream out) throws IOException {
        MAPPER.writeValue(out, value);
    }

    /** Turns Jackson's exceptions into one sentence naming the field and what to do. */
    static InvalidJsonException explain(IOException e, Class<?> type) {
        String what = type.getSimpleName();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InvalidValueException iv) {
                String path = e instanceof JsonMappingException jm ? prefix(jm) : "";
                String field = path.isEmpty() || iv.field().startsWith(path) ? iv.field() : path + "." + iv.field();
                return new InvalidJsonException(field, "invalid " + what + ": " + (path.isEmpty() || iv.field().startsWith(path)
                        ? iv.getMessage() : path + "." + iv.getMessage()));
            }
        }
        if (e instanceof UnrecognizedPropertyException u) {
            String known = u.getKnownPropertyIds() == null ? "" : u.getKnownPropertyIds().stream().map(Object::toString)
                    .sorted().collect(Collectors.joining(", "));
            String field = path(u);
            return new InvalidJsonException(field, "invalid " + what + ": unknown field '" + field + "'; known fields: " + known);
        }
        if (e instanceof InvalidFormatException f) {
            String field = path(f);
            return new InvalidJsonException(field, "invalid " + what + ": " + field + ": '" + f.getValue() + "' is not a valid "
                    + friendly(f.getTargetType()));
        }
        if (e instanceof MismatchedInputException m) {
            String field = path(m);
            return new InvalidJsonException(field, "invalid " + what + ": " + (field.isEmpty() ? "document" : field)
                    + ": expected " + friendly(m.getTargetType()) + " (" + firstLine(m.getOriginalMessage()) + ")");
        }
        if (e instanceof JsonProcessingException p) {
            String loc = p.getLocation() == null ? "" : " at line " + p.getLocation().getLineNr() + ", column " + p.getLocation().getColumnNr();
            return new InvalidJsonException("", "malformed JSON" + loc + ": " + firstLine(p.getOriginalMessage()));
        }
        return new InvalidJsonException("", "cannot read " + what + ": " + e.getMessage());
    }

    private static String prefix(JsonMappingException m) {
        String p = path(m);
        int dot = p.lastIndexOf('.');
        return dot < 0 ? "" : p.substring(0, dot);
    }

    private static String path(JsonMappingException m) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : m.getPath()) {
            if (r.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String friendly(Class<?> t) {
        if (t == null) {
            return "value";
        }
        if (t == Integer.class || t == int.class || t == Long.class || t == long.class) {
            return "whole number";
        }
        if (t == Double.class || t == double.class || t == Float.class || t == float.class) {
            return "number";
        }
        if (t == String.class) {
            return "string";
        }
        if (t == Boolean.class || t == boolean.class) {
            return "true or false";
        }
        if (java.util.Map.class.isAssignableFrom(t) || t.isRecord()) {
            return "object";
        }
        if (java.util.Collection.class.isAssignableFrom(t) || t.isArray()) {
            return "array";
        }
        return t.getSimpleName();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
