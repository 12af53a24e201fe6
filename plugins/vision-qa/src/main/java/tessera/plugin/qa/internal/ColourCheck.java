package tessera.plugin.qa.internal;

import java.util.ArrayList;
import java.util.List;

import tessera.api.qa.QaReport.ColourAccuracy;
import tessera.api.qa.QaReport.ColourEntry;
import tessera.imaging.colour.DeltaE;
import tessera.imaging.colour.Lab;

/**
 * ΔE2000 summary (#10): over the whole print, and per design colour as a spectrophotometer would measure a
 * patch: the mean Lab of the colour's interior pixels (away from edges and defects) against the design's colour.
 */
final class ColourCheck {
    /** Minimum grid pixels for a colour to be measured (about 3 mm² at 75 dpi). */
    static final int MIN_SAMPLES = 24;
    /** Expected-print lightness gradient (ΔL* per grid pixel) above which a pixel is an edge, not a patch. */
    static final float EDGE = 1.5f;

    private ColourCheck() {
    }

    static ColourAccuracy measure(Comparison c, Palette palette, float[] heat, double tolerance) {
        int n = c.w * c.h;
        int k = palette.size();
        double[][] sum = new double[k][3];
        int[] cnt = new int[k];
        int[][] hist = new int[k][501];
        int[] all = new int[501];
        double total = 0;
        int counted = 0;
        float max = 0;
        for (int i = 0; i < n; i++) {
            if (heat[i] >= 0.5f) {
                continue;
            }
            float de = c.deltaE[i];
            total += de;
            counted++;
            all[Math.min(500, (int) (de * 10))]++;
            max = Math.max(max, de);
            if (c.features[4 * n + i] * 30f > EDGE) {
                continue;
            }
            int p = palette.member(c.expectLab[i], c.expectLab[n + i], c.expectLab[2 * n + i]);
            if (p < 0) {
                continue;
            }
            sum[p][0] += c.scanLab[i];
            sum[p][1] += c.scanLab[n + i];
            sum[p][2] += c.scanLab[2 * n + i];
            cnt[p]++;
            hist[p][Math.min(500, (int) (de * 10))]++;
        }
        List<ColourEntry> entries = new ArrayList<>();
        for (int p = 0; p < k; p++) {
            if (cnt[p] < MIN_SAMPLES) {
                continue;
            }
            Lab mean = new Lab(sum[p][0] / cnt[p], sum[p][1] / cnt[p], sum[p][2] / cnt[p]);
            double de = DeltaE.ciede2000(mean, palette.lab().get(p));
            entries.add(new ColourEntry(palette.hex(p), round(de), round(percentile(hist[p], cnt[p], 0.95)), de <= tolerance));
        }
        return new ColourAccuracy(round(counted == 0 ? 0 : total / counted), round(percentile(all, counted, 0.95)), round(max), entries);
    }

    static double percentile(int[] hist, int count, double q) {
        long target = (long) Math.ceil(q * count);
        long run = 0;
        for (int b = 0; b < hist.length; b++) {
            run += hist[b];
            if (run >= target) {
                return (b + 0.5) / 10;
            }
        }
        return 50;
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
