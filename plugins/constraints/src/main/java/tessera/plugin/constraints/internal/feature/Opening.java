package tessera.plugin.constraints.internal.feature;

import tessera.imaging.repeat.RepeatLayout;

/**
 * Binary opening of one colour layer of a repeating tile with a k × k square, evaluated on the field
 * around the tile so that features crossing the tile's edge are seen whole. The field pixel (x, y), for x
 * and y up to k outside the tile, is read through {@link RepeatLayout#tileIndex}, so half drops, bricks
 * and mirrors see their true neighbours.
 * <p>
 * The square is separable and each pass is a running window count over a prefix sum (erosion: all k
 * pixels set; dilation: any set), so the cost is O(pixels) per layer whatever k is: about 10 ms for a
 * 1024² layer. A square instead of a disc is stricter along diagonals by up to √2; for the thin lines
 * and dots this rule looks for the difference does not matter.
 */
final class Opening {
    private Opening() {
    }

    /**
     * @param labels tile labels, row-major
     * @param label  the layer
     * @param k      side of the square, ≥ 2
     * @return for each tile pixel of the layer, true when the opening removes it (it lies in a feature narrower than k)
     */
    static boolean[] removed(int[] labels, int label, RepeatLayout layout, int k) {
        int w = layout.tileWidth();
        int h = layout.tileHeight();
        int pad = k;
        int fw = w + 2 * pad;
        int fh = h + 2 * pad;
        byte[] mask = new byte[fw * fh];
        for (int fy = 0; fy < fh; fy++) {
            for (int fx = 0; fx < fw; fx++) {
                mask[fy * fw + fx] = labels[layout.tileIndex(fx - pad, fy - pad)] == label ? (byte) 1 : 0;
            }
        }
        int a = (k - 1) / 2; // window [x - a, x + b] for erosion, reflected [x - b, x + a] for dilation
        int b = k - 1 - a;
        byte[] eroded = window(window(mask, fw, fh, a, b, true, true), fw, fh, a, b, true, false);
        byte[] opened = window(window(eroded, fw, fh, b, a, false, true), fw, fh, b, a, false, false);
        boolean[] out = new boolean[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int f = (y + pad) * fw + x + pad;
                out[y * w + x] = mask[f] == 1 && opened[f] == 0;
            }
        }
        return out;
    }

    /**
     * One pass of the separable square: the window from {@code before} pixels before to {@code after}
     * after each pixel, along rows or columns; outside the field counts as unset.
     */
    private static byte[] window(byte[] in, int fw, int fh, int before, int after, boolean erode, boolean rows) {
        byte[] out = new byte[in.length];
        int lines = rows ? fh : fw;
        int len = rows ? fw : fh;
        int step = rows ? 1 : fw;
        int need = erode ? before + after + 1 : 1;
        int[] prefix = new int[len + 1];
        for (int line = 0; line < lines; line++) {
            int base = rows ? line * fw : line;
            for (int i = 0; i < len; i++) {
                prefix[i + 1] = prefix[i] + in[base + i * step];
            }
            for (int i = 0; i < len; i++) {
                int lo = Math.max(0, i - before);
                int hi = Math.min(len, i + after + 1);
                out[base + i * step] = prefix[hi] - prefix[lo] >= need ? (byte) 1 : 0;
            }
        }
        return out;
    }
}
