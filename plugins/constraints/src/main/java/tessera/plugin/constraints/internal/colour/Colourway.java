package tessera.plugin.constraints.internal.colour;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

import tessera.api.image.RgbImage;
import tessera.imaging.colour.LabImage;
import tessera.imaging.colour.WhitePoint;

/**
 * The same design re-coloured to another palette (#6), as a textile CAD's colourway does: the design's
 * colours (counted as the screens count them, {@link ScreenPalette}) are ranked by area, largest first
 * (the ground), and colour n of the new palette takes the place of the design's n-th colour. Design
 * colours beyond the new palette's length follow the design colour nearest to them. Shading and
 * anti-aliasing survive: each pixel is written as a blend of its two nearest design colours plus a
 * residual (all in CIELAB D50), and the same blend of their new colours plus the same residual is drawn.
 */
public final class Colourway {
    private static final double MERGE_DE = 2.5;
    private static final double MIN_AREA = 0.001;
    private static final int MAX_COLOURS = 64;

    /**
     * @param from design colours, largest area first (0xRRGGBB)
     * @param to   what each became
     * @param area share of the tile each covers, 0–1
     */
    public record Result(RgbImage tile, int[] from, int[] to, double[] area) {
        /** @return e.g. "#f2ead8 → #203040 (61.2 %), #1d3fbb → #e0b030 (20 %)" */
        public String describe() {
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < from.length; i++) {
                parts.add(String.format(Locale.ROOT, "#%06x → #%06x (%.1f %%)", from[i], to[i], 100 * area[i]));
            }
            return String.join(", ", parts);
        }
    }

    private Colourway() {
    }

    /**
     * @param hex colours as {@code #rrggbb} (or {@code rrggbb})
     * @return packed 0xRRGGBB
     * @throws IllegalArgumentException naming the entry that is not a colour
     */
    public static int[] parse(String... hex) {
        int[] out = new int[hex.length];
        for (int i = 0; i < hex.length; i++) {
            String s = hex[i].strip();
            String digits = s.startsWith("#") ? s.substring(1) : s;
            if (!digits.matches("[0-9a-fA-F]{6}")) {
                throw new IllegalArgumentException("colour " + (i + 1) + " '" + s + "' is not #rrggbb; write colours like #1d3fbb");
            }
            out[i] = Integer.parseInt(digits, 16);
        }
        return out;
    }

    /**
     * @param palette the new colours, ground first, ≥ 1
     * @return the re-coloured tile, or null when the design is continuous tone (no palette describes it)
     */
    public static Result recolour(RgbImage tile, int[] palette) {
        if (palette.length == 0) {
            throw new IllegalArgumentException("a colourway needs at least one colour");
        }
        ScreenPalette sp = ScreenPalette.of(tile, MERGE_DE, MIN_AREA, MAX_COLOURS);
        if (!sp.fits()) {
            return null;
        }
        int[] own = sp.palette();
        byte[] label = PaletteMap.nearest(tile, own);
        int n = tile.width() * tile.height();
        long[] count = new long[own.length];
        for (byte b : label) {
            count[b & 0xff]++;
        }
        Integer[] order = IntStream.range(0, own.length).boxed().sorted(Comparator.comparingLong((Integer j) -> -count[j])
                .thenComparing(j -> j)).toArray(Integer[]::new);
        int[] from = new int[own.length];
        double[] area = new double[own.length];
        for (int r = 0; r < own.length; r++) {
            from[r] = own[order[r]];
            area[r] = (double) count[order[r]] / n;
        }
        double[] fromLab = PaletteMap.lab(from);
        int[] to = new int[from.length];
        for (int r = 0; r < from.length; r++) {
            to[r] = r < palette.length ? palette[r] : to[nearest(fromLab, r, Math.min(r, palette.length))];
        }
        double[] toLab = PaletteMap.lab(to);
        return new Result(draw(tile, fromLab, toLab), from, to, area);
    }

    /** @return the index below {@code limit} of the colour nearest colour {@code r} */
    private static int nearest(double[] lab, int r, int limit) {
        int best = 0;
        double bestD = Double.POSITIVE_INFINITY;
        for (int j = 0; j < limit; j++) {
            double d = sq(lab, 3 * r, lab, 3 * j);
            if (d < bestD) {
                bestD = d;
                best = j;
            }
        }
        return best;
    }

    private static RgbImage draw(RgbImage tile, double[] fromLab, double[] toLab) {
        LabImage lab = LabImage.of(tile, WhitePoint.D50);
        float[] p = lab.planes();
        int n = tile.width() * tile.height();
        int k = fromLab.length / 3;
        double[] px = new double[3];
        for (int i = 0; i < n; i++) {
            px[0] = p[i];
            px[1] = p[n + i];
            px[2] = p[2 * n + i];
            int a = 0;
            int b = -1;
            double da = Double.POSITIVE_INFINITY;
            double db = Double.POSITIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                double d = sq(px, 0, fromLab, 3 * j);
                if (d < da) {
                    b = a;
                    db = da;
                    a = j;
                    da = d;
                } else if (d < db) {
                    b = j;
                    db = d;
                }
            }
            // t: where the pixel lies on the way from its nearest design colour a to the next one b
            double t = 0;
            if (b >= 0) {
                double num = 0;
                double den = 0;
                for (int c = 0; c < 3; c++) {
                    double ab = fromLab[3 * b + c] - fromLab[3 * a + c];
                    num += (px[c] - fromLab[3 * a + c]) * ab;
                    den += ab * ab;
                }
                t = den > 0 ? Math.clamp(num / den, 0, 1) : 0;
            }
            for (int c = 0; c < 3; c++) {
                double src = fromLab[3 * a + c] + (b >= 0 ? t * (fromLab[3 * b + c] - fromLab[3 * a + c]) : 0);
                double dst = toLab[3 * a + c] + (b >= 0 ? t * (toLab[3 * b + c] - toLab[3 * a + c]) : 0);
                p[c * n + i] = (float) (dst + px[c] - src);
            }
        }
        return LabImage.wrap(tile.width(), tile.height(), WhitePoint.D50, p).toRgb();
    }

    private static double sq(double[] x, int i, double[] y, int j) {
        double d0 = x[i] - y[j];
        double d1 = x[i + 1] - y[j + 1];
        double d2 = x[i + 2] - y[j + 2];
        return d0 * d0 + d1 * d1 + d2 * d2;
    }
}
