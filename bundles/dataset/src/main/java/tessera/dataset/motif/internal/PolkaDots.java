package tessera.dataset.motif.internal;

import static tessera.dataset.motif.internal.Brief.lerp;

import java.util.List;

/**
 * Spots: either the classic set layout (rows offset by half a spot, a hexagonal grid made
 * commensurate with the repeat) or tossed spots of mixed sizes, spaced on the repeat's torus.
 */
final class PolkaDots implements MotifRenderer {
    @Override
    public String paint(Brief b, Canvas canvas) {
        Rng r = b.rng();
        InkSet inks = b.inks();
        canvas.fill(inks.ground().channels());
        boolean tossed = r.chance(0.3);
        if (tossed) {
            double rMax = b.side() * lerp(0.03, 0.11, b.scale());
            int target = (int) Math.round(lerp(0.12, 0.4, b.density()) * b.lattice().width * b.lattice().height
                    / (Math.PI * rMax * rMax * 0.55));
            List<double[]> spots = Scatter.place(b.lattice(), r, Math.clamp(target, 3, 400), rMax * 0.45, rMax, 1.25);
            for (double[] s : spots) {
                canvas.stamp(Shapes.disc(s[2]), s[0], s[1], inks.ink(r.nextInt(inks.motifInks())).channels());
            }
            return "tossed";
        }
        double spacing = b.side() * lerp(0.1, 0.4, b.scale());
        double radius = spacing * lerp(0.14, 0.34, b.density());
        Lattice.Grid grid = b.lattice().grid(spacing, spacing * Math.sqrt(3), b.rotation());
        float[] first = inks.ink(0).channels();
        float[] second = inks.motifInks() > 1 ? inks.ink(1).channels() : first;
        boolean bullseye = inks.motifInks() > 2;
        for (int row = 0; row < 2; row++) {
            for (double[] p : grid.sites(row * 0.5, row * 0.5)) {
                canvas.stamp(Shapes.disc(radius), p[0], p[1], row == 0 ? first : second);
                if (bullseye) {
                    canvas.stamp(Shapes.disc(radius * 0.45), p[0], p[1], inks.ink(2).channels());
                }
            }
        }
        return bullseye ? "bullseye" : radius < b.side() * 0.03 ? "pin dot" : "classic";
    }
}
