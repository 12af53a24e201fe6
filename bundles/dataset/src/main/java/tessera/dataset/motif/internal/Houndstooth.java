package tessera.dataset.motif.internal;

import static tessera.dataset.motif.internal.Brief.frac;
import static tessera.dataset.motif.internal.Brief.lerp;

/**
 * Houndstooth as it is woven: four dark and four light threads in warp and weft, 2/2 twill. The
 * broken check with its pointed teeth falls out of the weave; nothing is drawn as a shape. A third
 * ink adds a windowpane overcheck every second repeat (the Glen or Prince of Wales look).
 */
final class Houndstooth implements MotifRenderer {
    @Override
    public String paint(Brief b, Canvas canvas) {
        InkSet inks = b.inks();
        double repeat = b.side() * lerp(0.14, 0.5, b.scale());
        boolean overcheck = inks.motifInks() > 1;
        Lattice.Grid grid = b.lattice().grid(2 * repeat, 2 * repeat, b.rotation());
        canvas.paint((x, y) -> {
            double fu = frac(grid.u(x, y)) * 16, fv = frac(grid.v(x, y)) * 16;
            int tx = Math.min(15, (int) fu), ty = Math.min(15, (int) fv);
            if (overcheck && (fu < 0.7 || fv < 0.7)) {
                return 2;
            }
            boolean warpDark = (tx & 7) < 4;
            boolean weftDark = (ty & 7) < 4;
            boolean warpUp = ((tx + ty) & 3) < 2;
            return (warpUp ? warpDark : weftDark) ? 1 : 0;
        }, Swatches.of(inks));
        return repeat < b.side() * 0.2 ? "puppytooth" : overcheck ? "with windowpane overcheck" : "";
    }
}
