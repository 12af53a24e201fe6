package tessera.dataset.motif.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import tessera.api.repeat.RepeatGeometry;

/**
 * The translations under which a tile repeats, in whole pixels: a = (W, drop) and b = (shift, H).
 * Every motif is a function on the plane invariant under this lattice, so the tile is seamless by
 * construction: for half drop f(x + W, y + H/2) = f(x, y) and f(x, y + H) = f(x, y); for half brick
 * f(x + W/2, y + H) = f(x, y) and f(x + W, y) = f(x, y). Mirror repeats are rendered on the block
 * lattice; a mirrored layout of any tile is continuous at its seams.
 *
 * <p>Drops and shifts are rounded to whole pixels so that the repeat is exact at pixel level; a half
 * drop of an odd-height tile therefore drops by (H ± 1) / 2.
 */
public final class Lattice {
    public final int width;
    public final int height;
    /** a = (width, drop): the next column of tiles. */
    public final int drop;
    /** b = (shift, height): the next row of tiles. */
    public final int shift;
    // dual basis: a*·a = 1, a*·b = 0, b*·a = 0, b*·b = 1
    private final double asx, asy, bsx, bsy;

    private Lattice(int width, int height, int drop, int shift) {
        this.width = width;
        this.height = height;
        this.drop = drop;
        this.shift = shift;
        double det = (double) width * height - (double) shift * drop;
        asx = height / det;
        asy = -shift / det;
        bsx = -drop / det;
        bsy = width / det;
    }

    public static Lattice of(RepeatGeometry repeat, int width, int height) {
        return switch (repeat.type()) {
            case BLOCK, MIRROR -> new Lattice(width, height, 0, 0);
            case HALF_DROP, DROP -> new Lattice(width, height, Math.floorMod(Math.round(repeat.offset() * height), height), 0);
            case HALF_BRICK, BRICK -> new Lattice(width, height, 0, Math.floorMod(Math.round(repeat.offset() * width), width));
        };
    }

    /** @return the smaller tile side in pixels; motif sizes are fractions of it */
    public int side() {
        return Math.min(width, height);
    }

    /**
     * The point equivalent to (x, y) inside the tile rectangle, which is a fundamental domain of every
     * lattice here.
     */
    public double[] wrap(double x, double y) {
        if (shift == 0) {
            double k = Math.floor(x / width);
            x -= k * width;
            y -= k * drop;
            y -= Math.floor(y / height) * height;
        } else {
            double l = Math.floor(y / height);
            y -= l * height;
            x -= l * shift;
            x -= Math.floor(x / width) * width;
        }
        // x / width can round up to exactly 1 for x just below 0
        if (x >= width) {
            x -= width;
        }
        if (y >= height) {
            y -= height;
        }
        return new double[] {x, y};
    }

    /** @return the shortest distance between the two points over all their lattice translates */
    public double distance(double x1, double y1, double x2, double y2) {
        double[] d = wrap(x2 - x1, y2 - y1);
        double best = Double.MAX_VALUE;
        for (int k = -1; k <= 1; k++) {
            for (int l = -1; l <= 1; l++) {
                double dx = d[0] + k * width + l * shift;
                double dy = d[1] + k * drop + l * height;
                best = Math.min(best, dx * dx + dy * dy);
            }
        }
        return Math.sqrt(best);
    }

