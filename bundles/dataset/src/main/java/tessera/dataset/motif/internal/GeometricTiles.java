package tessera.dataset.motif.internal;

import static tessera.dataset.motif.internal.Brief.frac;
import static tessera.dataset.motif.internal.Brief.lerp;

/**
 * Geometric tiles on a chart of square cells: Truchet arcs, quilt-block half-square triangles
 * (mirror-symmetric blocks) or Bauhaus circles and quarter circles.
 */
final class GeometricTiles implements MotifRenderer {
    private static final String[] STYLES = {"Truchet arc", "quilt-block triangle", "Bauhaus circle"};

    @Override
    public String paint(Brief b, Canvas canvas) {
        Rng r = b.rng();
        InkSet inks = b.inks();
        int style = r.nextInt(STYLES.length);
        int cells = style == 1 ? 4 : r.pick(java.util.List.of(4, 6));
        double cell = b.side() * lerp(0.08, 0.28, b.scale());
        Lattice.Grid grid = b.lattice().grid(cells * cell, cells * cell, b.rotation());
        int colours = inks.motifInks() + 1;
        int[][] a = new int[cells][cells];
        int[][] c1 = new int[cells][cells];
        int[][] c2 = new int[cells][cells];
        if (style == 1) {
            quiltBlock(r, cells, colours, a, c1, c2);
        } else {
            for (int i = 0; i < cells; i++) {
                for (int j = 0; j < cells; j++) {
                    a[i][j] = r.nextInt(style == 0 ? 2 : 5);
                    c1[i][j] = r.nextInt(colours);
                    c2[i][j] = (c1[i][j] + 1 + r.nextInt(colours - 1)) % colours;
                }
            }
        }
        double band = lerp(0.12, 0.3, b.density());
        canvas.paint((x, y) -> {
            double fu = frac(grid.u(x, y)) * cells, fv = frac(grid.v(x, y)) * cells;
            int i = Math.min(cells - 1, (int) fu), j = Math.min(cells - 1, (int) fv);
            double fx = fu - i, fy = fv - j;
            return switch (style) {
                case 0 -> truchet(a[i][j], fx, fy, band, i, j, colours);
                case 1 -> (a[i][j] == 0 ? fy < fx : fx + fy < 1) ? c1[i][j] : c2[i][j];
                default -> bauhaus(a[i][j], fx, fy) ? c2[i][j] : c1[i][j];
            };
        }, Swatches.of(inks));
        return STYLES[style];
    }

    /** Quarter arcs around two opposite corners; the discs they cut off take colours by corner parity. */
    private static int truchet(int orientation, double fx, double fy, double band, int i, int j, int colours) {
        double ax = orientation == 0 ? 0 : 1, bx = 1 - ax;
        double d0 = Shapes.len(fx - ax, fy), d1 = Shapes.len(fx - bx, fy - 1);
        if (Math.abs(d0 - 0.5) < band / 2 || Math.abs(d1 - 0.5) < band / 2) {
            return 1;
        }
        if (colours < 3) {
            return 0;
        }
        int cornerX = i + (int) (d0 < 0.5 ? ax : bx), cornerY = j + (d0 < 0.5 ? 0 : 1);
        boolean inside = d0 < 0.5 || d1 < 0.5;
        return inside && ((cornerX + cornerY) & 1) == 0 ? 2 : 0;
    }

    private static boolean bauhaus(int shape, double fx, double fy) {
        return switch (shape) {
            case 0 -> Shapes.len(fx, fy) < 1;                 // quarter circle from a corner
            case 1 -> Shapes.len(fx - 1, fy - 1) < 1;
            case 2 -> Shapes.len(fx - 0.5, fy) < 0.5;         // half circle on an edge
            case 3 -> Shapes.len(fx - 0.5, fy - 0.5) < 0.36;  // circle
            default -> false;
        };
    }

    /** Fills one quadrant at random and mirrors it across both axes, as quilt blocks are pieced. */
    private static void quiltBlock(Rng r, int cells, int colours, int[][] diag, int[][] upper, int[][] lower) {
        int q = cells / 2;
        for (int i = 0; i < q; i++) {
            for (int j = 0; j < q; j++) {
                int d = r.nextInt(2), up = r.nextInt(colours), lo = (up + 1 + r.nextInt(colours - 1)) % colours;
                for (int m = 0; m < 4; m++) {
                    boolean mx = (m & 1) != 0, my = (m & 2) != 0;
                    int ii = mx ? cells - 1 - i : i, jj = my ? cells - 1 - j : j;
                    // a mirror flips the diagonal; a vertical mirror also swaps upper and lower halves
                    diag[ii][jj] = (mx ^ my) ? 1 - d : d;
                    upper[ii][jj] = my ? lo : up;
                    lower[ii][jj] = my ? up : lo;
                }
            }
        }
    }
}
