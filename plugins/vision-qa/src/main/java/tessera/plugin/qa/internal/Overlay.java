package tessera.plugin.qa.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import tessera.api.image.RgbImage;
import tessera.api.qa.QaReport.Defect;
import tessera.imaging.io.ImageFiles;

/**
 * The overlay PNG (#10): four panels, expected print | scan (lighting normalised) over ΔE2000 map | defects
 * (the scan in grey with the heat in red and a box around each defect), so a defect is obvious at a glance.
 */
final class Overlay {
    /**
     * Panel side cap: an overview, not a second copy of the scan (PNG encoding of a 1.2k-side overlay alone took
     * 0.8 s of an A4 inspection); boxes mark defects smaller than a panel pixel.
     */
    static final int MAX_PANEL = 640;

    private Overlay() {
    }

    static void write(Comparison c, float[] expectRgb, float[] heat, List<Defect> defects, double mmPerPx, double gridDpi, Path file)
            throws IOException {
        int step = Math.max(1, (int) Math.ceil(Math.max(c.w, c.h) / (double) MAX_PANEL));
        int pw = c.w / step;
        int ph = c.h / step;
        int gap = 4;
        int ow = 2 * pw + gap;
        int oh = 2 * ph + gap;
        int n = c.w * c.h;
        float[] o = new float[3 * ow * oh];
        java.util.Arrays.fill(o, 1f);
        int on = ow * oh;
        for (int y = 0; y < ph; y++) {
            for (int x = 0; x < pw; x++) {
                int i = (y * step) * c.w + x * step;
                float grey = 0.299f * c.scanRgb[i] + 0.587f * c.scanRgb[n + i] + 0.114f * c.scanRgb[2 * n + i];
                float[] de = deColour(c.deltaE[i]);
                float hv = heat[i];
                for (int ch = 0; ch < 3; ch++) {
                    o[ch * on + y * ow + x] = expectRgb[ch * n + i];
                    o[ch * on + y * ow + x + pw + gap] = Math.clamp(c.scanRgb[ch * n + i], 0, 1);
                    o[ch * on + (y + ph + gap) * ow + x] = de[ch];
                    float base = 0.35f + 0.65f * Math.clamp(grey, 0, 1);
                    float red = ch == 0 ? 1f : 0f;
                    o[ch * on + (y + ph + gap) * ow + x + pw + gap] = base * (1 - hv) + red * hv;
                }
            }
        }
        for (Defect d : defects) {
            int x0 = (int) (d.xMm() / mmPerPx / step) + pw + gap;
            int y0 = (int) (d.yMm() / mmPerPx / step) + ph + gap;
            int x1 = x0 + Math.max(2, (int) Math.ceil(d.widthMm() / mmPerPx / step));
            int y1 = y0 + Math.max(2, (int) Math.ceil(d.heightMm() / mmPerPx / step));
            box(o, ow, oh, x0 - 2, y0 - 2, x1 + 1, y1 + 1);
        }
        ImageFiles.writePng(RgbImage.wrap(ow, oh, o), gridDpi / step, file);
    }

    /** White at 0, yellow at 2, red at 6 ΔE00 and beyond. */
    private static float[] deColour(float de) {
        if (de <= 2) {
            float t = de / 2;
            return new float[] {1, 1, 1 - t};
        }
        float t = Math.min(1, (de - 2) / 4);
        return new float[] {1, 1 - t, 0};
    }

    private static void box(float[] o, int ow, int oh, int x0, int y0, int x1, int y1) {
        int on = ow * oh;
        for (int x = x0; x <= x1; x++) {
            for (int y : new int[] {y0, y1}) {
                set(o, ow, oh, on, x, y);
            }
        }
        for (int y = y0; y <= y1; y++) {
            for (int x : new int[] {x0, x1}) {
                set(o, ow, oh, on, x, y);
            }
        }
    }

    private static void set(float[] o, int ow, int oh, int on, int x, int y) {
        if (x >= 0 && y >= 0 && x < ow && y < oh) {
            o[y * ow + x] = 1f;
            o[on + y * ow + x] = 0.1f;
            o[2 * on + y * ow + x] = 0.9f;
        }
    }
}
