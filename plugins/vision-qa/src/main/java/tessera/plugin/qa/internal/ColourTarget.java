package tessera.plugin.qa.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import tessera.imaging.colour.ChromaticAdaptation;
import tessera.imaging.colour.DeltaE;
import tessera.imaging.colour.Lab;
import tessera.imaging.colour.Srgb;
import tessera.imaging.colour.WhitePoint;

/**
 * Scanner colour normalisation from a ColorChecker in the scan (#10). The reference is the X-Rite ColorChecker 24 as
 * ArgyllCMS ships it (Debian {@code argyll-ref}: CIELAB D50, rows A–D of six patches, A01 dark skin … D06 black).
 * The patches are averaged inside the chart's box, the chart's turn (0° or 180°, or 90°/270° when the box stands
 * upright) is the one the fit explains best, and a 3 × 3 matrix in linear RGB (least squares over the 24 patches)
 * takes the scanner's rendition to the reference; the inspection applies it before ΔE2000. No offset term: a
 * scanner's black is black, and an offset fitted in linear light moves dark inks by many ΔE00 (it did: a 1 % offset
 * took a near-black ink from 3 to 9 ΔE00).
 */
final class ColourTarget {
    static final Path COLORCHECKER = Path.of("/usr/share/color/argyll/ref/ColorChecker.cie");
    static final int ROWS = 4;
    static final int COLS = 6;

    /** Reference patches in linear sRGB (D65, Bradford-adapted from the file's D50), row by row. */
    record Reference(Path file, double[][] linear, Lab[] labD65) {
    }

    /**
     * @param matrix      3 × 3: [r g b] (linear scan) · matrix → linear reference
     * @param orientation the chart's turn in degrees as found in the scan
     * @param deBefore    mean ΔE2000 of the 24 patches against the reference before the fit
     * @param deAfter     the same after applying it
     */
    record Fit(double[][] matrix, int orientation, double deBefore, double deAfter, double maxAfter) {
        /** Applies the correction to sRGB planes in place. */
        void apply(float[] rgb, int n) {
            for (int i = 0; i < n; i++) {
                double r = Srgb.toLinear(rgb[i]);
                double g = Srgb.toLinear(rgb[n + i]);
                double b = Srgb.toLinear(rgb[2 * n + i]);
                for (int c = 0; c < 3; c++) {
                    double v = matrix[0][c] * r + matrix[1][c] * g + matrix[2][c] * b;
                    rgb[c * n + i] = (float) Srgb.toEncoded(Math.clamp(v, 0, 1));
                }
            }
        }
    }

    private ColourTarget() {
    }

