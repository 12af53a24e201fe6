package tessera.plugin.qa.internal;

import java.util.ArrayList;
import java.util.List;

import tessera.api.qa.QaReport.Defect;

/**
 * Boxes from the heat map: 8-connected regions above 0.5, each named by its shape and by how it differs from
 * the design (a heuristic on the residual: lighter → missing ink, very dark → hole, long → streak or banding,
 * light and dark flanks → crease, large and soft → smear, otherwise a spot).
 */
final class DefectRegions {
    static final float THRESHOLD = 0.5f;

    private DefectRegions() {
    }

    /** @param mmPerPx size of a grid pixel on the goods; @param minAreaMm2 smaller regions are noise */
    static List<Defect> find(float[] heat, Comparison c, double mmPerPx, double minAreaMm2) {
        int w = c.w;
        int h = c.h;
        int n = w * h;
        boolean[] seen = new boolean[n];
        int[] stack = new int[n];
        List<Defect> out = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            if (seen[s] || heat[s] < THRESHOLD) {
                continue;
            }
            int top = 0;
            stack[top++] = s;
            seen[s] = true;
            int x0 = w;
            int y0 = h;
            int x1 = -1;
            int y1 = -1;
            int area = 0;
            float score = 0;
            double dl = 0;
            float minL = 100;
            float minDl = 0;
            float maxDl = 0;
            while (top > 0) {
                int i = stack[--top];
                int x = i % w;
                int y = i / w;
                x0 = Math.min(x0, x);
                x1 = Math.max(x1, x);
                y0 = Math.min(y0, y);
                y1 = Math.max(y1, y);
                area++;
                score = Math.max(score, heat[i]);
                float d = c.scanLab[i] - c.expectLab[i];
                dl += d;
                minDl = Math.min(minDl, d);
                maxDl = Math.max(maxDl, d);
                minL = Math.min(minL, c.scanLab[i]);
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int xx = x + dx;
                        int yy = y + dy;
                        if (xx >= 0 && yy >= 0 && xx < w && yy < h) {
                            int j = yy * w + xx;
                            if (!seen[j] && heat[j] >= THRESHOLD) {
                                seen[j] = true;
                                stack[top++] = j;
                            }
                        }
                    }
                }
            }
            double areaMm2 = area * mmPerPx * mmPerPx;
            if (areaMm2 < minAreaMm2) {
                continue;
            }
            int bw = x1 - x0 + 1;
            int bh = y1 - y0 + 1;
            String kind = kind(bw, bh, w, dl / area, minL, minDl, maxDl, areaMm2);
            out.add(new Defect(kind, ColourCheck.round(score), ColourCheck.round(x0 * mmPerPx), ColourCheck.round(y0 * mmPerPx),
                    ColourCheck.round(bw * mmPerPx), ColourCheck.round(bh * mmPerPx)));
        }
        out.sort((a, b) -> Double.compare(b.score(), a.score()));
        return out;
    }

    private static String kind(int bw, int bh, int w, double meanDl, float minL, float minDl, float maxDl, double areaMm2) {
        double elong = Math.max(bw, bh) / (double) Math.min(bw, bh);
        if (maxDl > 8 && minDl < -8 && elong >= 3) {
            return "crease";
        }
        if (elong >= 5) {
            return bw >= 0.8 * w && bh < bw ? "banding" : "streak";
        }
        if (minL < 15) {
            return "hole";
        }
        if (meanDl > 3) {
            return "missing-ink";
        }
        if (areaMm2 > 40) {
            return "smear";
        }
        return "spot";
    }
}
