package tessera.imaging.repeat;

import java.util.stream.IntStream;

import tessera.api.Check;
import tessera.api.image.RgbImage;
import tessera.api.repeat.RepeatGeometry;
import tessera.api.repeat.RepeatType;

/**
 * Resizes a tile as part of its repeat, not as a lone picture: every kernel tap that falls outside the
 * tile reads the neighbouring tile of the laid-out field ({@link RepeatLayout}), so a seamless tile stays
 * seamless and a seam that was there stays there. Separable two-pass filtering; when downscaling the
 * kernel is widened by the scale factor, which low-pass filters before decimation (no aliasing moiré).
 * <p>
 * The output grid is pixel-centre aligned, so reflections (mirror repeats) map onto reflections. For
 * drop and brick repeats the output drop is whole pixels too; a tiny shear (under half a pixel across
 * the tile) makes the source drop land exactly on it, so the seams meet without a sub-pixel step.
 */
public final class WrapResampler {
    private WrapResampler() {
    }

    /** @return the tile resized to width × height with Lanczos3 */
    public static RgbImage resample(RgbImage tile, RepeatGeometry geometry, int width, int height) {
        return resample(tile, geometry, width, height, ResamplingKernel.LANCZOS3);
    }

    /**
     * @param width  target width in pixels, 1..16384
     * @param height target height in pixels, 1..16384; for drop repeats prefer a height whose
     *               offset × height is whole (even for a half drop), otherwise that seam is approximate to a pixel
     */
    public static RgbImage resample(RgbImage tile, RepeatGeometry geometry, int width, int height, ResamplingKernel kernel) {
        Check.range("width", width, 1, 16384);
        Check.range("height", height, 1, 16384);
        RepeatLayout src = RepeatLayout.of(tile, geometry);
        RepeatLayout dst = new RepeatLayout(geometry, width, height);
        RepeatType t = geometry.type();
        boolean brick = t == RepeatType.HALF_BRICK || t == RepeatType.BRICK;
        return brick ? brickPasses(tile, src, dst, kernel) : columnPasses(tile, src, dst, kernel);
    }

    /**
     * Resizes a tile from one resolution to another, keeping its physical size.
     *
     * @param tileDpi   the resolution the tile was made at, &gt; 0
     * @param targetDpi the print resolution, &gt; 0
     */
    public static RgbImage resampleToDpi(RgbImage tile, RepeatGeometry geometry, double tileDpi, double targetDpi) {
        Check.range("tileDpi", tileDpi, 1e-3, 1e6);
        Check.range("targetDpi", targetDpi, 1e-3, 1e6);
        double k = targetDpi / tileDpi;
        return resample(tile, geometry, Math.max(1, (int) Math.round(tile.width() * k)),
                Math.max(1, (int) Math.round(tile.height() * k)));
    }

    /** Block, drop and mirror: rows first (x has no shear), then columns with the drop shear. */
    private static RgbImage columnPasses(RgbImage tile, RepeatLayout src, RepeatLayout dst, ResamplingKernel kernel) {
        int w = src.tileWidth();
        int h = src.tileHeight();
        int nw = dst.tileWidth();
        int nh = dst.tileHeight();
        double sx = (double) w / nw;
        double sy = (double) h / nh;
        float[] in = tile.planesView();
        float[] mid = new float[3 * h * nw];
        Taps xTaps = Taps.of(nw, sx, 0, kernel);
        IntStream.range(0, h).parallel().forEach(y -> {
            for (int x = 0; x < nw; x++) {
                int first = xTaps.first[x];
                double[] wt = xTaps.weights[x];
                double r = 0, g = 0, b = 0;
                for (int k = 0; k < wt.length; k++) {
                    int i = src.tileIndex(first + k, y);
                    r += wt[k] * in[i];
                    g += wt[k] * in[w * h + i];
                    b += wt[k] * in[2 * w * h + i];
                }
                int o = y * nw + x;
                mid[o] = (float) r;
                mid[h * nw + o] = (float) g;
                mid[2 * h * nw + o] = (float) b;
            }
        });
        // column shear so that a step of one tile right and one output drop down is one source tile and drop
        double shear = (src.dropOf(1) - sy * dst.dropOf(1)) / nw;
        boolean mirror = src.geometry().type() == RepeatType.MIRROR;
        float[] out = new float[3 * nw * nh];
        IntStream.range(0, nh).parallel().forEach(y -> {
            double[] wt = new double[Taps.count(sy, kernel)];
            // without shear (block, mirror, even half drops) one row shares its taps: evaluating the
            // kernel (sin) per pixel instead made this pass ~5× slower
            int rowFirst = shear == 0 ? Taps.fill(sy * (y + 0.5) - 0.5, sy, kernel, wt) : 0;
            for (int x = 0; x < nw; x++) {
                int first = shear == 0 ? rowFirst : Taps.fill(sy * (y + 0.5) - 0.5 + shear * x, sy, kernel, wt);
                double r = 0, g = 0, b = 0;
                for (int k = 0; k < wt.length; k++) {
                    int row = wrap(first + k, h, mirror);
                    int i = row * nw + x;
                    r += wt[k] * mid[i];
                    g += wt[k] * mid[h * nw + i];
                    b += wt[k] * mid[2 * h * nw + i];
                }
                store(out, nw * nh, y * nw + x, r, g, b);
            }
        });
        return RgbImage.wrap(nw, nh, out);
    }

