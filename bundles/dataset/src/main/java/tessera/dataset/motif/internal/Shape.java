package tessera.dataset.motif.internal;

/**
 * A motif element around its own origin, in pixels: a signed distance (negative inside) that the
 * canvas turns into anti-aliased coverage. Elements are stamped at every lattice translate of their
 * position, so an element crossing the tile edge reappears on the opposite edge.
 */
public interface Shape {
    /** @return signed distance in pixels from (x, y) to the outline, negative inside */
    double distance(double x, double y);

    /** @return radius in pixels of a disc around the origin that holds the whole shape */
    double reach();

    /** @return ink coverage in [0, 1] at (x, y): a one-pixel box filter across the outline */
    default double coverage(double x, double y) {
        double c = 0.5 - distance(x, y);
        return c <= 0 ? 0 : c >= 1 ? 1 : c;
    }

    /** @return this shape turned by {@code degrees} (clockwise on screen, y points down) */
    default Shape rotated(double degrees) {
        if (degrees == 0) {
            return this;
        }
        Shape inner = this;
        double r = StrictMath.toRadians(degrees);
        double c = StrictMath.cos(r), s = StrictMath.sin(r);
        return new Shape() {
            @Override
            public double distance(double x, double y) {
                return inner.distance(c * x + s * y, -s * x + c * y);
            }

            @Override
            public double coverage(double x, double y) {
                return inner.coverage(c * x + s * y, -s * x + c * y);
            }

            @Override
            public double reach() {
                return inner.reach();
            }
        };
    }

    /** @return this shape moved by (dx, dy); its reach grows accordingly */
    default Shape moved(double dx, double dy) {
        Shape inner = this;
        double reach = inner.reach() + Shapes.len(dx, dy);
        return new Shape() {
            @Override
            public double distance(double x, double y) {
                return inner.distance(x - dx, y - dy);
            }

            @Override
            public double coverage(double x, double y) {
                return inner.coverage(x - dx, y - dy);
            }

            @Override
            public double reach() {
                return reach;
            }
        };
    }

    /** @return the shape and its mirror image across the vertical axis (damask symmetry) */
    default Shape mirroredPair() {
        Shape inner = this;
        return new Shape() {
            @Override
            public double distance(double x, double y) {
                return inner.distance(Math.abs(x), y);
            }

            @Override
            public double reach() {
                return inner.reach();
            }
        };
    }

    /** @return the outline only, as a line of the given width in pixels */
    default Shape outline(double lineWidth) {
        Shape inner = this;
        double half = lineWidth / 2;
        return new Shape() {
            @Override
            public double distance(double x, double y) {
                return Math.abs(inner.distance(x, y)) - half;
            }

            @Override
            public double reach() {
                return inner.reach() + half;
            }
        };
    }

    /** @return the shape grown (positive) or shrunk (negative) by {@code d} pixels */
    default Shape inflated(double d) {
        Shape inner = this;
        return new Shape() {
            @Override
            public double distance(double x, double y) {
                return inner.distance(x, y) - d;
            }

            @Override
            public double reach() {
                return inner.reach() + Math.max(0, d);
            }
        };
    }

    static Shape union(Shape... parts) {
        double reach = 0;
        for (Shape p : parts) {
            reach = Math.max(reach, p.reach());
        }
        double r = reach;
        return new Shape() {
            @Override
            public double distance(double x, double y) {
                double d = Double.MAX_VALUE;
                for (Shape p : parts) {
                    d = Math.min(d, p.distance(x, y));
                }
                return d;
            }

            @Override
            public double reach() {
                return r;
            }
        };
    }
}
