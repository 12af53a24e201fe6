package tessera.imaging.colour;

/**
 * A CIELAB (CIE 1976 L*a*b*) colour. The white it is relative to travels separately: use the same
 * white for both colours of a ΔE.
 *
 * @param l lightness L*, 0 (black) to 100 (white)
 * @param a green (−) to red (+), roughly −128..127 for surface colours
 * @param b blue (−) to yellow (+), roughly −128..127 for surface colours
 */
public record Lab(double l, double a, double b) {
    static final double EPSILON = 216.0 / 24389.0; // CIE 15:2004 exact forms of 0.008856 and 903.3
    static final double KAPPA = 24389.0 / 27.0;

    /** @return Lab of XYZ (Y of white = 1) relative to {@code white} */
    public static Lab fromXyz(double[] xyz, WhitePoint white) {
        double fx = f(xyz[0] / white.x());
        double fy = f(xyz[1] / white.y());
        double fz = f(xyz[2] / white.z());
        return new Lab(116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz));
    }

    /** @return XYZ (Y of white = 1) relative to {@code white} */
    public double[] toXyz(WhitePoint white) {
        double fy = (l + 16) / 116;
        double fx = fy + a / 500;
        double fz = fy - b / 200;
        return new double[] {finv(fx) * white.x(), l > KAPPA * EPSILON ? fy * fy * fy : l / KAPPA, finv(fz) * white.z()};
    }

    /** @return chroma C*ab = √(a² + b²) */
    public double chroma() {
        return Math.hypot(a, b);
    }

    /** @return hue angle h_ab in degrees, [0, 360) */
    public double hueDegrees() {
        double h = Math.toDegrees(Math.atan2(b, a));
        return h < 0 ? h + 360 : h;
    }

    static double f(double t) {
        return t > EPSILON ? Math.cbrt(t) : (KAPPA * t + 16) / 116;
    }

    private static double finv(double f) {
        double f3 = f * f * f;
        return f3 > EPSILON ? f3 : (116 * f - 16) / KAPPA;
    }
}