    /**
     * The wave vector of the dual lattice closest to the wanted one. Any function of {@code frac(k·p)}
     * is then invariant under the repeat, which is how stripes, checks and grids at any angle stay
     * seamless: their periods are made commensurate with the tile. Exact angles win over exact periods
     * (a horizontal stripe must stay horizontal in a half drop, so it gets an even count per tile).
     *
     * @param angleDeg direction of the wave vector in degrees, image axes (x right, y down)
     * @param period   wanted period in pixels, &gt; 0
     * @return {kx, ky} in cycles per pixel
     */
    public double[] waveVector(double angleDeg, double period) {
        double th = StrictMath.toRadians(angleDeg);
        double kx = StrictMath.cos(th) / period;
        double ky = StrictMath.sin(th) / period;
        double i0 = kx * width + ky * drop;
        double j0 = kx * shift + ky * height;
        double bestScore = Double.MAX_VALUE;
        double[] best = null;
        for (long i = (long) Math.floor(i0) - 3; i <= (long) Math.ceil(i0) + 3; i++) {
            for (long j = (long) Math.floor(j0) - 3; j <= (long) Math.ceil(j0) + 3; j++) {
                if (i == 0 && j == 0) {
                    continue;
                }
                double mx = i * asx + j * bsx;
                double my = i * asy + j * bsy;
                double len = Math.sqrt(mx * mx + my * my);
                double dAngle = Math.abs(StrictMath.atan2(my, mx) - th);
                dAngle = Math.min(dAngle % (2 * Math.PI), 2 * Math.PI - dAngle % (2 * Math.PI));
                double score = dAngle * 8 + Math.abs(StrictMath.log(1 / (len * period)));
                if (score < bestScore - 1e-12) {
                    bestScore = score;
                    best = new double[] {mx, my};
                }
            }
        }
        return best;
    }

    /**
     * A grid of cells commensurate with the repeat: cell (u, v) coordinates are {@code k1·p} and
     * {@code k2·p}; whole-number steps of the lattice move them by whole numbers.
     *
     * @param cellW    wanted cell width in pixels
     * @param cellH    wanted cell height in pixels
     * @param angleDeg rotation of the grid in degrees
     */
    public Grid grid(double cellW, double cellH, double angleDeg) {
        double[] k1 = waveVector(angleDeg, cellW);
        double[] k2 = waveVector(angleDeg + 90, cellH);
        return new Grid(k1[0], k1[1], k2[0], k2[1]);
    }

    /** Cells of a grid commensurate with the lattice, and the sites at given fractions of each cell. */
    public final class Grid {
        public final double k1x, k1y, k2x, k2y;
        /** Cell edge vectors in pixels: u grows along e1, v along e2. */
        public final double e1x, e1y, e2x, e2y;

        Grid(double k1x, double k1y, double k2x, double k2y) {
            this.k1x = k1x;
            this.k1y = k1y;
            this.k2x = k2x;
            this.k2y = k2y;
            double det = k1x * k2y - k1y * k2x;
            e1x = k2y / det;
            e1y = -k2x / det;
            e2x = -k1y / det;
            e2y = k1x / det;
        }

        public double u(double x, double y) {
            return k1x * x + k1y * y;
        }

        public double v(double x, double y) {
            return k2x * x + k2y * y;
        }

        /** @return cell width along e1 in pixels */
        public double cellWidth() {
            return Shapes.len(e1x, e1y);
        }

        /** @return cell height along e2 in pixels */
        public double cellHeight() {
            return Shapes.len(e2x, e2y);
        }

        /**
         * One representative of every site at cell fraction (fu, fv), each inside the tile; the lattice
         * translates of these are all sites in the plane. Sorted, so the order is reproducible.
         */
        public List<double[]> sites(double fu, double fv) {
            double umin = Double.MAX_VALUE, umax = -Double.MAX_VALUE, vmin = Double.MAX_VALUE, vmax = -Double.MAX_VALUE;
            for (int c = 0; c < 4; c++) {
                double x = (c & 1) * width, y = (c >> 1) * height;
                umin = Math.min(umin, u(x, y));
                umax = Math.max(umax, u(x, y));
                vmin = Math.min(vmin, v(x, y));
                vmax = Math.max(vmax, v(x, y));
            }
            TreeMap<Long, double[]> unique = new TreeMap<>();
            for (long i = (long) Math.floor(umin) - 1; i <= (long) Math.ceil(umax) + 1; i++) {
                for (long j = (long) Math.floor(vmin) - 1; j <= (long) Math.ceil(vmax) + 1; j++) {
                    double x = (i + fu) * e1x + (j + fv) * e2x;
                    double y = (i + fu) * e1y + (j + fv) * e2y;
                    double[] p = wrap(x, y);
                    // snap away rounding noise so a site on a tile edge is kept once, not twice
                    long key = Math.round(p[1] * 4096) % (4096L * height) * (8192L * width)
                            + Math.round(p[0] * 4096) % (4096L * width);
                    unique.putIfAbsent(key, p);
                }
            }
            return new ArrayList<>(unique.values());
        }
    }
}
