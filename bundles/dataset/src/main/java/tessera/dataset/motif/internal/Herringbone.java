package tessera.dataset.motif.internal;

import static tessera.dataset.motif.internal.Brief.frac;
import static tessera.dataset.motif.internal.Brief.lerp;

/**
 * Broken twill: columns of diagonal stripes that change direction from column to column and are
 * offset by half a stripe at each break, which is what tells herringbone from chevron.
 */
final class Herringbone implements MotifRenderer {
    @Override
    public String paint(Brief b, Canvas canvas) {
        Rng r = b.rng();
        InkSet inks = b.inks();
        double column = b.side() * lerp(0.05, 0.2, b.scale());
        // two columns per period of n; two stripes (one per ink when there are two) per period of k
        double[] n = b.lattice().waveVector(b.rotation(), 2 * column);
        double[] k = b.lattice().waveVector(b.rotation() + 90, 2 * column * r.range(0.5, 0.8));
        double amplitude = 0.5 * Shapes.len(k[0], k[1]) / Shapes.len(n[0], n[1]); // 45° twill lines
        double duty = lerp(0.18, 0.3, b.density());
        boolean twoInks = inks.motifInks() > 1;
        canvas.paint((x, y) -> {
            double t = frac(n[0] * x + n[1] * y);
            double s = k[0] * x + k[1] * y + amplitude * Math.abs(2 * t - 1) + (t < 0.5 ? 0 : 0.25);
            double f = frac(s);
            if (f < duty) {
                return 1;
            }
            return f >= 0.5 && f < 0.5 + duty ? (twoInks ? 2 : 1) : 0;
        }, Swatches.of(inks));
        return twoInks ? "two-colour" : "";
    }
}
