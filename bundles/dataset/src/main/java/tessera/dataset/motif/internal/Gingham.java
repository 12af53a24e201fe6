package tessera.dataset.motif.internal;

import static tessera.dataset.motif.internal.Brief.frac;
import static tessera.dataset.motif.internal.Brief.lerp;

/**
 * An even check woven from a white and a coloured yarn: where one coloured yarn crosses white the
 * cloth reads as a half tone, where two cross it reads full. Two inks give the classic three tones;
 * a third ink gives a two-colour gingham.
 */
final class Gingham implements MotifRenderer {
    @Override
    public String paint(Brief b, Canvas canvas) {
        InkSet inks = b.inks();
        double period = b.side() * lerp(0.1, 0.5, b.scale());
        Lattice.Grid grid = b.lattice().grid(period, period, b.rotation());
        double duty = lerp(0.4, 0.6, b.density());
        var ground = inks.ground();
        var warp = inks.ink(0);
        var weft = inks.motifInks() > 1 ? inks.ink(1) : warp;
        float[][] swatches = {ground.channels(), InkSet.mix(ground, warp, 0.5), InkSet.mix(ground, weft, 0.5),
            warp == weft ? warp.channels() : InkSet.mix(warp, weft, 0.5)};
        canvas.paint((x, y) -> (frac(grid.u(x, y)) < duty ? 1 : 0) + (frac(grid.v(x, y)) < duty ? 2 : 0), swatches);
        return period > b.side() * 0.35 ? "buffalo" : warp == weft ? "classic" : "two-colour";
    }
}
