package tessera.plugin.constraints.internal.ink;

import tessera.api.image.RgbImage;
import tessera.imaging.icc.CmykSeparation;

/**
 * Finds, for colours whose separation needs more ink than a line lays down, the least lightened colour
 * whose separation stays within the limit. A press profile's black generation puts most ink into the
 * darkest colours; the profile separates a colour the same way every time, so the only colour-side fix
 * is a lighter colour (mixing towards paper white in sRGB, which keeps the hue). Bisection on the mix,
 * all colours at once through imaging's separation table.
 */
final class Lightening {
    private static final int STEPS = 12;

    private Lightening() {
    }

    /**
     * @param rgb   planar sRGB of {@code n} colours (R plane, G plane, B plane), in [0, 1]
     * @param limit total ink allowed, as a fraction
     * @return the lightened colours, same layout; colours already within the limit come back unchanged
     */
    static float[] underLimit(CmykSeparation separation, float[] rgb, int n, double limit) {
        float[] out = rgb.clone();
        if (n == 0) {
            return out;
        }
        double[] lo = new double[n]; // mixes known over the limit (0 = the colour itself)
        double[] hi = new double[n]; // mixes known within it (1 = white, which takes no ink)
        java.util.Arrays.fill(hi, 1);
        boolean[] within = inkWithin(separation, rgb, n, limit);
        float[] trial = new float[3 * n];
        for (int step = 0; step < STEPS; step++) {
            for (int i = 0; i < n; i++) {
                double t = within[i] ? 0 : (lo[i] + hi[i]) / 2;
                mix(rgb, trial, n, i, t);
            }
            boolean[] ok = inkWithin(separation, trial, n, limit);
            for (int i = 0; i < n; i++) {
                if (within[i]) {
                    continue;
                }
                double t = (lo[i] + hi[i]) / 2;
                if (ok[i]) {
                    hi[i] = t;
                } else {
                    lo[i] = t;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            mix(rgb, out, n, i, within[i] ? 0 : hi[i]);
        }
        return out;
    }

    private static void mix(float[] rgb, float[] out, int n, int i, double t) {
        for (int c = 0; c < 3; c++) {
            float v = rgb[c * n + i];
            out[c * n + i] = (float) (v + t * (1 - v));
        }
    }

    private static boolean[] inkWithin(CmykSeparation separation, float[] rgb, int n, double limit) {
        // any image shape of n pixels will do: the separation works pixel by pixel
        int w = Math.min(n, 16384);
        int h = (n + w - 1) / w;
        float[] planes = new float[3 * w * h];
        for (int c = 0; c < 3; c++) {
            System.arraycopy(rgb, c * n, planes, c * w * h, n);
        }
        float[] ink = separation.separate(RgbImage.wrap(w, h, planes)).planesView();
        int m = w * h;
        boolean[] ok = new boolean[n];
        for (int i = 0; i < n; i++) {
            ok[i] = ink[i] + ink[m + i] + ink[2 * m + i] + ink[3 * m + i] <= limit;
        }
        return ok;
    }
}
