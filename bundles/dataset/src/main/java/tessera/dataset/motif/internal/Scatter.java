package tessera.dataset.motif.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Tossed layouts: dart throwing on the repeat's torus, so elements near one tile edge keep their
 * distance from those near the opposite edge (the seam is invisible in the spacing too).
 */
final class Scatter {
    private Scatter() {
    }

    /**
     * @param spacing minimum gap as a multiple of the two radii, ≥ 1 keeps elements apart
     * @return {x, y, radius} for up to {@code count} elements, in placement order
     */
    static List<double[]> place(Lattice lattice, Rng rng, int count, double rMin, double rMax, double spacing) {
        List<double[]> placed = new ArrayList<>();
        int attempts = count * 60;
        for (int a = 0; a < attempts && placed.size() < count; a++) {
            double x = rng.nextDouble() * lattice.width;
            double y = rng.nextDouble() * lattice.height;
            double radius = rng.range(rMin, rMax);
            boolean free = true;
            for (double[] p : placed) {
                if (lattice.distance(x, y, p[0], p[1]) < (radius + p[2]) * spacing) {
                    free = false;
                    break;
                }
            }
            if (free) {
                placed.add(new double[] {x, y, radius});
            }
        }
        return placed;
    }
}
