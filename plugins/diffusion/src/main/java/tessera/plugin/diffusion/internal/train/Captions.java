package tessera.plugin.diffusion.internal.train;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;

import tessera.dataset.motif.MotifFamily;
import tessera.dataset.motif.PaletteBook;

/**
 * Training prompts from a tile's labels. The synthesizer's captions always say everything in one order; customers
 * name a few things in any order ("floral, Nordic palette, half-drop"). So each time a tile is drawn its prompt is
 * rebuilt from a random subset of its properties in random order (sometimes the full caption), and one prompt in
 * ten is empty, which trains the unconditional model classifier-free guidance needs.
 */
public final class Captions {
    static final double EMPTY = 0.1, FULL_CAPTION = 0.2;

    private Captions() {
    }

    public static String prompt(Map<String, String> labels, String caption, SplittableRandom r) {
        double u = r.nextDouble();
        if (u < EMPTY) {
            return "";
        }
        if (u < EMPTY + FULL_CAPTION && caption != null && !caption.isBlank()) {
            return caption;
        }
        List<String> parts = new ArrayList<>();
        String family = labels.get("family");
        if (family != null && r.nextDouble() < 0.95) {
            parts.add(familyWords(family, r));
        }
        String palette = labels.get("palette");
        if (palette != null && r.nextDouble() < 0.8) {
            parts.add(paletteWords(palette, r));
        }
        if (labels.containsKey("repeat") && r.nextDouble() < 0.4) {
            parts.add(labels.get("repeat") + " repeat");
        }
        if (labels.containsKey("colours") && r.nextDouble() < 0.35) {
            parts.add(labels.get("colours") + " colours");
        }
        String density = density(labels.get("density"));
        if (density != null && r.nextDouble() < 0.5) {
            parts.add(density);
        }
        if (labels.containsKey("ink_names") && r.nextDouble() < 0.25) {
            String[] inks = labels.get("ink_names").split(",");
            parts.add(inks.length > 1 ? "on " + inks[0] : inks[0]);
        }
        if (parts.isEmpty()) {
            return caption == null ? "" : caption;
        }
        shuffle(parts, r);
        return String.join(r.nextBoolean() ? ", " : " ", parts);
    }

    /** A prompt that names a family and a palette, the way the adherence benchmark asks. */
    public static String request(String family, String palette, String repeat) {
        return familyWords(family, null) + ", " + paletteWords(palette, null) + (repeat == null ? "" : ", " + repeat + " repeat");
    }

    static String familyWords(String id, SplittableRandom r) {
        try {
            MotifFamily f = MotifFamily.of(id);
            return r == null || r.nextBoolean() ? f.noun() : id.replace('-', ' ');
        } catch (IllegalArgumentException e) {
            return id.replace('-', ' ');
        }
    }

    static String paletteWords(String id, SplittableRandom r) {
        String name;
        try {
            name = PaletteBook.byId(id).name();
        } catch (IllegalArgumentException e) {
            name = id.replace('-', ' ');
        }
        return r == null || r.nextBoolean() ? name + " palette" : name + " colours";
    }

    static String density(String d) {
        if (d == null) {
            return null;
        }
        double v = Double.parseDouble(d);
        return v < 0.34 ? "sparse" : v > 0.66 ? "dense" : null;
    }

    private static void shuffle(List<String> parts, SplittableRandom r) {
        Collections.shuffle(parts, new Random(r.nextLong()));
    }

    /**
     * Family–palette pairs kept out of training, about {@code fraction} of all, chosen by a hash of the names so the
     * same data always holds out the same pairs: the benchmark prompts for these combinations are ones the model has
     * only seen apart.
     */
    public static List<String> heldOut(List<String> families, List<String> palettes, double fraction) {
        List<String> out = new ArrayList<>();
        if (fraction <= 0) {
            return out;
        }
        int modulus = (int) Math.max(2, Math.round(1 / fraction));
        for (String f : families) {
            for (String p : palettes) {
                String pair = f + "|" + p;
                int h = 0x811c9dc5;
                for (byte b : pair.getBytes(StandardCharsets.UTF_8)) {
                    h = (h ^ (b & 0xff)) * 0x01000193;
                }
                if (Integer.remainderUnsigned(h, modulus) == 0) {
                    out.add(pair.toLowerCase(Locale.ROOT));
                }
            }
        }
        return out;
    }
}
