package tessera.plugin.gan.internal.model;

import tessera.api.repeat.RepeatGeometry;
import tessera.api.repeat.RepeatType;

/**
 * The field the generator runs on, in noise cells, and the repeat lattice that field must respect.
 * A block repeat is the tile's own torus. A drop (brick) repeat with offset p/q runs on a torus q tiles wide
 * (high) whose noise is invariant under the lattice vector (tile width, offset · tile height): a circular
 * convolution network is equivariant to that shift, so the output is too, and the tile cropped from it
 * continues across the dropped seam exactly (#8: half drop through the imaging geometry).
 *
 * @param cellsW, cellsH tile size in noise cells
 * @param copies         tiles the working torus holds along x (drop) or y (brick)
 * @param shift          offset of the neighbouring tile in noise cells (rows for drop, columns for brick)
 * @param brick          true when copies are stacked vertically (brick), false horizontally (drop) or 1 copy
 */
public record Torus(int cellsW, int cellsH, int copies, int shift, boolean brick) {

    public static Torus block(int cellsW, int cellsH) {
        return new Torus(cellsW, cellsH, 1, 0, false);
    }

    /**
     * @throws IllegalArgumentException when the offset does not fall on a noise cell; the message says which sizes work
     */
    public static Torus of(RepeatGeometry repeat, int cellsW, int cellsH, int stride) {
        RepeatType t = repeat == null ? RepeatType.BLOCK : repeat.type();
        if (t != RepeatType.HALF_DROP && t != RepeatType.HALF_BRICK) {
            return block(cellsW, cellsH); // mirror repeats meet their own reflection: any tile is seamless
        }
        boolean brick = t == RepeatType.HALF_BRICK;
        int along = brick ? cellsW : cellsH;
        double cells = repeat.offset() * along;
        int q = 0;
        for (int c = 1; c <= 8 && q == 0; c++) {
            if (Math.abs(repeat.offset() * c - Math.rint(repeat.offset() * c)) < 1e-9) {
                q = c;
            }
        }
        if (q == 0 || Math.abs(cells - Math.rint(cells)) > 1e-9) {
            throw new IllegalArgumentException("a " + repeat.label() + " repeat needs the offset to fall on the GAN's "
                    + stride + "-pixel grid; with this offset choose a tile " + (brick ? "width" : "height")
                    + " that is a multiple of " + stride + " × the offset's denominator (e.g. " + stride * 2 * 8 + " px)");
        }
        int s = (int) Math.rint(cells) % along;
        return s == 0 ? block(cellsW, cellsH) : new Torus(cellsW, cellsH, q, s, brick);
    }

    public int fieldW() {
        return brick ? cellsW : cellsW * copies;
    }

    public int fieldH() {
        return brick ? cellsH * copies : cellsH;
    }

    /**
     * Snaps a wave vector (radians per cell) to the nearest one that is periodic on this lattice:
     * k = 2π A⁻¹ round(A k / 2π) for the lattice basis rows A (so k · a is a multiple of 2π for every lattice vector a).
     */
    public double[] snap(double kx, double ky) {
        double[][] a = brick
                ? new double[][] {{shift, cellsH}, {cellsW, 0}}
                : new double[][] {{cellsW, shift}, {0, cellsH}};
        double twoPi = 2 * Math.PI;
        double m1 = Math.rint((a[0][0] * kx + a[0][1] * ky) / twoPi);
        double m2 = Math.rint((a[1][0] * kx + a[1][1] * ky) / twoPi);
        double det = a[0][0] * a[1][1] - a[0][1] * a[1][0];
        // A⁻¹ = [[a11, -a01], [-a10, a00]] / det
        double sx = twoPi * (a[1][1] * m1 - a[0][1] * m2) / det;
        double sy = twoPi * (-a[1][0] * m1 + a[0][0] * m2) / det;
        return new double[] {sx, sy};
    }

    /**
     * Lays one tile's local noise [C, cellsH, cellsW] out over the working field with the lattice's shift, so the
     * field is invariant under the repeat's lattice.
     *
     * @return [C, fieldH, fieldW]
     */
    public float[] tileNoise(float[] tile, int channels) {
        int fw = fieldW(), fh = fieldH();
        float[] out = new float[channels * fw * fh];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < fh; y++) {
                for (int x = 0; x < fw; x++) {
                    int copy = brick ? y / cellsH : x / cellsW;
                    int ty = brick ? y % cellsH : Math.floorMod(y - copy * shift, cellsH);
                    int tx = brick ? Math.floorMod(x - copy * shift, cellsW) : x % cellsW;
                    out[(c * fh + y) * fw + x] = tile[(c * cellsH + ty) * cellsW + tx];
                }
            }
        }
        return out;
    }
}
