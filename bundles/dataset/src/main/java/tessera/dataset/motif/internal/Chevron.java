package tessera.dataset.motif.internal;

import static tessera.dataset.motif.internal.Brief.frac;
import static tessera.dataset.motif.internal.Brief.lerp;

/**
 * Zigzag bands: the stripe coordinate is bent by a triangle wave along the band. Both the band and
 * the zig wave vectors come from the repeat's dual lattice, so the zigzag closes on itself at every seam.
 */
final class Chevron implements MotifRenderer {
    @Override
    public String paint(Brief b, Canvas canvas) {
        Rng r = b.rng();
        InkSet inks = b.inks();
        double period = b.side() * lerp(0.15, 0.5, b.scale());
        double[] k = b.lattice().waveVector(b.rotation() + 90, period);
        double[] n = b.lattice().waveVector(b.rotation(), period * r.range(1.0, 1.8));
        double angle = Math.toRadians(r.range(35, 50));
        // zig height per half wavelength, in band periods: slope = amplitude·P / (Z/2) = tan(angle)
        double amplitude = Shapes.len(k[0], k[1]) / (2 * Shapes.len(n[0], n[1])) * StrictMath.tan(angle);
        int motifInks = inks.motifInks();
        int stripes = motifInks == 1 ? 1 : motifInks + r.nextInt(2);
        double coverage = lerp(0.3, 0.65, b.density());
        double minWidth = 1.2 * Shapes.len(k[0], k[1]);
        BandSequence bands = BandSequence.random(r, motifInks, stripes, coverage, stripes > 2 && r.chance(0.5), minWidth);
        canvas.paint((x, y) -> {
            double t = frac(n[0] * x + n[1] * y);
            double s = k[0] * x + k[1] * y + amplitude * Math.abs(2 * t - 1);
            return bands.swatchAt(frac(s));
        }, Swatches.of(inks));
        return stripes == 1 ? "two-colour" : "multicolour";
    }
}
