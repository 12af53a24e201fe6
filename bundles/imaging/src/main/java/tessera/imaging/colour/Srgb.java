package tessera.imaging.colour;

/**
 * sRGB (IEC 61966-2-1): the transfer curve between gamma-encoded values and linear light, and the
 * matrices to CIE XYZ. The matrix is built from the sRGB primaries and scaled so that RGB white lands
 * exactly on the {@link WhitePoint#D65} used for Lab, so white is L* = 100, a* = b* = 0 with no drift.
 */
public final class Srgb {
    private static final double[][] PRIMARIES_XY = {{0.64, 0.33}, {0.30, 0.60}, {0.15, 0.06}};
    private static final double[][] TO_XYZ_D65 = primariesToXyz(WhitePoint.D65);
    private static final double[][] TO_XYZ_D50 = Matrix3.multiply(ChromaticAdaptation.bradford(WhitePoint.D65, WhitePoint.D50), TO_XYZ_D65);
    private static final double[][] FROM_XYZ_D65 = Matrix3.invert(TO_XYZ_D65);
    private static final double[][] FROM_XYZ_D50 = Matrix3.invert(TO_XYZ_D50);

    private Srgb() {
    }

    /** @return linear light for a gamma-encoded sRGB value; values outside [0, 1] are extended symmetrically */
    public static double toLinear(double encoded) {
        double a = Math.abs(encoded);
        double l = a <= 0.04045 ? a / 12.92 : Math.pow((a + 0.055) / 1.055, 2.4);
        return Math.copySign(l, encoded);
    }

    /** @return the gamma-encoded sRGB value for linear light; values outside [0, 1] are extended symmetrically */
    public static double toEncoded(double linear) {
        double a = Math.abs(linear);
        double e = a <= 0.0031308 ? a * 12.92 : 1.055 * Math.pow(a, 1 / 2.4) - 0.055;
        return Math.copySign(e, linear);
    }

    /**
     * @return the 3×3 matrix from linear sRGB to XYZ (Y of white = 1) relative to {@code white}; for D50
     *         the D65 matrix is Bradford-adapted, as ICC profiles do
     */
    public static double[][] toXyzMatrix(WhitePoint white) {
        double[][] m = white == WhitePoint.D65 ? TO_XYZ_D65 : TO_XYZ_D50;
        return new double[][] {m[0].clone(), m[1].clone(), m[2].clone()};
    }

    /** @return the inverse of {@link #toXyzMatrix} */
    public static double[][] fromXyzMatrix(WhitePoint white) {
        double[][] m = white == WhitePoint.D65 ? FROM_XYZ_D65 : FROM_XYZ_D50;
        return new double[][] {m[0].clone(), m[1].clone(), m[2].clone()};
    }

    /** @return XYZ (Y of white = 1) relative to {@code white} of the gamma-encoded sRGB colour (r, g, b), each in [0, 1] */
    public static double[] toXyz(double r, double g, double b, WhitePoint white) {
        double[] lin = {toLinear(r), toLinear(g), toLinear(b)};
        return Matrix3.apply(white == WhitePoint.D65 ? TO_XYZ_D65 : TO_XYZ_D50, lin);
    }

    /** @return gamma-encoded sRGB {r, g, b}, not clamped (values outside [0, 1] mean out of gamut) */
    public static double[] fromXyz(double[] xyz, WhitePoint white) {
        double[] lin = Matrix3.apply(white == WhitePoint.D65 ? FROM_XYZ_D65 : FROM_XYZ_D50, xyz);
        return new double[] {toEncoded(lin[0]), toEncoded(lin[1]), toEncoded(lin[2])};
    }

    /** @return CIELAB relative to {@code white} of the gamma-encoded sRGB colour (r, g, b), each in [0, 1] */
    public static Lab toLab(double r, double g, double b, WhitePoint white) {
        return Lab.fromXyz(toXyz(r, g, b, white), white);
    }

    /** @return gamma-encoded sRGB {r, g, b} for a Lab colour, not clamped */
    public static double[] fromLab(Lab lab, WhitePoint white) {
        return fromXyz(lab.toXyz(white), white);
    }

    /** Columns are the primaries' XYZ, scaled so that their sum is the white (the usual RGB→XYZ derivation). */
    private static double[][] primariesToXyz(WhitePoint white) {
        double[][] p = new double[3][3];
        for (int i = 0; i < 3; i++) {
            double x = PRIMARIES_XY[i][0];
            double y = PRIMARIES_XY[i][1];
            p[0][i] = x / y;
            p[1][i] = 1;
            p[2][i] = (1 - x - y) / y;
        }
        double[] s = Matrix3.apply(Matrix3.invert(p), white.xyz());
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                p[r][c] *= s[c];
            }
        }
        return p;
    }
}
