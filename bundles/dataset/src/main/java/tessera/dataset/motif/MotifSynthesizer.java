package tessera.dataset.motif;

import java.util.SortedMap;

import tessera.api.Check;
import tessera.dataset.motif.internal.CaptionWriter;
import tessera.dataset.motif.internal.MotifPainter;

/**
 * Renders textile motifs. Pure and thread-safe: the same spec and size give the same pixels on every
 * machine and JVM (own PRNG, strict floating point, {@code StrictMath}, no parallelism inside a tile).
 */
public final class MotifSynthesizer {
    private MotifSynthesizer() {
    }

    /**
     * @param spec   what to draw
     * @param width  tile width in pixels, 8..8192
     * @param height tile height in pixels, 8..8192
     * @return the tile, seamless under {@code spec.repeat()}, with caption and labels
     */
    public static Motif render(MotifSpec spec, int width, int height) {
        Check.notNull("spec", spec);
        Check.range("width", width, 8, 8192);
        Check.range("height", height, 8, 8192);
        MotifPainter.Painted p = MotifPainter.paint(spec, width, height, 0, 0, width, height);
        String caption = CaptionWriter.caption(spec, p.inks(), p.style());
        SortedMap<String, String> labels = CaptionWriter.labels(spec, p.inks(), p.style(), caption);
        return new Motif(spec, p.image(), caption, labels, p.inks());
    }

    /** @return the synthesizer version recorded in every label set ({@code synth}); bumped when pixels change */
    public static String version() {
        return CaptionWriter.SYNTH_VERSION;
    }
}
