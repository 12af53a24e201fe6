package tessera.api.repeat;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import tessera.api.Check;
import tessera.api.InvalidValueException;

/**
 * Repeat type plus the offset it uses. In JSON either a string ({@code "half-drop"}) or an object
 * ({@code {"type":"drop","offset":0.333}}).
 *
 * @param type   how neighbouring tiles are placed
 * @param offset drop or shift as a fraction of the tile height (drop) or width (brick), in [0, 1);
 *               0.5 for the half repeats and 0 for block and mirror
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RepeatGeometry(RepeatType type, double offset) {
    public static final RepeatGeometry BLOCK = new RepeatGeometry(RepeatType.BLOCK, 0);
    public static final RepeatGeometry HALF_DROP = new RepeatGeometry(RepeatType.HALF_DROP, 0.5);
    public static final RepeatGeometry HALF_BRICK = new RepeatGeometry(RepeatType.HALF_BRICK, 0.5);
    public static final RepeatGeometry MIRROR = new RepeatGeometry(RepeatType.MIRROR, 0);

    public RepeatGeometry {
        Check.notNull("repeat.type", type);
        switch (type) {
            case HALF_DROP, HALF_BRICK -> offset = 0.5;
            case BLOCK, MIRROR -> {
                if (offset != 0) {
                    throw new InvalidValueException("repeat.offset", type.id() + " has no offset; use 'drop' or 'brick' for an offset");
                }
            }
            case DROP, BRICK -> Check.range("repeat.offset", offset, 0, 0.999);
        }
    }

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public RepeatGeometry(@JsonProperty("type") RepeatType type, @JsonProperty("offset") Double offset) {
        this(type, offset == null ? 0 : offset.doubleValue());
    }

    /** Parses {@code "half-drop"}, {@code "drop:0.333"} or {@code "brick:0.25"}. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static RepeatGeometry parse(String text) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            RepeatType t = RepeatType.of(text);
            return new RepeatGeometry(t, t == RepeatType.HALF_DROP || t == RepeatType.HALF_BRICK ? 0.5 : 0);
        }
        RepeatType t = RepeatType.of(text.substring(0, colon));
        try {
            return new RepeatGeometry(t, Double.parseDouble(text.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new InvalidValueException("repeat.offset", "'" + text.substring(colon + 1) + "' is not a number");
        }
    }

    /**
     * Finds repeat words in free text ("…, half-drop repeat, …", "brick", "mirrored", "third drop"). This is
     * the one reading of repeat words: the pipeline resolves a job's repeat with it and generators agree.
     *
     * @return the first repeat named, or empty when the text names none
     */
    public static java.util.Optional<RepeatGeometry> findIn(String text) {
        if (text == null) {
            return java.util.Optional.empty();
        }
        String[] tokens = text.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", " ").trim().split(" ");
        boolean looseDrop = false;
        for (int i = 0; i < tokens.length; i++) {
            for (int n = Math.min(3, tokens.length - i); n >= 1; n--) {
                RepeatGeometry r = PHRASES.get(String.join(" ", java.util.Arrays.asList(tokens).subList(i, i + n)));
                if (r != null) {
                    return java.util.Optional.of(r);
                }
            }
            looseDrop |= tokens[i].equals("drop");
        }
        // a bare "drop" (as in "6 colour drop repeat") means the trade's default drop, the half drop
        return looseDrop ? java.util.Optional.of(HALF_DROP) : java.util.Optional.empty();
    }

    private static final java.util.Map<String, RepeatGeometry> PHRASES = phrases();

    private static java.util.Map<String, RepeatGeometry> phrases() {
        java.util.Map<String, RepeatGeometry> m = new java.util.HashMap<>();
        for (String p : new String[] {"half drop", "halfdrop"}) {
            m.put(p, HALF_DROP);
        }
        for (String p : new String[] {"half brick", "halfbrick", "brick"}) {
            m.put(p, HALF_BRICK);
        }
        for (String p : new String[] {"mirror", "mirrored", "reflected", "reflect"}) {
            m.put(p, MIRROR);
        }
        for (String p : new String[] {"block", "full drop", "straight repeat", "grid repeat", "square repeat"}) {
            m.put(p, BLOCK);
        }
        m.put("quarter drop", new RepeatGeometry(RepeatType.DROP, 0.25));
        m.put("third drop", new RepeatGeometry(RepeatType.DROP, 0.333));
        m.put("1 3 drop", new RepeatGeometry(RepeatType.DROP, 0.333));
        m.put("1 4 drop", new RepeatGeometry(RepeatType.DROP, 0.25));
        return java.util.Map.copyOf(m);
    }

    /** @return the short form, e.g. {@code half-drop} or {@code drop:0.333} */
    public String label() {
        return type == RepeatType.DROP || type == RepeatType.BRICK ? type.id() + ":" + offset : type.id();
    }
}
