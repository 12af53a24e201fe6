package tessera.dataset.motif;

import java.util.List;
import java.util.stream.Collectors;

import tessera.api.InvalidValueException;

/**
 * The built-in palettes, in a fixed order (the order is part of the determinism guarantee: dataset
 * tiles cycle through it). Colours are chosen to be printable textile colourways: a fabric-like
 * ground and four to six inks.
 */
public final class PaletteBook {
    private PaletteBook() {
    }

    private static final List<Palette> ALL = List.of(
            palette("nordic", "Nordic", "snow white", "#f4f1ea",
                    "navy", "#1f3a5f", "berry red", "#a4243b", "pine green", "#2e5e4e", "mustard", "#d9a441",
                    "fjord blue", "#6b8cae", "charcoal", "#33363b"),
            palette("pastel", "pastel", "cream", "#fbf7f2",
                    "blush pink", "#f4b6c2", "powder blue", "#a8d8ea", "mint", "#b8e0c8", "butter yellow", "#ffe5a5",
                    "lilac", "#cdb9e3", "peach", "#f7c5a8"),
            palette("earth", "earth", "linen", "#ede3d1",
                    "umber", "#6f4e37", "ochre", "#c8963e", "olive", "#5c6b3a", "sienna", "#a0522d",
                    "bark brown", "#3e2f24", "sand", "#d4b483"),
            palette("jewel", "jewel-tone", "midnight", "#1b1b2f",
                    "emerald", "#0f7b5f", "ruby", "#9b111e", "sapphire", "#2f5fc0", "amethyst", "#7d3c98",
                    "topaz", "#e0a526", "pearl", "#efe6d2"),
            palette("monochrome", "monochrome", "paper white", "#f5f5f2",
                    "black", "#161616", "graphite", "#4a4a4a", "slate grey", "#7a7a7a", "silver grey", "#b0b0b0",
                    "ash", "#d6d6d3"),
            palette("neon", "neon", "black", "#111111",
                    "neon green", "#39ff14", "hot pink", "#ff2079", "electric cyan", "#00e5ff", "acid yellow", "#f5ff00",
                    "ultraviolet", "#b026ff", "neon orange", "#ff6b00"),
            palette("indigo", "indigo", "undyed cotton", "#f3efe6",
                    "deep indigo", "#1b2a4a", "indigo", "#2e4a7d", "denim blue", "#4f6fa8", "faded indigo", "#8aa6cf",
                    "pale sky", "#c9d6ea"),
            palette("terracotta", "terracotta", "sandstone", "#f2e6d8",
                    "terracotta", "#c2593a", "rust", "#9c3d24", "apricot", "#e08e5a", "clay brown", "#6e4a3a",
                    "sand", "#d9b38c", "deep teal", "#2f5d5a"),
            palette("sage", "sage", "oat", "#f1efe6",
                    "sage green", "#9caf88", "deep sage", "#687d5b", "pale sage", "#c9d4b8", "forest green", "#3f5240",
                    "eucalyptus", "#7fa39b", "warm stone", "#b7a58a"),
            palette("scandinavian-winter", "Scandinavian winter", "snow", "#fafaf7",
                    "night blue", "#1e3557", "ice blue", "#9db4c0", "lingonberry red", "#b23a48", "slate blue", "#5c7a8c",
                    "frost", "#d6e2e9", "spruce", "#2f4f4f"),
            palette("coastal", "coastal", "sail white", "#f7f4ec",
                    "navy", "#1d3557", "harbour blue", "#457b9d", "sea glass", "#a8dadc", "coral red", "#e63946",
                    "driftwood", "#c9b79c"),
            palette("blush", "blush", "shell", "#fff5f3",
                    "rose", "#c75b7a", "blush pink", "#e8a0bf", "plum", "#7a2e4f", "petal", "#f6d1c1",
                    "soft moss", "#a5b89e", "wine", "#4e1e2e"));

    private static Palette palette(String id, String name, String groundName, String groundHex, String... inks) {
        Ink[] list = new Ink[inks.length / 2];
        for (int i = 0; i < list.length; i++) {
            list[i] = Ink.of(inks[2 * i], inks[2 * i + 1]);
        }
        return new Palette(id, name, Ink.of(groundName, groundHex), List.of(list));
    }

    /** @return every built-in palette, in catalogue order */
    public static List<Palette> all() {
        return ALL;
    }

    /** @throws InvalidValueException naming the known ids when {@code id} is not one */
    public static Palette byId(String id) {
        for (Palette p : ALL) {
            if (p.id().equals(id)) {
                return p;
            }
        }
        throw new InvalidValueException("palette", "'" + id + "' is not a palette; use one of "
                + ALL.stream().map(Palette::id).collect(Collectors.joining(", ")));
    }
}
