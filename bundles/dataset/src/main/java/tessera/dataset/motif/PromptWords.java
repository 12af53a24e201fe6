package tessera.dataset.motif;

import java.util.List;

import tessera.api.repeat.RepeatGeometry;

/**
 * What a prompt says about a motif; null where it says nothing.
 *
 * @param family   the motif family named, or null
 * @param palette  the palette named, or null
 * @param repeat   the repeat named, or null
 * @param density  0..1, or null
 * @param scale    0..1, or null
 * @param rotation degrees, or null
 * @param colours  colour count including the ground, 1..64, or null
 * @param matched  the phrases that were understood, in prompt order (for logs and the UI)
 */
public record PromptWords(MotifFamily family, Palette palette, RepeatGeometry repeat, Double density, Double scale,
        Double rotation, Integer colours, List<String> matched) {
    /** Nothing fixed. */
    public static final PromptWords NONE = new PromptWords(null, null, null, null, null, null, null, List.of());

    public PromptWords {
        matched = matched == null ? List.of() : List.copyOf(matched);
    }

    /** @return only family and palette fixed (either may be null) */
    public static PromptWords of(MotifFamily family, Palette palette) {
        return new PromptWords(family, palette, null, null, null, null, null, List.of());
    }
}
