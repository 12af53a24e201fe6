package tessera.dataset.motif.internal;

import static tessera.dataset.motif.internal.Brief.frac;
import static tessera.dataset.motif.internal.Brief.lerp;

/**
 * Damask on an ogee lattice: two families of S-curves, x = i + A·sin(2πv) and x = i + ½ − A·sin(2πv)
 * with A = ¼, cross at half-drop points and enclose onion-shaped cells; every cell holds the same
 * ornament, mirror-symmetric about its vertical axis as damask ornaments are.
 */
final class Damask implements MotifRenderer {
    @Override
    public String paint(Brief b, Canvas canvas) {
        Rng r = b.rng();
        InkSet inks = b.inks();
        double uw = b.side() * lerp(0.4, 1.0, b.scale());
        double uh = uw * r.range(1.25, 1.5);
        Lattice.Grid grid = b.lattice().grid(uw, uh, 0);
        double cw = grid.cellWidth(), ch = grid.cellHeight();
        double line = Math.max(0.9, cw * lerp(0.015, 0.035, b.density()));
        int lineInk = inks.motifInks() > 1 ? 2 : 1;
        double slopeScale = 2 * Math.PI * 0.25 * cw / ch;
        canvas.paint((x, y) -> {
            double u = grid.u(x, y), v = grid.v(x, y);
            double sv = StrictMath.sin(2 * Math.PI * v);
            double slope = Math.sqrt(1 + square(slopeScale * StrictMath.cos(2 * Math.PI * v)));
            double d1 = Math.abs(frac(u - 0.25 * sv + 0.5) - 0.5);
            double d2 = Math.abs(frac(u - 0.5 + 0.25 * sv + 0.5) - 0.5);
            return Math.min(d1, d2) * cw / slope < line / 2 ? lineInk : 0;
        }, Swatches.of(inks));
        Shape ornament = ornament(r, cw, ch, b.density());
        float[] ink = inks.ink(0).channels();
        for (double[] p : grid.sites(0.75, 0.25)) {
            canvas.stamp(ornament, p[0], p[1], ink);
        }
        for (double[] p : grid.sites(0.25, 0.75)) {
            canvas.stamp(ornament, p[0], p[1], ink);
        }
        return lineInk == 2 ? "two-tone" : "tone-on-tone";
    }

    /** A medallion: rosette, finial, leaves and scrolls, built on one side and mirrored. */
    private static Shape ornament(Rng r, double cw, double ch, double density) {
        double s = Math.min(cw, ch / 1.3);
        double weight = lerp(0.8, 1.2, density);
        Shape rosette = Shapes.rosette(r.pick(java.util.List.of(6, 8, 10)), s * 0.13 * weight, 0.35, 0.7, 90);
        Shape eye = Shapes.ring(s * 0.05, Math.max(0.8, s * 0.02));
        Shape finial = Shapes.leaf(ch * 0.24, s * 0.11 * weight).moved(0, -ch * 0.2);
        Shape tip = Shapes.disc(s * 0.03 * weight).moved(0, -ch * 0.35);
        double fan = r.range(25, 45);
        Shape upperLeaf = Shapes.leaf(ch * 0.2, s * 0.08 * weight).rotated(fan).moved(s * 0.12, -ch * 0.11);
        Shape lowerLeaf = Shapes.leaf(ch * 0.22, s * 0.09 * weight).rotated(180 - fan).moved(s * 0.1, ch * 0.15);
        Shape scroll = Shapes.ring(s * 0.07, Math.max(0.9, s * 0.025 * weight)).moved(s * 0.23, -ch * 0.02);
        Shape scrollDot = Shapes.disc(s * 0.025 * weight).moved(s * 0.23, -ch * 0.02);
        Shape stem = Shapes.capsule(0, ch * 0.08, 0, ch * 0.33, Math.max(0.9, s * 0.03 * weight));
        Shape base = Shapes.leaf(s * 0.18, ch * 0.05 * weight).rotated(90).moved(s * 0.08, ch * 0.3);
        Shape rosetteWithEye = new Shape() { // the eye is cut out of the rosette
            @Override
            public double distance(double x, double y) {
                return Math.max(rosette.distance(x, y), -eye.distance(x, y));
            }

            @Override
            public double reach() {
                return rosette.reach();
            }
        };
        return Shape.union(rosetteWithEye, finial, tip, upperLeaf, lowerLeaf, scroll, scrollDot, stem, base).mirroredPair();
    }

    private static double square(double v) {
        return v * v;
    }
}
