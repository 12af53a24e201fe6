package tessera.dataset.motif.internal;

import static tessera.dataset.motif.internal.Brief.frac;
import static tessera.dataset.motif.internal.Brief.lerp;

import java.util.ArrayList;
import java.util.List;

import tessera.dataset.motif.Ink;

/**
 * Nordic / Fair Isle stranded knit: a chart of bands (a main band of stars, hearts or snowflakes,
 * small "peerie" bands, single-row borders) drawn stitch by stitch as knit Vs. The chart is 16
 * stitches wide (every band's repeat divides 16) and as many rows as fit the grid the repeat allows.
 */
final class FairIsle implements MotifRenderer {
    private static final String[][] MOTIFS = {
        {"...#...", ".#.#.#.", "..###..", "###.###", "..###..", ".#.#.#.", "...#..."}, // star
        {"...#...", "..#.#..", ".#.#.#.", "#.###.#", ".#.#.#.", "..#.#..", "...#..."}, // diamond
        {".##.##.", "#######", "#######", ".#####.", "..###..", "...#..."},              // heart
        {"#.....#", ".#.#.#.", "..###..", ".##.##.", "..###..", ".#.#.#.", "#.....#"}, // snowflake
    };
    private static final String[] MOTIF_NAMES = {"stars", "diamonds", "hearts", "snowflakes"};
    private static final String[][] PEERIES = {
        {"#...", ".#.#", "..#."},          // zigzag
        {"#...", "....", "..#."},          // lice
        {"##..", "..##"},                  // check
        {"....#...", "...#.#..", "..#...#.", "...#.#..", "....#..."}, // diamond chain
        {"#"},                             // solid border row
    };
    private static final int WIDTH = 16;

    @Override
    public String paint(Brief b, Canvas canvas) {
        Rng r = b.rng();
        InkSet inks = b.inks();
        double stitch = b.side() / (WIDTH * (b.scale() < 0.5 ? 2.0 : 1.0)) * lerp(0.85, 1.15, b.scale());
        double rowHeight = stitch * 0.8; // knit stitches are wider than tall
        int wantRows = r.between(20, 28);
        Lattice.Grid grid = b.lattice().grid(WIDTH * stitch, wantRows * rowHeight, 0);
        int rows = Math.max(8, (int) Math.round(grid.cellHeight() / (grid.cellWidth() / WIDTH * 0.8)));
        int motif = r.nextInt(MOTIFS.length);
        int[][] chart = compose(r, rows, motif, inks.motifInks(), b.density());
        // swatches: per colour, the stitch face and the shaded gap between the legs of the V
        int colours = inks.motifInks() + 1;
        Ink dark = inks.darkest();
        float[][] swatches = new float[2 * colours][];
        for (int c = 0; c < colours; c++) {
            Ink ink = c == 0 ? inks.ground() : inks.ink(c - 1);
            swatches[2 * c] = ink.channels();
            swatches[2 * c + 1] = ink == dark ? InkSet.mix(ink, inks.ground(), 0.18) : InkSet.mix(ink, dark, 0.3);
        }
        canvas.paint((x, y) -> {
            double fu = frac(grid.u(x, y)) * WIDTH, fv = frac(grid.v(x, y)) * rows;
            int col = Math.min(WIDTH - 1, (int) fu), row = Math.min(rows - 1, (int) fv);
            int colour = chart[row][col];
            return 2 * colour + (inStitch(fu - col, fv - row) ? 0 : 1);
        }, swatches);
        return MOTIF_NAMES[motif] + " and peerie bands";
    }

    /** A knit V: two slanted legs meeting at the bottom of the cell; (fx, fy) in [0, 1)². */
    private static boolean inStitch(double fx, double fy) {
        double lx = Math.abs(fx - 0.5); // both legs by symmetry
        // leg axis from (0.07, 0.02) at the top to (0.48, 0.98) at the bottom, in |x − ½| terms
        double ax = 0.43, ay = 0.02, bx = 0.02, by = 0.98;
        double ex = bx - ax, ey = by - ay;
        double t = Math.clamp(((lx - ax) * ex + (fy - ay) * ey) / (ex * ex + ey * ey), 0, 1);
        double dx = lx - ax - t * ex, dy = fy - ay - t * ey;
        return dx * dx + dy * dy < 0.2 * 0.2;
    }

    /** Stacks bands top to bottom until the chart has exactly {@code rows} rows; 0 is the ground. */
    private static int[][] compose(Rng r, int rows, int motif, int inks, double density) {
        List<int[]> out = new ArrayList<>();
        String[] main = MOTIFS[motif];
        int mainInk = 1;
        int accent = inks > 1 ? 2 : 1;
        boolean mainFits = rows >= main.length + 4;
        int bandsLeft = rows - (mainFits ? main.length + 2 : 0);
        // border bands above and below the main band, alternating accent colours
        List<int[]> above = new ArrayList<>();
        int peerieInk = accent;
        while (bandsLeft > 0) {
            String[] p = PEERIES[r.nextInt(PEERIES.length)];
            if (p.length + 1 > bandsLeft) {
                p = PEERIES[PEERIES.length - 1];
            }
            for (String row : p) {
                above.add(chartRow(row, peerieInk));
            }
            bandsLeft -= p.length;
            if (bandsLeft > 0 && density < 0.7) {
                above.add(new int[WIDTH]);
                bandsLeft--;
            }
            peerieInk = inks > 2 ? (peerieInk == 2 ? 3 : 2) : accent;
            if (peerieInk > inks) {
                peerieInk = accent;
            }
        }
        int split = above.size() / 2;
        out.addAll(above.subList(0, split));
        if (mainFits) {
            out.add(new int[WIDTH]);
            int mainColour = inks > 3 ? 4 : mainInk;
            for (String row : main) {
                out.add(chartRow(pad(row), mainColour));
            }
            out.add(new int[WIDTH]);
        }
        out.addAll(above.subList(split, above.size()));
        return out.subList(0, rows).toArray(new int[0][]);
    }

    /** The 7-stitch motif centred in an 8-stitch unit, so two fit the 16-stitch chart. */
    private static String pad(String row) {
        return row + ".";
    }

    private static int[] chartRow(String pattern, int ink) {
        int[] row = new int[WIDTH];
        for (int i = 0; i < WIDTH; i++) {
            row[i] = pattern.charAt(i % pattern.length()) == '#' ? ink : 0;
        }
        return row;
    }
}
