package tessera.dataset.motif;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import tessera.api.repeat.RepeatGeometry;
import tessera.dataset.motif.internal.PromptVocabulary;
import tessera.dataset.motif.internal.PromptVocabulary.Cue;
import tessera.dataset.motif.internal.PromptVocabulary.Kind;

/**
 * Reads motif, palette, repeat, density, scale, orientation and colour-count words from a prompt in
 * the customer's words ("minimalist floral, Nordic palette, half-drop repeat, 6 colours"). Synonyms
 * are understood ("plaid" is tartan, "fair isle" a Nordic knit, "botanical" floral); every other word
 * is ignored. Where a prompt names two things of one kind, the first wins.
 */
public final class PromptReader {
    private PromptReader() {
    }

    /** @return what the prompt says; fields it does not mention are null */
    public static PromptWords words(String prompt) {
        List<String> tokens = tokens(prompt == null ? "" : prompt);
        Map<Kind, Object> strong = new EnumMap<>(Kind.class);
        Map<Kind, Object> weak = new EnumMap<>(Kind.class);
        List<String> matched = new ArrayList<>();
        for (int i = 0; i < tokens.size();) {
            Integer count = colourCount(tokens, i);
            if (count != null) {
                strong.putIfAbsent(Kind.COLOURS, count);
                matched.add(tokens.get(i) + " " + tokens.get(i + 1));
                i += 2;
                continue;
            }
            int used = 0;
            for (int n = Math.min(PromptVocabulary.MAX_PHRASE, tokens.size() - i); n >= 1 && used == 0; n--) {
                String phrase = String.join(" ", tokens.subList(i, i + n));
                List<Cue> cues = PromptVocabulary.lookup(phrase);
                if (!cues.isEmpty()) {
                    for (Cue c : cues) {
                        (c.weak() ? weak : strong).putIfAbsent(c.kind(), c.value());
                    }
                    matched.add(phrase);
                    used = n;
                }
            }
            i += Math.max(1, used);
        }
        weak.forEach(strong::putIfAbsent);
        return new PromptWords((MotifFamily) strong.get(Kind.FAMILY), (Palette) strong.get(Kind.PALETTE),
                RepeatGeometry.findIn(prompt).orElse(null), (Double) strong.get(Kind.DENSITY), (Double) strong.get(Kind.SCALE),
                (Double) strong.get(Kind.ROTATION), (Integer) strong.get(Kind.COLOURS), matched);
    }

    /**
     * @param prompt the customer's words; may be empty
     * @param seed   decides everything the prompt leaves open
     * @return motif parameters: the prompt's words where it has them, the seed's choice elsewhere
     */
    public static MotifSpec read(String prompt, long seed) {
        return MotifSpec.sample(seed, words(prompt));
    }

    /**
     * The repeat a prompt asks for, for the pipeline's rule "request.repeat, else the prompt's repeat
     * words, else block".
     *
     * @return e.g. half-drop for "sage gingham, half-drop"; empty when the prompt names no repeat
     */
    public static Optional<RepeatGeometry> repeat(String prompt) {
        return Optional.ofNullable(words(prompt).repeat());
    }

    /**
     * Lower case; apostrophes dropped ("hound's" → "hounds"); "&amp;" read as "and"; American spellings
     * folded into British ones; split on anything but letters and digits ("half-drop" → half, drop).
     */
    static List<String> tokens(String prompt) {
        String s = prompt.toLowerCase(Locale.ROOT).replace("'", " ").replace("\u2019", " ").replace("&", " and ");
        List<String> out = new ArrayList<>();
        for (String t : s.split("[^a-z0-9]+")) {
            if (t.isEmpty()) {
                continue;
            }
            out.add(switch (t) {
                case "color" -> "colour";
                case "colors" -> "colours";
                case "gray" -> "grey";
                case "colorway", "colorways", "colourways" -> "colourway";
                default -> t;
            });
        }
        return out;
    }

    /** "6 colours", "six colors", "4-colour", "3 tones": a count followed by a colour word. */
    private static Integer colourCount(List<String> tokens, int i) {
        if (i + 1 >= tokens.size()) {
            return null;
        }
        String next = tokens.get(i + 1);
        if (!(next.equals("colour") || next.equals("colours") || next.equals("tones") || next.equals("colourway")
                || next.equals("inks") || next.equals("screens"))) {
            return null;
        }
        String t = tokens.get(i);
        int n = PromptVocabulary.NUMBERS.indexOf(t);
        if (n < 0 && t.matches("[0-9]{1,2}")) {
            n = Integer.parseInt(t);
        }
        return n >= 1 && n <= 64 ? n : null;
    }
}
