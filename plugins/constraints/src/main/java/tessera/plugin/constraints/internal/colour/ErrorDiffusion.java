package tessera.plugin.constraints.internal.colour;

import tessera.api.image.RgbImage;
import tessera.imaging.colour.DeltaE;
import tessera.imaging.colour.LabImage;

/**
 * Floyd–Steinberg error diffusion over a palette in CIELAB, for palette reduction with dithering on.
 * Off by default: screens and yarns print flat colours, and dither dots smaller than the line's minimum
 * feature do not survive printing. Errors that would leave the tile sideways wrap into the next row's
 * other edge, as they would on the laid-out fabric; errors below the last row are dropped (the first row
 * is already placed), which can leave a faint horizontal seam of at most one quantisation step.
 */
final class ErrorDiffusion {
    private ErrorDiffusion() {
    }

    static PaletteReduction.Result apply(RgbImage tile, int[] palette, double[] paletteLab) {
        int w = tile.width();
        int h = tile.height();
        int n = w * h;
        float[] original = LabImage.of(tile).planesView();
        float[] work = original.clone();
        float[] out = new float[3 * n];
        double[] de = new double[n];
        long[] perColour = new long[palette.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                int j = PaletteReduction.nearestIndex(work[i], work[n + i], work[2 * n + i], paletteLab);
                perColour[j]++;
                int rgb = palette[j];
                out[i] = ((rgb >> 16) & 0xff) / 255f;
                out[n + i] = ((rgb >> 8) & 0xff) / 255f;
                out[2 * n + i] = (rgb & 0xff) / 255f;
                de[i] = DeltaE.ciede2000(original[i], original[n + i], original[2 * n + i], paletteLab[3 * j], paletteLab[3 * j + 1],
                        paletteLab[3 * j + 2]);
                for (int c = 0; c < 3; c++) {
                    float err = (float) (work[c * n + i] - paletteLab[3 * j + c]);
                    if (x + 1 < w) {
                        work[c * n + i + 1] += err * 7 / 16f;
                    }
                    if (y + 1 < h) {
                        int below = c * n + (y + 1) * w;
                        work[below + Math.floorMod(x - 1, w)] += err * 3 / 16f;
                        work[below + x] += err * 5 / 16f;
                        work[below + (x + 1) % w] += err * 1 / 16f;
                    }
                }
            }
        }
        double[] stats = Spread.of(de, null);
        return new PaletteReduction.Result(RgbImage.wrap(w, h, out), palette, PaletteReduction.fractions(perColour, n), stats[0],
                stats[1], stats[2]);
    }
}