    /** Brick: columns first (y has no shear), then rows with the brick shear. */
    private static RgbImage brickPasses(RgbImage tile, RepeatLayout src, RepeatLayout dst, ResamplingKernel kernel) {
        int w = src.tileWidth();
        int h = src.tileHeight();
        int nw = dst.tileWidth();
        int nh = dst.tileHeight();
        double sx = (double) w / nw;
        double sy = (double) h / nh;
        float[] in = tile.planesView();
        float[] mid = new float[3 * nh * w];
        Taps yTaps = Taps.of(nh, sy, 0, kernel);
        IntStream.range(0, nh).parallel().forEach(y -> {
            int first = yTaps.first[y];
            double[] wt = yTaps.weights[y];
            for (int x = 0; x < w; x++) {
                double r = 0, g = 0, b = 0;
                for (int k = 0; k < wt.length; k++) {
                    int i = src.tileIndex(x, first + k);
                    r += wt[k] * in[i];
                    g += wt[k] * in[w * h + i];
                    b += wt[k] * in[2 * w * h + i];
                }
                int o = y * w + x;
                mid[o] = (float) r;
                mid[nh * w + o] = (float) g;
                mid[2 * nh * w + o] = (float) b;
            }
        });
        double shear = (src.shiftOf(1) - sx * dst.shiftOf(1)) / nh;
        float[] out = new float[3 * nw * nh];
        Taps xTaps = shear == 0 ? Taps.of(nw, sx, 0, kernel) : null; // unsheared bricks share column taps
        IntStream.range(0, nh).parallel().forEach(y -> {
            double[] own = new double[Taps.count(sx, kernel)];
            for (int x = 0; x < nw; x++) {
                double[] wt = xTaps != null ? xTaps.weights[x] : own;
                int first = xTaps != null ? xTaps.first[x] : Taps.fill(sx * (x + 0.5) - 0.5 + shear * y, sx, kernel, own);
                double r = 0, g = 0, b = 0;
                for (int k = 0; k < wt.length; k++) {
                    int i = y * w + Math.floorMod(first + k, w);
                    r += wt[k] * mid[i];
                    g += wt[k] * mid[nh * w + i];
                    b += wt[k] * mid[2 * nh * w + i];
                }
                store(out, nw * nh, y * nw + x, r, g, b);
            }
        });
        return RgbImage.wrap(nw, nh, out);
    }

    private static void store(float[] out, int plane, int o, double r, double g, double b) {
        // Lanczos rings past the input range at hard edges; clamp to the valid range of RgbImage
        out[o] = (float) Math.clamp(r, 0, 1);
        out[plane + o] = (float) Math.clamp(g, 0, 1);
        out[2 * plane + o] = (float) Math.clamp(b, 0, 1);
    }

    /** @return row index inside [0, n): periodic, or reflected for mirror repeats */
    private static int wrap(int i, int n, boolean mirror) {
        if (!mirror) {
            return Math.floorMod(i, n);
        }
        int r = Math.floorMod(i, 2 * n);
        return r < n ? r : 2 * n - 1 - r;
    }

    /** Precomputed taps along an axis without shear. */
    private static final class Taps {
        final int[] first;
        final double[][] weights;

        private Taps(int n) {
            first = new int[n];
            weights = new double[n][];
        }

        static Taps of(int n, double scale, double offset, ResamplingKernel kernel) {
            Taps t = new Taps(n);
            int count = count(scale, kernel);
            for (int i = 0; i < n; i++) {
                t.weights[i] = new double[count];
                t.first[i] = fill(scale * (i + 0.5) - 0.5 + offset, scale, kernel, t.weights[i]);
            }
            return t;
        }

        /** @return number of taps: the kernel support, widened by the scale when downscaling */
        static int count(double scale, ResamplingKernel kernel) {
            double support = kernel.radius() * Math.max(1, scale);
            return 2 * (int) Math.ceil(support) + 1;
        }

        /** Fills normalized weights around a source position; @return the first source index. */
        static int fill(double centre, double scale, ResamplingKernel kernel, double[] wt) {
            double stretch = Math.max(1, scale);
            int first = (int) Math.floor(centre) - wt.length / 2 + 1;
            double sum = 0;
            for (int k = 0; k < wt.length; k++) {
                double v = kernel.at((first + k - centre) / stretch);
                wt[k] = v;
                sum += v;
            }
            for (int k = 0; k < wt.length; k++) {
                wt[k] /= sum;
            }
            return first;
        }
    }
}