    /** @return the reference, or null when the file is missing (argyll-ref not installed) */
    static Reference reference(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        List<double[]> lab = new ArrayList<>();
        boolean data = false;
        for (String line : Files.readAllLines(file)) {
            String t = line.strip();
            if (t.equals("BEGIN_DATA")) {
                data = true;
            } else if (t.equals("END_DATA")) {
                data = false;
            } else if (data && !t.isEmpty()) {
                String[] f = t.split("\\s+");
                lab.add(new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3])});
            }
        }
        if (lab.size() != ROWS * COLS) {
            throw new IOException(file + " has " + lab.size() + " patches; a ColorChecker 24 has " + ROWS * COLS);
        }
        double[][] lin = new double[lab.size()][];
        Lab[] d65 = new Lab[lab.size()];
        for (int i = 0; i < lin.length; i++) {
            double[] l = lab.get(i);
            double[] xyz = ChromaticAdaptation.adapt(new Lab(l[0], l[1], l[2]).toXyz(WhitePoint.D50), WhitePoint.D50, WhitePoint.D65);
            lin[i] = multiply(Srgb.fromXyzMatrix(WhitePoint.D65), xyz);
            d65[i] = Lab.fromXyz(xyz, WhitePoint.D65);
        }
        return new Reference(file, lin, d65);
    }

    /**
     * Mean sRGB of each patch: the box is cut into a 4 × 6 grid (6 × 4 when it stands upright) and the middle half of
     * each cell averaged, so the chart's black frame and a slightly loose box do not count.
     *
     * @param box x, y, w, h in pixels of {@code rgb}
     * @return patches in the scan's reading order (row by row), as sRGB
     */
    static double[][] patches(float[] rgb, int w, int h, int[] box) {
        boolean upright = box[3] > box[2];
        int rows = upright ? COLS : ROWS;
        int cols = upright ? ROWS : COLS;
        int n = w * h;
        double[][] out = new double[rows * cols][3];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double cw = box[2] / (double) cols;
                double ch = box[3] / (double) rows;
                int x0 = (int) Math.round(box[0] + (c + 0.25) * cw);
                int x1 = (int) Math.round(box[0] + (c + 0.75) * cw);
                int y0 = (int) Math.round(box[1] + (r + 0.25) * ch);
                int y1 = (int) Math.round(box[1] + (r + 0.75) * ch);
                int cnt = 0;
                for (int y = Math.max(0, y0); y < Math.min(h, y1); y++) {
                    for (int x = Math.max(0, x0); x < Math.min(w, x1); x++) {
                        for (int k = 0; k < 3; k++) {
                            out[r * cols + c][k] += rgb[k * n + y * w + x];
                        }
                        cnt++;
                    }
                }
                for (int k = 0; k < 3; k++) {
                    out[r * cols + c][k] /= Math.max(1, cnt);
                }
            }
        }
        return out;
    }

    /** Fits the correction for each turn the box allows and keeps the one with the smallest ΔE2000 after fitting. */
    static Fit fit(double[][] scanSrgb, Reference ref, boolean upright) {
        Fit best = null;
        for (int turn : upright ? new int[] {90, 270} : new int[] {0, 180}) {
            int[] order = order(turn);
            double[][] lin = new double[order.length][];
            for (int i = 0; i < order.length; i++) {
                double[] s = scanSrgb[order[i]];
                lin[i] = new double[] {Srgb.toLinear(s[0]), Srgb.toLinear(s[1]), Srgb.toLinear(s[2])};
            }
            double[][] m = leastSquares(lin, ref.linear());
            if (m == null) {
                continue;
            }
            double before = 0;
            double after = 0;
            double max = 0;
            for (int i = 0; i < order.length; i++) {
                double[] s = scanSrgb[order[i]];
                before += DeltaE.ciede2000(Srgb.toLab(s[0], s[1], s[2], WhitePoint.D65), ref.labD65()[i]);
                double[] c = new double[3];
                for (int k = 0; k < 3; k++) {
                    c[k] = Srgb.toEncoded(Math.clamp(m[0][k] * lin[i][0] + m[1][k] * lin[i][1] + m[2][k] * lin[i][2], 0, 1));
                }
                double de = DeltaE.ciede2000(Srgb.toLab(c[0], c[1], c[2], WhitePoint.D65), ref.labD65()[i]);
                after += de;
                max = Math.max(max, de);
            }
            Fit f = new Fit(m, turn, before / order.length, after / order.length, max);
            if (best == null || f.deAfter() < best.deAfter()) {
                best = f;
            }
        }
        return best;
    }

    /**
     * For a chart turned by {@code turn} degrees (clockwise as it lies in the scan), the scan-order index of each
     * reference patch (A01 … D06).
     */
    static int[] order(int turn) {
        int[] out = new int[ROWS * COLS];
        for (int r = 0; r < ROWS; r++) {
            for (int c = 0; c < COLS; c++) {
                // where reference patch (r, c) lands in the scan's grid
                int sr;
                int sc;
                int scols;
                switch (turn) {
                    case 90 -> { sr = c; sc = ROWS - 1 - r; scols = ROWS; }
                    case 180 -> { sr = ROWS - 1 - r; sc = COLS - 1 - c; scols = COLS; }
                    case 270 -> { sr = COLS - 1 - c; sc = r; scols = ROWS; }
                    default -> { sr = r; sc = c; scols = COLS; }
                }
                out[r * COLS + c] = sr * scols + sc;
            }
        }
        return out;
    }

    /** Least squares of x·M = y for M (3 × 3); null when the patches do not span colour (a grey box). */
    private static double[][] leastSquares(double[][] x, double[][] y) {
        double[] a = new double[9];
        double[][] b = new double[3][3];
        for (int i = 0; i < x.length; i++) {
            double[] row = x[i];
            for (int p = 0; p < 3; p++) {
                for (int q = 0; q < 3; q++) {
                    a[p * 3 + q] += row[p] * row[q];
                }
                for (int k = 0; k < 3; k++) {
                    b[k][p] += row[p] * y[i][k];
                }
            }
        }
        double[][] m = new double[3][3];
        for (int k = 0; k < 3; k++) {
            double[] s = Registration.solve(a, b[k]);
            if (s == null) {
                return null;
            }
            for (int p = 0; p < 3; p++) {
                m[p][k] = s[p];
            }
        }
        return m;
    }

    private static double[] multiply(double[][] m, double[] v) {
        return new double[] {m[0][0] * v[0] + m[0][1] * v[1] + m[0][2] * v[2], m[1][0] * v[0] + m[1][1] * v[1] + m[1][2] * v[2],
            m[2][0] * v[0] + m[2][1] * v[1] + m[2][2] * v[2]};
    }

    static String describe(Fit f) {
        return String.format(Locale.ROOT, "ColorChecker turned %d°: patches %.2f ΔE00 before, %.2f after (max %.2f)", f.orientation(),
                f.deBefore(), f.deAfter(), f.maxAfter());
    }
}
