package tessera.dataset.motif.internal;

import static tessera.dataset.motif.internal.Brief.frac;
import static tessera.dataset.motif.internal.Brief.lerp;

/** Printed or yarn-dyed stripes at any angle; the period is made commensurate with the repeat. */
final class Stripes implements MotifRenderer {
    @Override
    public String paint(Brief b, Canvas canvas) {
        Rng r = b.rng();
        InkSet inks = b.inks();
        double period = b.side() * lerp(0.14, 0.6, b.scale());
        double[] k = b.lattice().waveVector(b.rotation() + 90, period);
        int motifInks = inks.motifInks();
        int stripes = motifInks == 1 ? r.between(1, 2) : motifInks + r.nextInt(2);
        boolean symmetric = stripes > 1 && r.chance(0.5);
        double coverage = lerp(0.2, 0.7, b.density());
        double actualPeriod = 1 / Shapes.len(k[0], k[1]);
        BandSequence bands = BandSequence.random(r, motifInks, stripes, coverage, symmetric, 1.2 / actualPeriod);
        canvas.paint((x, y) -> bands.swatchAt(frac(k[0] * x + k[1] * y)), Swatches.of(inks));
        if (motifInks == 1 && stripes == 1) {
            return coverage > 0.42 ? "awning" : "Breton";
        }
        return symmetric ? "multicolour symmetric" : "multicolour";
    }
}
