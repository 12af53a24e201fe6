package tessera.dataset.motif.internal;

import java.util.ArrayList;
import java.util.List;

import tessera.dataset.motif.Ink;
import tessera.dataset.motif.Palette;

/**
 * The inks one design is printed with: a ground and one or more motif inks, all from the palette.
 * Motif inks are chosen so that at least the first stands out against the ground.
 */
public final class InkSet {
    private final Ink ground;
    private final List<Ink> inks;

    private InkSet(Ink ground, List<Ink> inks) {
        this.ground = ground;
        this.inks = List.copyOf(inks);
    }

    /**
     * @param total      inks including the ground, ≥ 2; capped at the palette's size
     * @param darkGround put the darkest palette ink down as ground (suiting pinstripes), keeping the
     *                   palette's own ground as the first motif ink
     */
    public static InkSet choose(Palette palette, int total, Rng rng, boolean darkGround) {
        List<Ink> pool = signatureFirst(palette.inks(), rng);
        Ink ground = palette.ground();
        if (darkGround) {
            Ink darkest = pool.get(0);
            for (Ink ink : pool) {
                if (ink.luminance() < darkest.luminance()) {
                    darkest = ink;
                }
            }
            if (darkest.luminance() < ground.luminance()) {
                pool.remove(darkest);
                pool.add(0, ground);
                ground = darkest;
            }
        }
        // the first motif ink must read against the ground: move the best contrast forward if needed
        Ink g = ground;
        if (contrast(pool.get(0), g) < 0.15) {
            Ink best = pool.get(0);
            for (Ink ink : pool) {
                if (contrast(ink, g) > contrast(best, g)) {
                    best = ink;
                }
            }
            pool.remove(best);
            pool.add(0, best);
        }
        int n = Math.max(1, Math.min(total - 1, pool.size()));
        return new InkSet(ground, pool.subList(0, n));
    }

    /**
     * A random order that favours the palette's leading inks, its signature colours: a "sage" design
     * should mostly be sage green, not the palette's accent. Weighted sampling without replacement
     * (Efraimidis–Spirakis keys log(u)/w, largest first) with weight 1/(i+1)^1.5 for the i-th ink.
     */
    static List<Ink> signatureFirst(List<Ink> inks, Rng rng) {
        int n = inks.size();
        double[] key = new double[n];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            double u = Math.max(1e-12, rng.nextDouble());
            key[i] = Math.log(u) * Math.pow(i + 1, 1.5);
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(key[b], key[a]));
        List<Ink> out = new ArrayList<>(n);
        for (Integer i : order) {
            out.add(inks.get(i));
        }
        return out;
    }

    /** Luminance contrast in [0, 1]. */
    static double contrast(Ink a, Ink b) {
        return Math.abs(a.luminance() - b.luminance());
    }

    public Ink ground() {
        return ground;
    }

    /** @return motif ink i, cycling when i ≥ count */
    public Ink ink(int i) {
        return inks.get(Math.floorMod(i, inks.size()));
    }

    /** @return number of motif inks, not counting the ground */
    public int motifInks() {
        return inks.size();
    }

    /** @return the ground followed by the motif inks */
    public List<Ink> all() {
        List<Ink> all = new ArrayList<>();
        all.add(ground);
        all.addAll(inks);
        return all;
    }

    /** @return the motif ink closest to a leaf green, or -1 when none is green enough to read as foliage */
    public int greenest() {
        int best = -1;
        double bestScore = 0.05;
        for (int i = 0; i < inks.size(); i++) {
            float[] c = inks.get(i).channels();
            double score = c[1] - Math.max(c[0], c[2]) * 0.9 + (c[1] - c[2]) * 0.2;
            if (score > bestScore) {
                bestScore = score;
                best = i;
            }
        }
        return best;
    }

    /** @return the darkest of the ground and the motif inks */
    public Ink darkest() {
        Ink d = ground;
        for (Ink ink : inks) {
            if (ink.luminance() < d.luminance()) {
                d = ink;
            }
        }
        return d;
    }

    /** @return a + (b − a)·t per channel, in gamma-encoded sRGB like the canvas */
    public static float[] mix(Ink a, Ink b, double t) {
        float[] x = a.channels(), y = b.channels();
        return new float[] {(float) (x[0] + (y[0] - x[0]) * t), (float) (x[1] + (y[1] - x[1]) * t),
            (float) (x[2] + (y[2] - x[2]) * t)};
    }
}
