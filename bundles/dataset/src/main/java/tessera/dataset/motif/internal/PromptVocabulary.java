package tessera.dataset.motif.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import tessera.api.repeat.RepeatGeometry;
import tessera.api.repeat.RepeatType;
import tessera.dataset.motif.MotifFamily;
import tessera.dataset.motif.PaletteBook;

/**
 * The words a prompt reader understands, as normalised phrases of one to three tokens ("half drop",
 * "black and white", "pied de poule"). A weak cue counts only when nothing stronger of its kind is
 * said: "nordic" alone suggests a knit, but "nordic palette, floral" is a floral.
 */
public final class PromptVocabulary {
    private PromptVocabulary() {
    }

    public enum Kind { FAMILY, PALETTE, REPEAT, DENSITY, SCALE, ROTATION, COLOURS }

    /** @param value a MotifFamily, Palette, RepeatGeometry, Double or Integer according to kind */
    public record Cue(Kind kind, Object value, boolean weak) {
    }

    /** Longest phrase in tokens. */
    public static final int MAX_PHRASE = 3;

    private static final Map<String, List<Cue>> PHRASES = new HashMap<>();

    /** Number words for colour counts ("six colours", "two-tone"). */
    public static final List<String> NUMBERS = List.of("zero", "one", "two", "three", "four", "five", "six", "seven",
            "eight", "nine", "ten", "eleven", "twelve");

