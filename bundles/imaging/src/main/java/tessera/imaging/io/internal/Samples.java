package tessera.imaging.io.internal;

/** Quantizes planar float strips into the interleaved big- or little-endian integer rows files hold. */
public final class Samples {
    private Samples() {
    }

    /** @return v in [0, 1] as an integer 0..max, rounded; NaN becomes 0 */
    public static int quantize(float v, int max) {
        if (!(v > 0f)) {
            return 0;
        }
        return v >= 1f ? max : (int) (v * max + 0.5f);
    }

    /**
     * Writes row {@code r} of a planar strip as interleaved big-endian samples (PNG byte order; Tessera
     * writes TIFF big-endian too, "MM", which every baseline reader must accept).
     */
    public static void interleave(float[] strip, int rows, int w, int ch, int r, int bitDepth, byte[] out) {
        interleave(strip, rows, w, ch, r, bitDepth, false, out);
    }

    /**
     * Writes row {@code r} of a planar strip as interleaved samples.
     *
     * @param predict apply TIFF horizontal differencing (Predictor 2, TIFF 6.0 §14) to the samples
     */
    public static void interleave(float[] strip, int rows, int w, int ch, int r, int bitDepth, boolean predict, byte[] out) {
        int plane = rows * w;
        int base = r * w;
        if (bitDepth == 8) {
            for (int c = 0; c < ch; c++) {
                int src = c * plane + base;
                int prev = 0;
                for (int x = 0, o = c; x < w; x++, o += ch) {
                    int q = quantize(strip[src + x], 255);
                    out[o] = (byte) (predict ? q - prev : q);
                    prev = q;
                }
            }
        } else {
            for (int c = 0; c < ch; c++) {
                int src = c * plane + base;
                int prev = 0;
                for (int x = 0, o = 2 * c; x < w; x++, o += 2 * ch) {
                    int q = quantize(strip[src + x], 65535);
                    int v = predict ? q - prev : q;
                    prev = q;
                    out[o] = (byte) (v >>> 8);
                    out[o + 1] = (byte) v;
                }
            }
        }
    }
}
