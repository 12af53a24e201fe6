package tessera.dataset.motif.internal;

import static tessera.dataset.motif.internal.Brief.lerp;

import java.util.ArrayList;
import java.util.List;

/**
 * Flowers built from parametric petals (rosettes), lens-shaped leaves and centres, either tossed
 * over the ground or set on a half-drop grid. Leaves are laid first so blooms sit on top of them.
 */
final class Floral implements MotifRenderer {
    private enum Bloom {
        DAISY("daisies", 12, 0.75, 1.4), BLOSSOM("blossoms", 5, 0.45, 0.5), STAR("star flowers", 6, 0.7, 2.2),
        POPPY("poppies", 4, 0.3, 0.6), ASTER("asters", 9, 0.6, 1.0);

        final String plural;
        final int petals;
        final double depth;
        final double sharp;

        Bloom(String plural, int petals, double depth, double sharp) {
            this.plural = plural;
            this.petals = petals;
            this.depth = depth;
            this.sharp = sharp;
        }
    }

    @Override
    public String paint(Brief b, Canvas canvas) {
        Rng r = b.rng();
        InkSet inks = b.inks();
        Lattice lattice = b.lattice();
        canvas.fill(inks.ground().channels());
        Bloom[] blooms = Bloom.values();
        Bloom main = blooms[r.nextInt(blooms.length)];
        Bloom second = blooms[r.nextInt(blooms.length)];
        int leafInk = inks.greenest() >= 0 ? inks.greenest() : inks.motifInks() - 1;
        List<Integer> petalInks = new ArrayList<>();
        for (int i = 0; i < inks.motifInks(); i++) {
            if (i != leafInk || inks.motifInks() == 1) {
                petalInks.add(i);
            }
        }
        double radius = b.side() * lerp(0.06, 0.2, b.scale());
        double fill = lerp(0.14, 0.6, b.density());
        boolean set = r.chance(0.3);
        List<double[]> sites = new ArrayList<>();
        if (set) {
            double cell = radius * 2.6 / Math.sqrt(fill / 0.3);
            Lattice.Grid grid = lattice.grid(cell, cell, 0);
            sites.addAll(withRadius(grid.sites(0, 0), radius));
            sites.addAll(withRadius(grid.sites(0.5, 0.5), radius * 0.8));
        } else {
            int target = (int) Math.round(fill * lattice.width * lattice.height / (Math.PI * radius * radius * 1.6));
            sites = Scatter.place(lattice, r, Math.clamp(target, 2, 120), radius * 0.7, radius * 1.1, 1.05);
        }
        boolean leaves = r.chance(0.85);
        List<Runnable> leafLayer = new ArrayList<>();
        List<Runnable> bloomLayer = new ArrayList<>();
        for (int f = 0; f < sites.size(); f++) {
            double[] s = sites.get(f);
            double rad = s[2];
            Bloom bloom = f % 3 == 2 ? second : main;
            double turn = set ? b.rotation() : b.rotation() + r.range(0, 360);
            int petal = petalInks.get(r.nextInt(petalInks.size()));
            int centre = inks.motifInks() > 2 ? petalInks.get((petalInks.indexOf(petal) + 1) % petalInks.size()) : -1;
            int leafCount = leaves ? r.between(1, 3) : 0;
            for (int l = 0; l < leafCount; l++) {
                double angle = turn + l * 360.0 / leafCount + r.range(-25, 25);
                double len = rad * r.range(1.3, 1.8);
                Shape leaf = Shapes.leaf(len, len * r.range(0.32, 0.45)).moved(0, -(rad * 0.55 + len * 0.42)).rotated(angle);
                float[] ink = inks.ink(leafInk).channels();
                leafLayer.add(() -> canvas.stamp(leaf, s[0], s[1], ink));
            }
            Shape petals = Shapes.rosette(bloom.petals, rad, bloom.depth, bloom.sharp, turn);
            float[] petalRgb = inks.ink(petal).channels();
            boolean inner = r.chance(0.4);
            bloomLayer.add(() -> canvas.stamp(petals, s[0], s[1], petalRgb));
            if (inner && centre >= 0) {
                Shape ring = Shapes.rosette(bloom.petals, rad * 0.55, bloom.depth, bloom.sharp, turn + 180.0 / bloom.petals);
                float[] ringRgb = inks.ink(centre).channels();
                bloomLayer.add(() -> canvas.stamp(ring, s[0], s[1], ringRgb));
            }
            float[] eye = centre >= 0 && !inner ? inks.ink(centre).channels() : inks.ground().channels();
            double eyeR = rad * (bloom == Bloom.DAISY || bloom == Bloom.ASTER ? 0.28 : 0.2);
            bloomLayer.add(() -> canvas.stamp(Shapes.disc(eyeR), s[0], s[1], eye));
        }
        leafLayer.forEach(Runnable::run);
        bloomLayer.forEach(Runnable::run);
        buds(b, canvas, sites, radius, petalInks);
        String kinds = main == second ? main.plural : main.plural + " and " + second.plural;
        return (set ? "set " : "tossed ") + kinds + (leaves ? " with leaves" : "");
    }

    /** Small buds in the gaps of dense designs, as a designer fills a ditsy print. */
    private static void buds(Brief b, Canvas canvas, List<double[]> blooms, double radius, List<Integer> petalInks) {
        if (b.density() < 0.45) {
            return;
        }
        Rng r = b.rng();
        Lattice lattice = b.lattice();
        int count = (int) Math.round(blooms.size() * lerp(0.5, 2.0, (b.density() - 0.45) / 0.55));
        double budR = radius * 0.16;
        for (int i = 0, placed = 0; i < count * 30 && placed < count; i++) {
            double x = r.nextDouble() * lattice.width, y = r.nextDouble() * lattice.height;
            boolean free = true;
            for (double[] s : blooms) {
                if (lattice.distance(x, y, s[0], s[1]) < s[2] * 1.9 + budR) {
                    free = false;
                    break;
                }
            }
            if (free) {
                canvas.stamp(Shapes.disc(budR), x, y, b.inks().ink(petalInks.get(placed % petalInks.size())).channels());
                placed++;
            }
        }
    }

    private static List<double[]> withRadius(List<double[]> points, double radius) {
        List<double[]> out = new ArrayList<>();
        for (double[] p : points) {
            out.add(new double[] {p[0], p[1], radius});
        }
        return out;
    }
}