    static {
        family(MotifFamily.STRIPES, "stripe", "stripes", "striped", "stripy", "stripey", "breton", "awning", "bayadere",
                "ticking");
        family(MotifFamily.PINSTRIPE, "pinstripe", "pinstripes", "pinstriped", "pin stripe", "pin stripes", "chalk stripe",
                "chalk stripes", "chalkstripe");
        family(MotifFamily.GINGHAM, "gingham", "vichy", "check", "checks", "checked", "checkered", "chequered",
                "checkerboard", "buffalo check", "windowpane");
        family(MotifFamily.TARTAN, "tartan", "tartans", "plaid", "plaids", "madras", "tattersall");
        family(MotifFamily.POLKA_DOT, "polka", "polka dot", "polka dots", "polkadot", "polkadots", "dot", "dots", "dotted",
                "spot", "spots", "spotted", "spotty", "confetti");
        family(MotifFamily.CHEVRON, "chevron", "chevrons", "zigzag", "zigzags", "zig zag");
        family(MotifFamily.HERRINGBONE, "herringbone", "fishbone", "broken twill");
        family(MotifFamily.HOUNDSTOOTH, "houndstooth", "hounds tooth", "hound s tooth", "houndstooth check", "dogtooth",
                "dog tooth", "puppytooth", "pied de poule");
        family(MotifFamily.ARGYLE, "argyle", "argyll", "harlequin", "diamond", "diamonds");
        family(MotifFamily.FLORAL, "floral", "florals", "flower", "flowers", "flowery", "botanical", "botanicals",
                "blossom", "blossoms", "bloom", "blooms", "petal", "petals", "rose", "roses", "daisy", "daisies", "ditsy",
                "ditzy", "garden", "leaf", "leaves", "foliage", "poppy", "poppies", "flowered");
        family(MotifFamily.PAISLEY, "paisley", "paisleys", "teardrop", "teardrops", "boteh", "buta");
        family(MotifFamily.DAMASK, "damask", "ogee", "ogees", "brocade", "baroque", "ornamental", "ornament", "medallion",
                "medallions", "arabesque", "victorian");
        family(MotifFamily.NORDIC_KNIT, "fair isle", "fairisle", "knit", "knitted", "knitting", "knitwear", "sweater",
                "jumper", "nordic knit", "norwegian", "selbu", "snowflake", "snowflakes");
        family(MotifFamily.GEOMETRIC, "geometric", "geometrics", "geo", "truchet", "bauhaus", "mosaic", "triangle",
                "triangles", "quilt", "quilted", "patchwork");
        family(MotifFamily.BRUSH_MARKS, "brush", "brushstroke", "brushstrokes", "brush stroke", "brush strokes",
                "brush marks", "brushmarks", "painterly", "abstract", "strokes", "expressive", "gestural");

        palette("nordic", "nordic", "nordic palette", "nordic colours");
        add("nordic", new Cue(Kind.FAMILY, MotifFamily.NORDIC_KNIT, true));
        add("nordic knit", new Cue(Kind.PALETTE, PaletteBook.byId("nordic"), true));
        palette("scandinavian-winter", "scandinavian", "scandi", "scandinavian winter", "wintry");
        weakPalette("scandinavian-winter", "winter", "icy");
        palette("pastel", "pastel", "pastels", "pastel colours");
        weakPalette("pastel", "soft");
        palette("earth", "earth", "earthy", "earth tones", "earth tone", "earth toned");
        weakPalette("earth", "natural", "neutral", "neutrals");
        palette("jewel", "jewel", "jewels", "jewel tones", "jewel tone", "jewelled", "jeweled");
        palette("monochrome", "monochrome", "monochromatic", "mono", "black and white", "greyscale", "grey scale",
                "grayscale");
        palette("neon", "neon", "neons", "fluorescent", "fluoro", "day glo");
        weakPalette("neon", "electric", "vivid");
        palette("indigo", "indigo", "denim", "shibori", "blue and white");
        palette("terracotta", "terracotta", "terra cotta", "rust", "clay");
        palette("sage", "sage", "sage green");
        weakPalette("sage", "green", "greens");
        palette("coastal", "coastal", "nautical", "marine", "seaside", "navy and white");
        palette("blush", "blush", "pink", "pinks", "rosy");

        // Repeat phrases are listed so that they count as understood words; which repeat they mean is read
        // by RepeatGeometry.findIn alone, so the pipeline and every generator agree (#3).
        repeat(RepeatGeometry.HALF_DROP, "half drop", "halfdrop", "half drop repeat");
        add("drop", new Cue(Kind.REPEAT, RepeatGeometry.HALF_DROP, true));
        repeat(RepeatGeometry.HALF_BRICK, "half brick", "halfbrick", "brick", "brick repeat", "half brick repeat");
        repeat(RepeatGeometry.MIRROR, "mirror", "mirrored", "mirror repeat", "reflected", "reflect");
        repeat(RepeatGeometry.BLOCK, "block", "block repeat", "full drop", "straight repeat", "grid repeat", "square repeat");
        repeat(new RepeatGeometry(RepeatType.DROP, 0.25), "quarter drop");
        repeat(new RepeatGeometry(RepeatType.DROP, 0.333), "third drop", "1 3 drop");

        number(Kind.DENSITY, 0.8, "dense", "densely", "busy", "packed", "all over", "allover", "crowded", "lush", "abundant");
        number(Kind.DENSITY, 0.25, "sparse", "sparsely", "scattered", "spaced", "airy", "minimal", "minimalist", "simple",
                "clean");
        number(Kind.DENSITY, 0.35, "tossed");
        number(Kind.SCALE, 0.8, "large", "large scale", "big", "bold", "oversized", "jumbo", "giant", "statement", "huge");
        number(Kind.SCALE, 0.2, "small", "small scale", "tiny", "mini", "micro", "ditsy", "ditzy", "petite", "fine", "little");
        number(Kind.SCALE, 0.5, "medium", "medium scale", "mid scale");
        number(Kind.ROTATION, 0.0, "horizontal", "horizontally");
        number(Kind.ROTATION, 90.0, "vertical", "vertically");
        number(Kind.ROTATION, 45.0, "diagonal", "diagonally", "bias", "slanted", "angled");
        add("two tone", new Cue(Kind.COLOURS, 2, false));
        add("tonal", new Cue(Kind.COLOURS, 2, true));
        add("minimalist", new Cue(Kind.COLOURS, 3, true));
        add("minimal", new Cue(Kind.COLOURS, 3, true));
    }

    /** @return the cues a normalised phrase carries, or an empty list */
    public static List<Cue> lookup(String phrase) {
        return PHRASES.getOrDefault(phrase, List.of());
    }

    private static void add(String phrase, Cue cue) {
        PHRASES.merge(phrase, List.of(cue), (a, b) -> {
            java.util.ArrayList<Cue> all = new java.util.ArrayList<>(a);
            all.addAll(b);
            return List.copyOf(all);
        });
    }

    private static void family(MotifFamily f, String... phrases) {
        for (String p : phrases) {
            add(p, new Cue(Kind.FAMILY, f, false));
        }
    }

    private static void palette(String id, String... phrases) {
        for (String p : phrases) {
            add(p, new Cue(Kind.PALETTE, PaletteBook.byId(id), false));
        }
    }

    private static void weakPalette(String id, String... phrases) {
        for (String p : phrases) {
            add(p, new Cue(Kind.PALETTE, PaletteBook.byId(id), true));
        }
    }

    private static void repeat(RepeatGeometry r, String... phrases) {
        for (String p : phrases) {
            add(p, new Cue(Kind.REPEAT, r, false));
        }
    }

    private static void number(Kind kind, double value, String... phrases) {
        for (String p : phrases) {
            add(p, new Cue(kind, value, false));
        }
    }
}
