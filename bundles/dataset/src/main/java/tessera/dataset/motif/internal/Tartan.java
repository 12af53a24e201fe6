package tessera.dataset.motif.internal;

import static tessera.dataset.motif.internal.Brief.frac;
import static tessera.dataset.motif.internal.Brief.lerp;

/**
 * A tartan: one symmetric sett used in warp and weft. Where threads are at least 1.5 px the 2/2 twill
 * is drawn thread by thread (the diagonal texture of real tartan); finer, the crossing is shown as the
 * even mix of warp and weft colour it reads as from a distance.
 */
final class Tartan implements MotifRenderer {
    private static final int[] THREADS = {2, 4, 6, 8, 12, 16, 24, 32};

    @Override
    public String paint(Brief b, Canvas canvas) {
        Rng r = b.rng();
        InkSet inks = b.inks();
        int colours = inks.motifInks() + 1;
        int stripes = r.between(Math.max(3, colours), 7);
        int[] colour = new int[stripes];
        int[] width = new int[stripes];
        int half = 0;
        for (int i = 0; i < stripes; i++) {
            colour[i] = i < colours ? i : r.nextInt(colours);
            width[i] = THREADS[r.nextInt(THREADS.length)];
            half += width[i];
        }
        for (int i = colours - 1; i > 0; i--) { // shuffle which colour is the wide ground stripe
            int j = r.nextInt(i + 1);
            int t = colour[i];
            colour[i] = colour[j];
            colour[j] = t;
        }
        // symmetric sett: out and back, pivots not repeated
        int threads = 2 * half;
        int[] sett = new int[threads];
        int at = 0;
        for (int i = 0; i < stripes; i++) {
            for (int t = 0; t < width[i]; t++) {
                sett[at] = colour[i];
                sett[threads - 1 - at] = colour[i];
                at++;
            }
        }
        double period = b.side() * lerp(0.4, 1.0, b.scale());
        Lattice.Grid grid = b.lattice().grid(period, period, b.rotation());
        boolean twill = grid.cellWidth() / threads >= 1.5 && grid.cellHeight() / threads >= 1.5;
        float[][] swatches = new float[colours * colours][];
        for (int i = 0; i < colours; i++) {
            for (int j = 0; j < colours; j++) {
                swatches[i * colours + j] = twill || i == j ? colourOf(inks, i).channels()
                        : InkSet.mix(colourOf(inks, i), colourOf(inks, j), 0.5);
            }
        }
        canvas.paint((x, y) -> {
            int tx = Math.min(threads - 1, (int) (frac(grid.u(x, y)) * threads));
            int ty = Math.min(threads - 1, (int) (frac(grid.v(x, y)) * threads));
            int warp = sett[tx], weft = sett[ty];
            if (twill) {
                return ((tx + ty) & 3) < 2 ? warp * colours + warp : weft * colours + weft;
            }
            return warp * colours + weft;
        }, swatches);
        return twill ? "twill" : "";
    }

    private static tessera.dataset.motif.Ink colourOf(InkSet inks, int i) {
        return i == 0 ? inks.ground() : inks.ink(i - 1);
    }
}
