package tessera.plugin.provenance.internal.originality;

import java.awt.image.BufferedImage;

/**
 * What the originality index keeps of an image: a 64-bit perceptual hash and a small hand-crafted embedding.
 * <p>
 * The hash is the usual DCT hash (32×32 luminance, 8×8 lowest frequencies without DC, bit = above median),
 * good at re-encoded and rescaled copies. Tiles are periodic, so a copy may also come back cyclically
 * shifted; the embedding therefore uses the magnitudes of the 2-D DFT of the tile, which a cyclic shift
 * does not change, plus a coarse colour histogram that a shift does not change either.
 *
 * @param phash     DCT perceptual hash
 * @param embedding unit-length feature vector ({@link #EMBEDDING_SIZE} floats)
 */
public record TileFingerprint(long phash, float[] embedding) {
    static final int SIDE = 32;
    static final int DFT_BANDS = 6; // frequencies 0..5 in each direction, DC excluded
    static final int COLOUR_BINS = 4; // per channel: 64 colour cells
    public static final int EMBEDDING_SIZE = DFT_BANDS * DFT_BANDS - 1 + COLOUR_BINS * COLOUR_BINS * COLOUR_BINS;

    /** @param rgb packed 0xRRGGBB, row-major, {@code width*height} entries, width and height ≥ 1 */
    public static TileFingerprint of(int width, int height, int[] rgb) {
        float[][] luma = new float[SIDE][SIDE];
        float[] colours = new float[COLOUR_BINS * COLOUR_BINS * COLOUR_BINS];
        float[][] count = new float[SIDE][SIDE];
        for (int y = 0; y < height; y++) {
            int sy = (int) ((long) y * SIDE / height);
            for (int x = 0; x < width; x++) {
                int p = rgb[y * width + x];
                int r = (p >> 16) & 255, g = (p >> 8) & 255, b = p & 255;
                int sx = (int) ((long) x * SIDE / width);
                luma[sy][sx] += (0.299f * r + 0.587f * g + 0.114f * b) / 255f;
                count[sy][sx]++;
                colours[(r * COLOUR_BINS / 256) * COLOUR_BINS * COLOUR_BINS + (g * COLOUR_BINS / 256) * COLOUR_BINS
                        + b * COLOUR_BINS / 256]++;
            }
        }
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                // images smaller than 32 px leave cells empty: take the nearest filled source pixel instead
                luma[y][x] = count[y][x] > 0 ? luma[y][x] / count[y][x]
                        : lumaAt(rgb, width, (int) ((long) x * width / SIDE), (int) ((long) y * height / SIDE));
            }
        }
        return new TileFingerprint(dctHash(luma), embedding(luma, colours, (float) width * height));
    }

    public static TileFingerprint of(BufferedImage image) {
        int w = image.getWidth(), h = image.getHeight();
        return of(w, h, image.getRGB(0, 0, w, h, null, 0, w));
    }

    /** @return bits that differ, 0..64 */
    public int hashDistance(TileFingerprint other) {
        return Long.bitCount(phash ^ other.phash);
    }

    /** @return cosine distance of the embeddings, 0 (same direction) .. 2 */
    public double embeddingDistance(TileFingerprint other) {
        double dot = 0;
        for (int i = 0; i < embedding.length; i++) {
            dot += embedding[i] * other.embedding[i];
        }
        return Math.max(0, 1 - dot);
    }

    private static float lumaAt(int[] rgb, int width, int x, int y) {
        int p = rgb[y * width + x];
        return (0.299f * ((p >> 16) & 255) + 0.587f * ((p >> 8) & 255) + 0.114f * (p & 255)) / 255f;
    }

    private static long dctHash(float[][] luma) {
        double[] coeff = new double[64];
        for (int u = 0; u < 8; u++) {
            for (int v = 0; v < 8; v++) {
                double s = 0;
                for (int y = 0; y < SIDE; y++) {
                    double cy = Math.cos((2 * y + 1) * u * Math.PI / (2 * SIDE));
                    for (int x = 0; x < SIDE; x++) {
                        s += luma[y][x] * cy * Math.cos((2 * x + 1) * v * Math.PI / (2 * SIDE));
                    }
                }
                coeff[u * 8 + v] = s;
            }
        }
        double[] ac = java.util.Arrays.copyOfRange(coeff, 1, 64);
        java.util.Arrays.sort(ac);
        double median = ac[31];
        long hash = 0;
        for (int i = 1; i < 64; i++) { // bit 0 (DC) stays 0: it only says how bright the image is
            if (coeff[i] > median) {
                hash |= 1L << i;
            }
        }
        return hash;
    }

    private static float[] embedding(float[][] luma, float[] colours, float pixels) {
        float[] e = new float[EMBEDDING_SIZE];
        double mean = 0;
        for (float[] row : luma) {
            for (float v : row) {
                mean += v;
            }
        }
        mean /= SIDE * SIDE;
        int k = 0;
        double spectrum = 0;
        for (int u = 0; u < DFT_BANDS; u++) {
            for (int v = 0; v < DFT_BANDS; v++) {
                if (u == 0 && v == 0) {
                    continue;
                }
                double re = 0, im = 0;
                for (int y = 0; y < SIDE; y++) {
                    for (int x = 0; x < SIDE; x++) {
                        double a = -2 * Math.PI * (u * y + v * x) / SIDE;
                        double l = luma[y][x] - mean;
                        re += l * Math.cos(a);
                        im += l * Math.sin(a);
                    }
                }
                e[k] = (float) Math.hypot(re, im);
                spectrum += e[k] * e[k];
                k++;
            }
        }
        // structure and colour weigh the same: each part is scaled to unit length before the whole is
        scale(e, 0, k, spectrum);
        double colourNorm = 0;
        for (int i = 0; i < colours.length; i++) {
            e[k + i] = (float) Math.sqrt(colours[i] / pixels); // square root: a small accent colour still counts
            colourNorm += e[k + i] * e[k + i];
        }
        scale(e, k, e.length, colourNorm);
        double total = 0;
        for (float v : e) {
            total += v * v;
        }
        scale(e, 0, e.length, total);
        return e;
    }

    private static void scale(float[] e, int from, int to, double squaredNorm) {
        if (squaredNorm <= 1e-12) {
            return;
        }
        float f = (float) (1 / Math.sqrt(squaredNorm));
        for (int i = from; i < to; i++) {
            e[i] *= f;
        }
    }

    /** @return the hash as 16 hex digits, the form manifests store */
    public String phashHex() {
        return String.format("%016x", phash);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TileFingerprint t && t.phash == phash && java.util.Arrays.equals(t.embedding, embedding);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(phash) * 31 + java.util.Arrays.hashCode(embedding);
    }

    @Override
    public String toString() {
        return "TileFingerprint[" + phashHex() + "]";
    }
}
