package tessera.plugin.qa.internal;

import java.util.stream.IntStream;

/**
 * The design as it should appear on an inspection grid: the tile blurred as much as the scan is (box averaging
 * plus the scanner's optics) and sampled through the registration.
 */
final class Expectation {
    /**
     * Blurs tried for a scan, in grid pixels. A sharp scan box-averaged onto the grid is about 0.3 grid px soft, a
     * scanner with soft optics 0.6 and more; an expected print softer than the scan leaves a rim of residue at every
     * hard motif edge, which the defect CNN reads as ink defects (#10: sharp scans gave false defects).
     */
    static final double[] SIGMAS = {0.3, 0.45, 0.6, 0.8};
    /** Rows between those the blur is fitted on: enough edge pixels on a 54 mm scan, a tenth of the cost on A4. */
    static final int ROW_STEP = 6;
    /** The blur when there is no scan to fit it to. */
    static final double DEFAULT_SIGMA = 0.5;

    private Expectation() {
    }

    static DesignRepeat blurred(DesignRepeat design, double sigma) {
        return design.with(Planes.blurRepeat(design, design.plane(0), sigma), Planes.blurRepeat(design, design.plane(1), sigma),
                Planes.blurRepeat(design, design.plane(2), sigma));
    }

    /** @param gridMap grid pixel → source pixel */
    static float[] render(DesignRepeat design, Similarity gridMap, int gw, int gh) {
        return render(design, gridMap, gw, gh, DEFAULT_SIGMA);
    }

    /** @param sigmaGrid blur in grid pixels */
    static float[] render(DesignRepeat design, Similarity gridMap, int gw, int gh, double sigmaGrid) {
        DesignRepeat b = blurred(design, sigmaGrid * gridMap.scale());
        return PrintSimulator.render(b, gridMap, gw, gh);
    }

    /**
     * The expected print at the blur that fits the scan best: each candidate is rendered on every {@value #ROW_STEP}th grid row and
     * scored by the median absolute luma residual after a gain and offset fit (defects and lighting do not decide).
     *
     * @param scanGrid the scan on the grid, sRGB planes
     */
    static float[] renderFitted(DesignRepeat design, Similarity gridMap, float[] scanGrid, int gw, int gh) {
        int rows = (gh + ROW_STEP - 1) / ROW_STEP;
        float[] scanLuma = new float[gw * rows];
        int n = gw * gh;
        for (int r = 0; r < rows; r++) {
            int i0 = ROW_STEP * r * gw;
            for (int x = 0; x < gw; x++) {
                int i = i0 + x;
                scanLuma[r * gw + x] = 0.299f * scanGrid[i] + 0.587f * scanGrid[n + i] + 0.114f * scanGrid[2 * n + i];
            }
        }
        double best = Double.POSITIVE_INFINITY;
        double sigma = DEFAULT_SIGMA;
        for (double s : SIGMAS) {
            DesignRepeat b = blurred(design, s * gridMap.scale());
            float[] e = new float[gw * rows];
            IntStream.range(0, rows).parallel().forEach(r -> {
                int y = ROW_STEP * r;
                for (int x = 0; x < gw; x++) {
                    double u = gridMap.u(x, y);
                    double v = gridMap.v(x, y);
                    e[r * gw + x] = 0.299f * b.sample(0, u, v) + 0.587f * b.sample(1, u, v) + 0.114f * b.sample(2, u, v);
                }
            });
            double m = edgeResidual(scanLuma, e);
            if (m < best) {
                best = m;
                sigma = s;
            }
        }
        return render(design, gridMap, gw, gh, sigma);
    }

    /**
     * Mean absolute residual of {@code scan ≈ α·expected + β} over the pixels where the expected print changes
     * (a flat area says nothing about blur), with the worst quarter dropped so defects do not decide.
     */
    private static double edgeResidual(float[] scan, float[] expect) {
        int n = scan.length;
        float[] all = Planes.fitResiduals(scan, expect);
        float[] r = new float[n];
        int k = 0;
        for (int i = 1; i < n - 1; i++) {
            if (Math.abs(expect[i + 1] - expect[i - 1]) > 0.02f) {
                r[k++] = all[i];
            }
        }
        if (k < 16) {
            return Double.NaN; // no edges: every blur fits, the default stays
        }
        // the sum of the smallest three quarters: everything under the cut value, then as many copies of it as fill
        // the quarter (ties), found by selection instead of sorting every edge residual four times a scan
        int keep = 3 * k / 4;
        double[] used = new double[k];
        for (int i = 0; i < k; i++) {
            used[i] = r[i];
        }
        double cut = Planes.select(used, keep - 1);
        double s = 0;
        int below = 0;
        for (int i = 0; i < k; i++) {
            if (r[i] < cut) {
                s += r[i];
                below++;
            }
        }
        return (s + (keep - below) * cut) / keep;
    }
}
