package tessera.dataset.motif.internal;

import static tessera.dataset.motif.internal.Brief.lerp;

/**
 * Abstract brush marks: tapered, slightly curved strokes whose bristles run dry towards the end,
 * laid over each other in palette inks. Each stroke is stamped at every lattice translate, so a
 * stroke leaving one edge enters the opposite one.
 */
final class BrushMarks implements MotifRenderer {
    @Override
    public String paint(Brief b, Canvas canvas) {
        Rng r = b.rng();
        InkSet inks = b.inks();
        Lattice lattice = b.lattice();
        canvas.fill(inks.ground().channels());
        double length = b.side() * lerp(0.15, 0.55, b.scale());
        double width = length * r.range(0.18, 0.3);
        double cover = lerp(0.15, 0.6, b.density());
        int count = Math.clamp((int) Math.round(cover * lattice.width * lattice.height / (length * width * 0.8)), 2, 80);
        boolean scattered = r.chance(0.35);
        for (int i = 0; i < count; i++) {
            double x = r.nextDouble() * lattice.width, y = r.nextDouble() * lattice.height;
            double angle = scattered ? r.range(0, 180) : b.rotation() + r.range(-20, 20);
            double len = length * r.range(0.7, 1.2);
            Stroke stroke = new Stroke(len, width * r.range(0.75, 1.25), r.range(-0.2, 0.2) * len, r.nextLong());
            canvas.stamp(stroke.rotated(angle), x, y, inks.ink(i % inks.motifInks()).channels());
        }
        return scattered ? "scattered" : "directional";
    }

    /** A quadratic Bézier stroke along x, centred on the origin, as a polyline of 12 segments. */
    private static final class Stroke implements Shape {
        private static final int SEGMENTS = 12;
        private final double[] px = new double[SEGMENTS + 1];
        private final double[] py = new double[SEGMENTS + 1];
        private final double halfWidth;
        private final double reach;
        private final long bristleSeed;

        Stroke(double length, double width, double bend, long bristleSeed) {
            for (int i = 0; i <= SEGMENTS; i++) {
                double t = (double) i / SEGMENTS;
                px[i] = (t - 0.5) * length;
                py[i] = 2 * t * (1 - t) * bend;
            }
            this.halfWidth = width / 2;
            this.reach = length / 2 + Math.abs(bend) + width;
            this.bristleSeed = bristleSeed;
        }

        @Override
        public double reach() {
            return reach;
        }

        @Override
        public double distance(double x, double y) {
            double[] q = nearest(x, y);
            return q[0] - halfWidth * taper(q[1]);
        }

        @Override
        public double coverage(double x, double y) {
            double[] q = nearest(x, y);
            double radius = halfWidth * taper(q[1]);
            double edge = Math.clamp(0.5 - (q[0] - radius), 0, 1);
            if (edge == 0) {
                return 0;
            }
            // dry brush: bristle lanes across the stroke thin out towards its end
            double dry = Math.clamp((q[1] - 0.45) / 0.55, 0, 1) * 0.8;
            if (dry == 0) {
                return edge;
            }
            double lane = (q[2] / Math.max(radius, 1e-6) + 1) * 5.5;
            long k = (long) Math.floor(lane);
            double f = lane - k;
            double noise = hash(k) * (1 - f) + hash(k + 1) * f;
            double keep = Math.clamp((noise - dry) / 0.15 + 0.5, 0, 1);
            return edge * keep;
        }

        /** Thick at the loaded start, thinning to a flick. */
        private static double taper(double t) {
            double start = t < 0.08 ? 0.6 + 5 * t : 1;
            return start * (1 - 0.65 * t * t);
        }

        /** @return {distance to the centre line, position along the stroke 0..1, signed offset across} */
        private double[] nearest(double x, double y) {
            double best = Double.MAX_VALUE, along = 0, across = 0;
            for (int i = 0; i < SEGMENTS; i++) {
                double ex = px[i + 1] - px[i], ey = py[i + 1] - py[i];
                double t = Math.clamp(((x - px[i]) * ex + (y - py[i]) * ey) / (ex * ex + ey * ey), 0, 1);
                double dx = x - px[i] - t * ex, dy = y - py[i] - t * ey;
                double d2 = dx * dx + dy * dy;
                if (d2 < best) {
                    best = d2;
                    along = (i + t) / SEGMENTS;
                    across = (ex * dy - ey * dx) / Math.sqrt(ex * ex + ey * ey);
                }
            }
            return new double[] {Math.sqrt(best), along, across};
        }

        private double hash(long k) {
            return (Rng.mix(bristleSeed + k * 0x9e3779b97f4a7c15L) >>> 11) * 0x1.0p-53;
        }
    }
}
