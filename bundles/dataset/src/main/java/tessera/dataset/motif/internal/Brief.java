package tessera.dataset.motif.internal;

import tessera.dataset.motif.MotifSpec;

/**
 * What a renderer works from: the spec, the repeat lattice, the chosen inks and a random stream that
 * is the same whatever window of the print is rendered.
 */
public record Brief(MotifSpec spec, Lattice lattice, InkSet inks, Rng rng) {
    /** @return the smaller tile side in pixels; sizes are fractions of it so a design reads the same at any size */
    public double side() {
        return lattice.side();
    }

    public double density() {
        return spec.density();
    }

    public double scale() {
        return spec.scale();
    }

    public double rotation() {
        return spec.rotation();
    }

    public static double lerp(double a, double b, double t) {
        return a + (b - a) * t;
    }

    /** @return x − floor(x), in [0, 1) */
    public static double frac(double x) {
        double f = x - Math.floor(x);
        return f >= 1 ? 0 : f;
    }
}
