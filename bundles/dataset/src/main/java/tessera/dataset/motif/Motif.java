package tessera.dataset.motif;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

import tessera.api.Check;
import tessera.api.image.RgbImage;

/**
 * One synthesized tile with its description.
 *
 * @param spec    what was asked
 * @param image   the tile, seamless under {@code spec.repeat()}
 * @param caption one English sentence naming the family, style, colours, palette and repeat
 * @param labels  structured labels, sorted by key (schema in docs/dataset.md)
 * @param inks    the colours drawn, ground first
 */
public record Motif(MotifSpec spec, RgbImage image, String caption, SortedMap<String, String> labels, List<Ink> inks) {
    public Motif {
        Check.notNull("spec", spec);
        Check.notNull("image", image);
        labels = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(labels));
        inks = List.copyOf(inks);
    }
}
