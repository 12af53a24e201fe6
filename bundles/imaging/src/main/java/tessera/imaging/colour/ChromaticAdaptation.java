package tessera.imaging.colour;

/**
 * Bradford chromatic adaptation (Lam 1985, as used by ICC v4 and Lindbloom): converts XYZ seen under
 * one white to the corresponding colour under another, by scaling in a sharpened cone space.
 */
public final class ChromaticAdaptation {
    private static final double[][] BRADFORD = {
        {0.8951, 0.2664, -0.1614},
        {-0.7502, 1.7135, 0.0367},
        {0.0389, -0.0685, 1.0296},
    };
    private static final double[][] BRADFORD_INVERSE = Matrix3.invert(BRADFORD);

    private ChromaticAdaptation() {
    }

    /**
     * @return the 3×3 matrix taking XYZ relative to {@code from} to XYZ relative to {@code to}; maps
     *         {@code from}'s white exactly onto {@code to}'s white
     */
    public static double[][] bradford(WhitePoint from, WhitePoint to) {
        if (from == to) {
            return Matrix3.identity();
        }
        double[] s = Matrix3.apply(BRADFORD, from.xyz());
        double[] d = Matrix3.apply(BRADFORD, to.xyz());
        double[][] scale = {{d[0] / s[0], 0, 0}, {0, d[1] / s[1], 0}, {0, 0, d[2] / s[2]}};
        return Matrix3.multiply(BRADFORD_INVERSE, Matrix3.multiply(scale, BRADFORD));
    }

    /** @return {@code xyz} adapted from one white to another */
    public static double[] adapt(double[] xyz, WhitePoint from, WhitePoint to) {
        return Matrix3.apply(bradford(from, to), xyz);
    }
}
