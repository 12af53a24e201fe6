package tessera.plugin.qa.internal;

/**
 * Scan pixel (x, y) → source pixel (u, v): {@code u = a·x − b·y + tx}, {@code v = b·x + a·y + ty}, i.e. a
 * rotation by atan2(b, a) and a scale of hypot(a, b) source pixels per scan pixel, then a translation.
 * Pixel centres sit at integer coordinates on both sides.
 */
record Similarity(double a, double b, double tx, double ty) {
    static Similarity of(double scale, double rotationRad, double tx, double ty) {
        return new Similarity(scale * Math.cos(rotationRad), scale * Math.sin(rotationRad), tx, ty);
    }

    double u(double x, double y) {
        return a * x - b * y + tx;
    }

    double v(double x, double y) {
        return b * x + a * y + ty;
    }

    double scale() {
        return Math.hypot(a, b);
    }

    double rotationRad() {
        return Math.atan2(b, a);
    }

    /** @return the map for a grid whose pixel (i, j) covers scan pixels [f·i, f·i + f) (a box-averaged copy) */
    Similarity onGrid(double f) {
        double c = (f - 1) / 2;
        return new Similarity(a * f, b * f, u(c, c), v(c, c));
    }

    /** @return the inverse map of {@link #onGrid}: full-resolution map from a grid map */
    Similarity fromGrid(double f) {
        double c = (f - 1) / 2;
        double na = a / f;
        double nb = b / f;
        return new Similarity(na, nb, tx - (na * c - nb * c), ty - (nb * c + na * c));
    }

    /** @return (x', y') = inverse(u, v) in scan pixels */
    double[] inverse(double u, double v) {
        double du = u - tx;
        double dv = v - ty;
        double d = a * a + b * b;
        return new double[] {(a * du + b * dv) / d, (-b * du + a * dv) / d};
    }
}
