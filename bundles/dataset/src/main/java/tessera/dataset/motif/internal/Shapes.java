package tessera.dataset.motif.internal;

/** Exact or near-exact signed distances of the elements textile motifs are drawn from. */
public final class Shapes {
    private Shapes() {
    }

    /**
     * Euclidean length. {@code Math.hypot} is only specified to one ulp and may differ between JVMs;
     * a square root is correctly rounded everywhere, which the determinism guarantee needs.
     */
    public static double len(double x, double y) {
        return Math.sqrt(x * x + y * y);
    }

    public static Shape disc(double r) {
        return new Shape() {
            @Override
            public double distance(double x, double y) {
                return Math.sqrt(x * x + y * y) - r;
            }

            @Override
            public double reach() {
                return r + 1;
            }
        };
    }

    /** A ring (annulus) of the given mid radius and line width. */
    public static Shape ring(double r, double width) {
        return disc(r).outline(width);
    }

    /**
     * A leaf: the lens (vesica) between two circular arcs, pointing along y.
     *
     * @param length tip to tip in pixels
     * @param width  widest in pixels, &lt; length
     */
    public static Shape leaf(double length, double width) {
        double b = length / 2, hw = width / 2;
        double r = (b * b / hw + hw) / 2; // radius of each arc
        double d = r - hw;                // distance of each arc centre from the axis
        return new Shape() {
            @Override
            public double distance(double x, double y) {
                double px = Math.abs(x), py = Math.abs(y);
                if ((py - b) * d > px * b) {
                    return Shapes.len(px, py - b);
                }
                return Shapes.len(px + d, py) - r;
            }

            @Override
            public double reach() {
                return b + 1;
            }
        };
    }

    /** A line segment from (x0, y0) to (x1, y1) with round caps, of the given width. */
    public static Shape capsule(double x0, double y0, double x1, double y1, double width) {
        double dx = x1 - x0, dy = y1 - y0, len2 = dx * dx + dy * dy;
        double half = width / 2;
        double reach = Math.max(Shapes.len(x0, y0), Shapes.len(x1, y1)) + half + 1;
        return new Shape() {
            @Override
            public double distance(double x, double y) {
                double t = len2 == 0 ? 0 : Math.clamp(((x - x0) * dx + (y - y0) * dy) / len2, 0, 1);
                return Shapes.len(x - x0 - t * dx, y - y0 - t * dy) - half;
            }

            @Override
            public double reach() {
                return reach;
            }
        };
    }

    /** An axis-aligned rectangle centred on the origin with rounded corners of radius {@code round}. */
    public static Shape box(double w, double h, double round) {
        double hx = w / 2 - round, hy = h / 2 - round;
        return new Shape() {
            @Override
            public double distance(double x, double y) {
                double qx = Math.abs(x) - hx, qy = Math.abs(y) - hy;
                double outside = Shapes.len(Math.max(qx, 0), Math.max(qy, 0));
                return outside + Math.min(Math.max(qx, qy), 0) - round;
            }

            @Override
            public double reach() {
                return Shapes.len(w, h) / 2 + 1;
            }
        };
    }

    /**
     * A rosette of {@code petals} petals: radius R·(1 − depth + depth·|cos(nθ/2)|^sharp). The
     * distance is the radial one divided by the outline's slope, close to Euclidean near the edge,
     * which is all the one-pixel anti-aliasing needs.
     *
     * @param depth 0 for a disc, towards 1 for petals separate down to the centre
     * @param sharp below 1 rounds the petal tips, above 1 points them
     */
    public static Shape rosette(int petals, double radius, double depth, double sharp, double turnDeg) {
        double turn = StrictMath.toRadians(turnDeg);
        double half = petals / 2.0;
        return new Shape() {
            @Override
            public double distance(double x, double y) {
                double rho = Math.sqrt(x * x + y * y);
                double theta = StrictMath.atan2(y, x) - turn;
                double c = StrictMath.cos(half * theta);
                double ac = Math.abs(c);
                double pw = ac == 0 ? 0 : StrictMath.pow(ac, sharp);
                double edge = radius * (1 - depth + depth * pw);
                // d(edge)/dθ, for the slope correction
                double dEdge = ac < 1e-6 ? 0 : radius * depth * sharp * pw / ac * Math.signum(c)
                        * -StrictMath.sin(half * theta) * half;
                double slope = rho < 1e-6 ? 1 : Math.sqrt(1 + Math.min(16, (dEdge / rho) * (dEdge / rho)));
                return (rho - edge) / slope;
            }

            @Override
            public double reach() {
                return radius + 1;
            }
        };
    }

    /** A closed polygon from interleaved x, y vertex coordinates; exact distance, even-odd inside test. */
    public static Shape polygon(double[] xy) {
        int n = xy.length / 2;
        double reach = 0;
        for (int i = 0; i < n; i++) {
            reach = Math.max(reach, Shapes.len(xy[2 * i], xy[2 * i + 1]));
        }
        double r = reach + 1;
        return new Shape() {
            @Override
            public double distance(double x, double y) {
                double best = Double.MAX_VALUE;
                boolean inside = false;
                for (int i = 0, j = n - 1; i < n; j = i++) {
                    double xi = xy[2 * i], yi = xy[2 * i + 1], xj = xy[2 * j], yj = xy[2 * j + 1];
                    double ex = xj - xi, ey = yj - yi, wx = x - xi, wy = y - yi;
                    double len2 = ex * ex + ey * ey;
                    double t = len2 == 0 ? 0 : Math.clamp((wx * ex + wy * ey) / len2, 0, 1);
                    double dx = wx - ex * t, dy = wy - ey * t;
                    best = Math.min(best, dx * dx + dy * dy);
                    if ((yi > y) != (yj > y) && x < ex * (y - yi) / ey + xi) {
                        inside = !inside;
                    }
                }
                double d = Math.sqrt(best);
                return inside ? -d : d;
            }

            @Override
            public double reach() {
                return r;
            }
        };
    }
}
