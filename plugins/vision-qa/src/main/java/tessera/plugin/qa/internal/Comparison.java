package tessera.plugin.qa.internal;

import java.util.stream.IntStream;

import tessera.imaging.colour.DeltaE;
import tessera.imaging.colour.LabImage;
import tessera.imaging.colour.WhitePoint;

/**
 * Scan and expected print side by side on the inspection grid: lighting normalised, both in CIELAB, the
 * ΔE2000 map, and the six feature planes the defect CNN reads. Training and inspection build it the same way.
 */
final class Comparison {
    static final int FEATURES = 6;
    static boolean NORMALISE = true;

    final int w;
    final int h;
    /** Normalised scan and expected print, planar Lab (D65). */
    final float[] scanLab;
    final float[] expectLab;
    /** Normalised scan as sRGB planes (for the overlay). */
    final float[] scanRgb;
    final float[] deltaE;
    final float[] features;
    /** Lighting gain at the grid's centre and corners, for the report's diagnostics. */
    final double lightingSpread;

    /**
     * @param scanRgb   scan on the grid, sRGB planes (not modified)
     * @param expectRgb the design as it should look on the same grid, sRGB planes
     */
    Comparison(float[] scanRgb, float[] expectRgb, int w, int h, Palette palette) {
        this.w = w;
        this.h = h;
        int n = w * h;
        double[] field = NORMALISE ? lightingField(scanRgb, expectRgb, w, h, palette) : new double[6];
        float[] norm = new float[3 * n];
        // rows in parallel (an exp per pixel of an A4 grid), each keeping its own extremes of the gain
        double[] rowLo = new double[h];
        double[] rowHi = new double[h];
        IntStream.range(0, h).parallel().forEach(y -> {
            double lo = Double.MAX_VALUE;
            double hi = -Double.MAX_VALUE;
            for (int x = 0; x < w; x++) {
                double g = Math.exp(-eval(field, x, y, w, h));
                lo = Math.min(lo, g);
                hi = Math.max(hi, g);
                int i = y * w + x;
                for (int c = 0; c < 3; c++) {
                    norm[c * n + i] = (float) (scanRgb[c * n + i] * g);
                }
            }
            rowLo[y] = lo;
            rowHi[y] = hi;
        });
        lightingSpread = java.util.Arrays.stream(rowHi).max().orElse(0) - java.util.Arrays.stream(rowLo).min().orElse(0);
        this.scanRgb = norm;
        scanLab = new float[3 * n];
        expectLab = new float[3 * n];
        LabImage.fromRgbPlanes(norm, scanLab, w, h, WhitePoint.D65);
        LabImage.fromRgbPlanes(expectRgb, expectLab, w, h, WhitePoint.D65);
        deltaE = DeltaE.ciede2000Map(LabImage.wrap(w, h, WhitePoint.D65, scanLab), LabImage.wrap(w, h, WhitePoint.D65, expectLab));
        features = new float[FEATURES * n];
        IntStream.range(0, h).parallel().forEach(y -> {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                features[i] = (scanLab[i] - expectLab[i]) / 20f;
                features[n + i] = (scanLab[n + i] - expectLab[n + i]) / 20f;
                features[2 * n + i] = (scanLab[2 * n + i] - expectLab[2 * n + i]) / 20f;
                features[3 * n + i] = expectLab[i] / 100f - 0.5f;
                float gx = expectLab[y * w + Math.min(w - 1, x + 1)] - expectLab[y * w + Math.max(0, x - 1)];
                float gy = expectLab[Math.min(h - 1, y + 1) * w + x] - expectLab[Math.max(0, y - 1) * w + x];
                features[4 * n + i] = (float) Math.hypot(gx, gy) / 30f;
                features[5 * n + i] = Math.min(3f, deltaE[i] / 10f);
            }
        });
    }

    /**
     * Uneven lighting across the scanner bed as a quadratic in x, y of log(scan luma / expected luma), fitted
     * robustly with one free level per design colour: a colour printed too light or too dark is explained by
     * its own level, not by the lighting, so the normalisation flattens the bed's light but leaves colour
     * shifts for the ΔE check to find (#10).
     */
    static double[] lightingField(float[] scan, float[] expect, int w, int h, Palette palette) {
        int n = w * h;
        int k = palette == null ? 1 : palette.size() + 1;
        int m = 5 + k;
        int stride = Math.max(1, (int) Math.sqrt(n / 20000.0));
        java.util.List<double[]> pts = new java.util.ArrayList<>();
        float[] lab = new float[3];
        for (int y = 0; y < h; y += stride) {
            for (int x = 0; x < w; x += stride) {
                int i = y * w + x;
                double ls = 0.299 * scan[i] + 0.587 * scan[n + i] + 0.114 * scan[2 * n + i];
                double le = 0.299 * expect[i] + 0.587 * expect[n + i] + 0.114 * expect[2 * n + i];
                if (ls > 0.08 && le > 0.08) {
                    int cls = 0;
                    if (palette != null) {
                        tessera.imaging.colour.Lab l = PrintSimulator.lab(new float[] {expect[i], expect[n + i], expect[2 * n + i]});
                        cls = palette.member((float) l.l(), (float) l.a(), (float) l.b()) + 1;
                    }
                    pts.add(new double[] {x, y, Math.log(ls / le), cls});
                }
            }
        }
        double[] coef = new double[m];
        if (pts.size() < 50) {
            return new double[6];
        }
        double cut = Double.POSITIVE_INFINITY;
        double[] t = new double[m];
        for (int it = 0; it < 3; it++) {
            double[] a = new double[m * m];
            double[] b = new double[m];
            for (double[] p : pts) {
                row(p, w, h, t);
                double r = p[2] - dot(coef, t);
                if (Math.abs(r) > cut) {
                    continue;
                }
                for (int i = 0; i < m; i++) {
                    b[i] += t[i] * p[2];
                    for (int j = 0; j < m; j++) {
                        a[i * m + j] += t[i] * t[j];
                    }
                }
            }
            for (int i = 0; i < m; i++) {
                a[i * m + i] += 1e-6;
            }
            double[] s = Registration.solve(a, b);
            if (s == null) {
                break;
            }
            coef = s;
            double[] res = new double[pts.size()];
            for (int i = 0; i < res.length; i++) {
                double[] p = pts.get(i);
                row(p, w, h, t);
                res[i] = Math.abs(p[2] - dot(coef, t));
            }
            java.util.Arrays.sort(res);
            cut = Math.max(0.01, 3 * 1.4826 * res[res.length / 2]);
        }
        // keep only the spatial variation across the bed, with its mean removed
        double[] field = {0, coef[0], coef[1], coef[2], coef[3], coef[4]};
        double mean = 0;
        int cnt = 0;
        for (int y = 0; y < h; y += stride) {
            for (int x = 0; x < w; x += stride) {
                mean += eval(field, x, y, w, h);
                cnt++;
            }
        }
        field[0] = -mean / cnt;
        return field;
    }

    private static void row(double[] p, int w, int h, double[] t) {
        double u = p[0] / w - 0.5;
        double v = p[1] / h - 0.5;
        java.util.Arrays.fill(t, 0);
        t[0] = u;
        t[1] = v;
        t[2] = u * u;
        t[3] = u * v;
        t[4] = v * v;
        t[5 + (int) p[3]] = 1;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static double eval(double[] c, double x, double y, int w, int h) {
        double u = x / w - 0.5;
        double v = y / h - 0.5;
        return c[0] + c[1] * u + c[2] * v + c[3] * u * u + c[4] * u * v + c[5] * v * v;
    }
}
