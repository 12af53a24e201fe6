package tessera.dataset.motif.internal;

import tessera.dataset.motif.Palette;

/** Draws one motif family. Implementations hold no state; every random choice comes from the brief. */
public interface MotifRenderer {
    /** Chooses the inks; pinstripes and knits override to put a dark ground down. */
    default InkSet chooseInks(Palette palette, int total, Rng rng) {
        return InkSet.choose(palette, total, rng, false);
    }

    /**
     * Paints the design onto the canvas. All random draws must happen in an order that does not
     * depend on the canvas window.
     *
     * @return a few words on the variant drawn, for the caption (e.g. "daisies with leaves")
     */
    String paint(Brief brief, Canvas canvas);
}
