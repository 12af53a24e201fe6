package tessera.plugin.diffusion.internal.sample;

import tessera.api.repeat.RepeatGeometry;
import tessera.api.repeat.RepeatType;

/**
 * The latent field a tile is denoised on, and the repeat lattice it must keep. A block (or mirror) repeat is the
 * tile's own torus. A drop repeat with offset p/q is denoised on a field q tiles wide whose copy k is tile 0 moved
 * down by k · offset (a brick repeat: q tiles high, moved right): the UNet is equivariant to that shift, and the
 * sampler re-imposes it after every step, so the tile cropped from the field continues across the dropped seam.
 *
 * @param tileW  tile width in latent cells
 * @param tileH  tile height in latent cells
 * @param copies tiles along x (drop) or y (brick)
 * @param shift  offset of the next copy in cells
 * @param brick  copies stacked vertically
 */
public record LatentField(int tileW, int tileH, int copies, int shift, boolean brick) {
    /** Cells the UNet's two stride-2 levels need a shift to be a multiple of. */
    static final int ALIGN = 4;

    public static LatentField block(int tileW, int tileH) {
        return new LatentField(tileW, tileH, 1, 0, false);
    }

    /** @throws IllegalArgumentException when the offset does not fall on the UNet's grid; says which sizes work */
    public static LatentField of(RepeatGeometry repeat, int tileW, int tileH, int pixelsPerCell) {
        RepeatType t = repeat == null ? RepeatType.BLOCK : repeat.type();
        if (t != RepeatType.HALF_DROP && t != RepeatType.HALF_BRICK) {
            return block(tileW, tileH);
        }
        boolean brick = t == RepeatType.HALF_BRICK;
        int along = brick ? tileW : tileH;
        int q = 0;
        for (int c = 1; c <= 8 && q == 0; c++) {
            if (Math.abs(repeat.offset() * c - Math.rint(repeat.offset() * c)) < 1e-9) {
                q = c;
            }
        }
        double cells = repeat.offset() * along;
        if (q == 0 || Math.abs(cells - Math.rint(cells)) > 1e-9 || (long) Math.rint(cells) % ALIGN != 0) {
            throw new IllegalArgumentException("a " + repeat.label() + " repeat needs its offset on the diffusion "
                    + "model's " + ALIGN * pixelsPerCell + "-pixel grid: choose a tile " + (brick ? "width" : "height")
                    + " that is a multiple of " + ALIGN * pixelsPerCell * Math.max(q, 2) + " px");
        }
        int s = (int) Math.rint(cells) % along;
        return s == 0 ? block(tileW, tileH) : new LatentField(tileW, tileH, q, s, brick);
    }

    public int fieldW() {
        return brick ? tileW : tileW * copies;
    }

    public int fieldH() {
        return brick ? tileH * copies : tileH;
    }

    /** @return the index in tile 0 (y · tileW + x) that field cell (x, y) repeats */
    int source(int x, int y) {
        int copy = brick ? y / tileH : x / tileW;
        int ty = brick ? y % tileH : Math.floorMod(y - copy * shift, tileH);
        int tx = brick ? Math.floorMod(x - copy * shift, tileW) : x % tileW;
        return ty * tileW + tx;
    }

    /**
     * Makes every copy equal to tile 0 moved by the lattice; with one copy it returns its input.
     *
     * @param field [n, c, fieldH, fieldW] values, row-major
     */
    float[] impose(float[] field, int n, int c) {
        if (copies == 1) {
            return field;
        }
        int fw = fieldW(), fh = fieldH();
        float[] out = new float[field.length];
        for (int p = 0; p < n * c; p++) {
            int base = p * fw * fh;
            for (int y = 0; y < fh; y++) {
                for (int x = 0; x < fw; x++) {
                    int s = source(x, y);
                    out[base + y * fw + x] = field[base + (s / tileW) * fw + s % tileW];
                }
            }
        }
        return out;
    }

    /** One tile's values [c, tileH, tileW] laid over the field [c, fieldH, fieldW]. */
    public float[] layOut(float[] tile, int c) {
        int fw = fieldW(), fh = fieldH();
        float[] out = new float[c * fw * fh];
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < fh; y++) {
                for (int x = 0; x < fw; x++) {
                    out[(ch * fh + y) * fw + x] = tile[ch * tileW * tileH + source(x, y)];
                }
            }
        }
        return out;
    }
}
