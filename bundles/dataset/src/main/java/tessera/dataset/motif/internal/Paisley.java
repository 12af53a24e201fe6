package tessera.dataset.motif.internal;

import static tessera.dataset.motif.internal.Brief.lerp;

import java.util.List;

/**
 * Paisley (boteh): a teardrop x = cos t, y = sin t · sin(t/2) with its tip curled, filled, edged with
 * an inner outline, a smaller teardrop and an eye, and ringed by dots on large designs. Neighbours
 * face alternate ways, as in woven Kashmir shawls.
 */
final class Paisley implements MotifRenderer {
    @Override
    public String paint(Brief b, Canvas canvas) {
        Rng r = b.rng();
        InkSet inks = b.inks();
        Lattice lattice = b.lattice();
        canvas.fill(inks.ground().channels());
        double length = b.side() * lerp(0.16, 0.45, b.scale());
        double fill = lerp(0.12, 0.4, b.density());
        int target = (int) Math.round(fill * lattice.width * lattice.height / (length * length * 0.45));
        List<double[]> sites = Scatter.place(lattice, r, Math.clamp(target, 1, 80), length * 0.5, length * 0.62, 0.95);
        double curl = r.range(0.9, 1.6);
        double fat = r.range(0.75, 0.95);
        int m = inks.motifInks();
        boolean halo = m >= 3 && length > 24;
        for (int i = 0; i < sites.size(); i++) {
            double[] s = sites.get(i);
            double size = s[2] / 0.62 * 0.95;
            double turn = b.rotation() + (i % 2) * 180 + r.range(-30, 30);
            boolean flip = r.chance(0.5);
            double[] outline = teardrop(size, curl, fat, flip, 48);
            Shape body = Shapes.polygon(outline).rotated(turn);
            int bodyInk = r.nextInt(m);
            int lineInk = (bodyInk + 1) % m;
            int innerInk = (bodyInk + 2) % m;
            if (halo) {
                for (int v = 0; v < outline.length / 2; v += 3) {
                    double[] n = outward(outline, v, size * 0.09);
                    canvas.stamp(Shapes.disc(Math.max(0.7, size * 0.022)).moved(n[0], n[1]).rotated(turn), s[0], s[1],
                            inks.ink(lineInk).channels());
                }
            }
            canvas.stamp(body, s[0], s[1], inks.ink(bodyInk).channels());
            double line = Math.max(0.8, size * 0.03);
            canvas.stamp(Shapes.polygon(outline).inflated(-size * 0.09).outline(line).rotated(turn), s[0], s[1],
                    inks.ink(lineInk).channels());
            Shape inner = Shapes.polygon(teardrop(size * 0.45, curl * 0.8, fat, flip, 32)).moved(-size * 0.12, 0).rotated(turn);
            canvas.stamp(inner, s[0], s[1], inks.ink(innerInk).channels());
            canvas.stamp(Shapes.disc(size * 0.06).moved(-size * 0.2, 0).rotated(turn), s[0], s[1], inks.ink(lineInk).channels());
        }
        return halo ? "boteh with dotted halos" : "boteh";
    }

    /**
     * Outline of a curled teardrop of the given length, round end at −x, tip at +x, centred on the
     * widest part.
     */
    static double[] teardrop(double length, double curl, double fat, boolean flip, int n) {
        double[] xy = new double[2 * n];
        double half = length / 2;
        for (int i = 0; i < n; i++) {
            double t = 2 * Math.PI * i / n;
            double x = StrictMath.cos(t);
            double y = StrictMath.sin(t) * StrictMath.sin(t / 2) * fat * (flip ? -1 : 1);
            // bend the tip: rotate about the round end's centre by an angle growing towards the tip
            double u = (x + 1) / 2;
            double a = curl * u * u * u * (flip ? -1 : 1);
            double cx = -0.35, px = x - cx;
            double bx = cx + px * StrictMath.cos(a) - y * StrictMath.sin(a);
            double by = px * StrictMath.sin(a) + y * StrictMath.cos(a);
            xy[2 * i] = (bx + 0.1) * half;
            xy[2 * i + 1] = by * half;
        }
        return xy;
    }

    /** @return vertex v pushed outward along the outline's normal by d */
    private static double[] outward(double[] xy, int v, double d) {
        int n = xy.length / 2;
        int a = (v + n - 1) % n, c = (v + 1) % n;
        double tx = xy[2 * c] - xy[2 * a], ty = xy[2 * c + 1] - xy[2 * a + 1];
        double len = Shapes.len(tx, ty);
        double nx = ty / len, ny = -tx / len;
        // pick the normal pointing away from the shape's centre
        if (nx * xy[2 * v] + ny * xy[2 * v + 1] < 0) {
            nx = -nx;
            ny = -ny;
        }
        return new double[] {xy[2 * v] + nx * d, xy[2 * v + 1] + ny * d};
    }
}
