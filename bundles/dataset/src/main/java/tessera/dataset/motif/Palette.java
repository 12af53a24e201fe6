package tessera.dataset.motif;

import java.util.List;

import tessera.api.Check;
import tessera.api.InvalidValueException;

/**
 * A named colourway: a ground (the fabric or background colour) and the motif inks printed on it.
 *
 * @param id     lower-case id, e.g. {@code "scandinavian-winter"}
 * @param name   name for captions, e.g. {@code "Scandinavian winter"}
 * @param ground the background colour
 * @param inks   motif colours, 2..12
 */
public record Palette(String id, String name, Ink ground, List<Ink> inks) {
    public Palette {
        Check.id("palette.id", id);
        Check.notNull("palette.name", name);
        Check.notNull("palette.ground", ground);
        inks = List.copyOf(inks);
        if (inks.size() < 2 || inks.size() > 12) {
            throw new InvalidValueException("palette.inks", "has " + inks.size() + " inks; a palette needs 2 to 12");
        }
    }

    /** @return how many colours a design can use from this palette, ground included */
    public int size() {
        return inks.size() + 1;
    }
}
