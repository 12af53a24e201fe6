package tessera.imaging.colour;

/**
 * Reference whites as CIE XYZ with Y = 1 (CIE 1931 2° observer, ASTM E308 tables). D65 is the white of
 * sRGB and screens; D50 is the white of print viewing booths (ISO 3664), ICC profiles and most
 * published ink and Pantone Lab values (ISO 13655).
 */
public enum WhitePoint {
    /** Daylight 6504 K, the sRGB white. */
    D65(0.95047, 1.0, 1.08883),
    /** Horizon light 5003 K, the graphic-arts and ICC white. */
    D50(0.96422, 1.0, 0.82521);

    private final double x;
    private final double y;
    private final double z;

    WhitePoint(double x, double y, double z) {
        this.x = x;
        this.y = y;
        this.z = z;
    }

    /** @return X of the white, Y = 1 */
    public double x() {
        return x;
    }

    /** @return Y of the white, always 1 */
    public double y() {
        return y;
    }

    /** @return Z of the white, Y = 1 */
    public double z() {
        return z;
    }

    /** @return {X, Y, Z} */
    public double[] xyz() {
        return new double[] {x, y, z};
    }
}
