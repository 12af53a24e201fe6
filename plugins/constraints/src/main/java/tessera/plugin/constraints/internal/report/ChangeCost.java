package tessera.plugin.constraints.internal.report;

import tessera.api.image.RgbImage;
import tessera.imaging.colour.DeltaE;
import tessera.imaging.colour.LabImage;
import tessera.imaging.colour.WhitePoint;

/**
 * What a repair cost: the pixels it changed and their ΔE2000 (CIELAB D50) against the original. Computed
 * in strips of about 64 K pixels, so a 16 M-pixel tile needs no second full Lab copy.
 *
 * @param changed pixels that differ in any channel
 * @param meanDe  mean ΔE2000 of the changed pixels (0 when none)
 * @param maxDe   largest ΔE2000
 */
public record ChangeCost(long changed, double meanDe, double maxDe) {
    /** @return the cost of turning {@code before} into {@code after} (same size) */
    public static ChangeCost of(RgbImage before, RgbImage after) {
        int w = before.width();
        int h = before.height();
        int n = w * h;
        float[] pa = before.planesView();
        float[] pb = after.planesView();
        int rows = Math.max(1, 65536 / w);
        long changed = 0;
        double sum = 0;
        double max = 0;
        for (int y0 = 0; y0 < h; y0 += rows) {
            int r = Math.min(rows, h - y0);
            int m = r * w;
            float[] sa = new float[3 * m];
            float[] sb = new float[3 * m];
            for (int c = 0; c < 3; c++) {
                System.arraycopy(pa, c * n + y0 * w, sa, c * m, m);
                System.arraycopy(pb, c * n + y0 * w, sb, c * m, m);
            }
            float[] de = DeltaE.ciede2000Map(lab(sa, w, r), lab(sb, w, r));
            for (int i = 0; i < m; i++) {
                if (sa[i] != sb[i] || sa[m + i] != sb[m + i] || sa[2 * m + i] != sb[2 * m + i]) {
                    changed++;
                    sum += de[i];
                    max = Math.max(max, de[i]);
                }
            }
        }
        return new ChangeCost(changed, changed == 0 ? 0 : sum / changed, max);
    }

    private static LabImage lab(float[] rgb, int w, int h) {
        float[] lab = new float[rgb.length];
        LabImage.fromRgbPlanes(rgb, lab, w, h, WhitePoint.D50);
        return LabImage.wrap(w, h, WhitePoint.D50, lab);
    }
}
