package tessera.plugin.diffusion.internal.model;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prompt to token ids by hashed character n-grams (after fastText): each word is its own bucket plus the buckets of
 * its 3-, 4- and 5-grams with word boundaries marked ({@code <floral>} → {@code <fl, flo, …, al>}). A word the model
 * never saw still lands on n-grams it did see ("florals", "botanicals", "chevrons"), so no prompt fails and related
 * spellings land near each other. Ids are deterministic (FNV-1a), so the same prompt gives the same ids everywhere.
 */
public final class PromptTokens {
    /** The empty prompt is one token of its own: the unconditional input of classifier-free guidance. */
    public static final String EMPTY = "<empty>";

    private PromptTokens() {
    }

    /** One prompt as words and each word's buckets. */
    public record Tokenized(List<String> words, int[][] buckets, boolean truncated) {
    }

    /** Lower case, split on anything but letters and digits; at most {@code maxTokens} words (the rest is cut). */
    public static Tokenized tokenize(String prompt, int buckets, int maxTokens) {
        List<String> words = new ArrayList<>();
        for (String w : (prompt == null ? "" : prompt).toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        boolean cut = words.size() > maxTokens;
        if (cut) {
            words = new ArrayList<>(words.subList(0, maxTokens));
        }
        if (words.isEmpty()) {
            words.add(EMPTY);
        }
        int[][] ids = new int[words.size()][];
        for (int i = 0; i < words.size(); i++) {
            ids[i] = buckets(words.get(i), buckets);
        }
        return new Tokenized(List.copyOf(words), ids, cut);
    }

    static int[] buckets(String word, int buckets) {
        List<Integer> out = new ArrayList<>();
        out.add(hash("w:" + word, buckets));
        if (!word.equals(EMPTY)) {
            String w = "<" + word + ">";
            for (int n = 3; n <= 5; n++) {
                for (int i = 0; i + n <= w.length(); i++) {
                    out.add(hash(w.substring(i, i + n), buckets));
                }
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    static int hash(String s, int buckets) {
        int h = 0x811c9dc5;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x01000193;
        }
        return Integer.remainderUnsigned(h, buckets);
    }
}
