package tessera.dataset.motif;

import java.util.Arrays;
import java.util.stream.Collectors;

import tessera.api.InvalidValueException;

/**
 * The motif families the synthesizer draws, with the colour counts each can use (ground included).
 * The declaration order is part of the determinism guarantee: dataset tiles cycle through it.
 */
public enum MotifFamily {
    STRIPES("stripes", "stripes", 2, 6),
    PINSTRIPE("pinstripe", "pinstripe", 2, 3),
    GINGHAM("gingham", "gingham check", 2, 3),
    TARTAN("tartan", "tartan plaid", 3, 6),
    POLKA_DOT("polka-dot", "polka dot", 2, 4),
    CHEVRON("chevron", "chevron", 2, 5),
    HERRINGBONE("herringbone", "herringbone", 2, 3),
    HOUNDSTOOTH("houndstooth", "houndstooth", 2, 3),
    ARGYLE("argyle", "argyle", 2, 4),
    FLORAL("floral", "floral", 3, 6),
    PAISLEY("paisley", "paisley", 3, 6),
    DAMASK("damask", "damask ogee", 2, 3),
    NORDIC_KNIT("nordic-knit", "Nordic Fair Isle knit", 2, 5),
    GEOMETRIC("geometric", "geometric tiles", 2, 5),
    BRUSH_MARKS("brush-marks", "abstract brush marks", 2, 6);

    private final String id;
    private final String noun;
    private final int minColours;
    private final int maxColours;

    MotifFamily(String id, String noun, int minColours, int maxColours) {
        this.id = id;
        this.noun = noun;
        this.minColours = minColours;
        this.maxColours = maxColours;
    }

    /** @return the id used in labels and JSON, e.g. {@code polka-dot} */
    public String id() {
        return id;
    }

    /** @return the words captions use, e.g. {@code "gingham check"} */
    public String noun() {
        return noun;
    }

    /** @return fewest colours a design of this family has, ground included */
    public int minColours() {
        return minColours;
    }

    /** @return most colours a design of this family has, ground included */
    public int maxColours() {
        return maxColours;
    }

    /** @throws InvalidValueException naming the known ids */
    public static MotifFamily of(String id) {
        for (MotifFamily f : values()) {
            if (f.id.equals(id)) {
                return f;
            }
        }
        throw new InvalidValueException("family", "'" + id + "' is not a motif family; use one of "
                + Arrays.stream(values()).map(MotifFamily::id).collect(Collectors.joining(", ")));
    }
}
