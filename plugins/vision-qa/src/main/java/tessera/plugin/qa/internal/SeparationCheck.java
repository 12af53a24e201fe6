package tessera.plugin.qa.internal;

import java.util.ArrayList;
import java.util.List;

import tessera.api.qa.QaReport.SeparationOffset;

/**
 * Per-screen misregistration (#10): for each flat colour, where the scan shows that colour (a soft assignment to
 * the nearest palette colour) is registered against where the design puts it, by Gauss–Newton on a translation.
 * Offsets are reported against the key screen, the darkest colour, in mm.
 */
final class SeparationCheck {
    /** Softness of the colour assignment, in ΔE*ab. */
    private static final double TAU = 8;

    private SeparationCheck() {
    }

    /** @param mmPerGridPx size of a grid pixel on the goods */
    static List<SeparationOffset> measure(Comparison c, Palette palette, double mmPerGridPx) {
        int k = palette.size();
        double[][] off = new double[k][];
        int key = 0;
        for (int p = 0; p < k; p++) {
            if (palette.lab().get(p).l() < palette.lab().get(key).l()) {
                key = p;
            }
        }
        float[][] ms = memberships(c.scanLab, c.w, c.h, palette);
        float[][] me = memberships(c.expectLab, c.w, c.h, palette);
        for (int p = 0; p < k; p++) {
            off[p] = translation(ms[p], me[p], c.w, c.h);
        }
        List<SeparationOffset> out = new ArrayList<>();
        if (off[key] == null) {
            return out;
        }
        for (int p = 0; p < k; p++) {
            if (p == key || off[p] == null) {
                continue;
            }
            out.add(new SeparationOffset(palette.hex(p), ColourCheck.round((off[p][0] - off[key][0]) * mmPerGridPx),
                    ColourCheck.round((off[p][1] - off[key][1]) * mmPerGridPx)));
        }
        return out;
    }

    private static float[][] memberships(float[] lab, int w, int h, Palette palette) {
        int n = w * h;
        int k = palette.size();
        float[][] m = new float[k][n];
        java.util.stream.IntStream.range(0, h).parallel().forEach(y -> {
            double[] e = new double[k];
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                double s = 0;
                for (int p = 0; p < k; p++) {
                    double d = Palette.de76(palette.lab().get(p), lab[i], lab[n + i], lab[2 * n + i]) / TAU;
                    e[p] = Math.exp(-d * d);
                    s += e[p];
                }
                for (int p = 0; p < k; p++) {
                    m[p][i] = (float) (e[p] / (s + 1e-6));
                }
            }
        });
        return m;
    }

    /** @return (dx, dy) in grid pixels with scan(x) ≈ expected(x − d), or null when the colour has too little edge */
    static double[] translation(float[] scan, float[] expect, int w, int h) {
        double dx = 0;
        double dy = 0;
        // the shift is the same for every pixel, so the expected plane moved by it is sampled once per iteration
        // and the central differences read its neighbours: one bilinear lookup per pixel instead of five (this loop
        // was a third of an A4 inspection, #10); the same function at the same points, so the same numbers to rounding
        double[] shifted = new double[w * h];
        for (int it = 0; it < 12; it++) {
            double ddx = dx;
            double ddy = dy;
            java.util.stream.IntStream.range(1, h - 1).parallel().forEach(y -> {
                for (int x = 1; x < w - 1; x++) {
                    shifted[y * w + x] = bilinear(expect, w, h, x - ddx, y - ddy);
                }
            });
            double hxx = 0;
            double hxy = 0;
            double hyy = 0;
            double bx = 0;
            double by = 0;
            for (int y = 2; y < h - 2; y++) {
                for (int x = 2; x < w - 2; x++) {
                    int i = y * w + x;
                    double e = shifted[i];
                    double gx = 0.5 * (shifted[i + 1] - shifted[i - 1]);
                    double gy = 0.5 * (shifted[i + w] - shifted[i - w]);
                    if (gx == 0 && gy == 0) {
                        continue;
                    }
                    double r = scan[i] - e;
                    // d/d(dx) of expected(x − d) is −gx
                    hxx += gx * gx;
                    hxy += gx * gy;
                    hyy += gy * gy;
                    bx -= gx * r;
                    by -= gy * r;
                }
            }
            double det = hxx * hyy - hxy * hxy;
            if (hxx + hyy < 5 || det < 1e-6 * (hxx + hyy) * (hxx + hyy)) {
                return null;
            }
            double sx = (hyy * bx - hxy * by) / det;
            double sy = (hxx * by - hxy * bx) / det;
            dx += Math.clamp(sx, -2, 2);
            dy += Math.clamp(sy, -2, 2);
            if (Math.abs(sx) + Math.abs(sy) < 1e-3) {
                break;
            }
        }
        return new double[] {dx, dy};
    }

    private static double bilinear(float[] p, int w, int h, double x, double y) {
        x = Math.clamp(x, 0, w - 1.001);
        y = Math.clamp(y, 0, h - 1.001);
        int x0 = (int) x;
        int y0 = (int) y;
        double fx = x - x0;
        double fy = y - y0;
        int i = y0 * w + x0;
        return (p[i] * (1 - fx) + p[i + 1] * fx) * (1 - fy) + (p[i + w] * (1 - fx) + p[i + w + 1] * fx) * fy;
    }
}
