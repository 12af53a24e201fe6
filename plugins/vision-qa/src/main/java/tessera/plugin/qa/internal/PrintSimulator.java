package tessera.plugin.qa.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import tessera.api.image.RgbImage;
import tessera.imaging.colour.DeltaE;
import tessera.imaging.colour.Lab;
import tessera.imaging.colour.Srgb;
import tessera.imaging.colour.WhitePoint;

/**
 * The print simulator (#10): from a design, a scan of the printed goods as a flatbed scanner would see it
 * (placement with small rotation, scale and translation, several repeats or part of one; per-separation
 * misregistration; ink spread; planted defects; fabric grain from a real texture; uneven lighting; scanner
 * blur and noise; 8-bit quantisation), with the ground-truth defect mask on the scan's pixels.
 */
final class PrintSimulator {
    /** Structural defects a QA line looks for; colour shift and misregistration are measured separately. */
    enum Kind {
        MISSING_INK, STREAK, SPOT, HOLE, CREASE, BANDING, SMEAR
    }

    /** Unprinted fabric as the scanner sees it. */
    static final float[] SUBSTRATE = {0.95f, 0.94f, 0.92f};
    /** Change in any channel that a defect must make for its pixel to count in the mask. */
    static final float MASK_THRESHOLD = 0.06f;

    /**
     * @param scanW         scan width in pixels
     * @param scanH         scan height in pixels
     * @param scanDpi       scan resolution
     * @param designDpi     the design's print resolution
     * @param defects       how many structural defects to plant
     * @param colourShiftDe ΔE2000 shift of one ink (flat designs) or of the whole print; 0 for none
     * @param misregMm      per-separation offset in mm of one screen; 0 for none (flat designs only)
     */
    record Spec(int scanW, int scanH, double scanDpi, double designDpi, int defects, double colourShiftDe,
            double misregMm, long seed) {
    }

    /**
     * @param truth        scan pixel → source pixel
     * @param mask         1 where a planted defect changed the print, scanW × scanH
     * @param shiftedInk   index of the ink whose colour was shifted, −1 for the whole print or none
     * @param separationDx per-ink offset in mm (x), zeros when not misregistered
     */
    record Scan(RgbImage image, float[] mask, Similarity truth, List<Kind> kinds, int shiftedInk,
            double[] separationDx, double[] separationDy) {
    }

    private PrintSimulator() {
    }

    /**
     * @param design tile under its repeat (RGB planes)
     * @param inks   packed sRGB of the design's flat colours, ground first; empty for a continuous-tone design
     * @param grain  fabric grain, or null for a smooth substrate
     */
    static Scan simulate(DesignRepeat design, int[] inks, Textures.Grain grain, Spec spec) {
        SplittableRandom rnd = new SplittableRandom(spec.seed());
        int w = spec.scanW();
        int h = spec.scanH();
        double s = spec.designDpi() / spec.scanDpi() * (1 + rnd.nextDouble(-0.01, 0.01));
        double rot = Math.toRadians(rnd.nextDouble(-2, 2));
        Similarity truth = Similarity.of(s, rot, rnd.nextDouble(0, design.width()), rnd.nextDouble(0, design.height()));
        int shiftedInk = -1;
        DesignRepeat printed = design;
        if (spec.colourShiftDe() > 0) {
            shiftedInk = inks.length > 1 ? 1 + rnd.nextInt(inks.length - 1) : -1;
            printed = shiftColour(design, inks, shiftedInk, spec.colourShiftDe(), rnd);
        }
        double[] sdx = new double[Math.max(1, inks.length)];
        double[] sdy = new double[sdx.length];
        float[] rgb;
        if (spec.misregMm() > 0 && inks.length > 1) {
            int c = 1 + rnd.nextInt(inks.length - 1);
            double ang = rnd.nextDouble(0, 2 * Math.PI);
            sdx[c] = spec.misregMm() * Math.cos(ang);
            sdy[c] = spec.misregMm() * Math.sin(ang);
            rgb = renderSeparations(printed, inks, truth, w, h, sdx, sdy, spec.designDpi());
        } else {
            rgb = render(printed, truth, w, h);
        }
        inkSpread(rgb, w, h, rnd.nextDouble(0.1, 0.45));
        float[] before = rgb.clone();
        List<Kind> kinds = new ArrayList<>();
        double pxPerMm = spec.scanDpi() / 25.4;
        for (int i = 0; i < spec.defects(); i++) {
            Kind k = Kind.values()[rnd.nextInt(Kind.values().length)];
            kinds.add(k);
            DefectPainter.paint(k, rgb, w, h, pxPerMm, inks, rnd);
        }
        float[] mask = new float[w * h];
        int n = w * h;
        for (int i = 0; i < n; i++) {
            float d = Math.max(Math.abs(rgb[i] - before[i]), Math.max(Math.abs(rgb[n + i] - before[n + i]),
                    Math.abs(rgb[2 * n + i] - before[2 * n + i])));
            mask[i] = d > MASK_THRESHOLD ? 1 : 0;
        }
        scanner(rgb, w, h, grain, rnd);
        return new Scan(RgbImage.wrap(w, h, rgb), mask, truth, kinds, shiftedInk, sdx, sdy);
    }

    /** The print without misregistration: bilinear samples of the design through the placement. */
    static float[] render(DesignRepeat design, Similarity t, int w, int h) {
        float[] out = new float[3 * w * h];
        int n = w * h;
        IntStream.range(0, h).parallel().forEach(y -> {
            float[][] px = new float[3][1];
            for (int x = 0; x < w; x++) {
                design.sampleAll(t.u(x, y), t.v(x, y), px, 0);
                out[y * w + x] = px[0][0];
                out[n + y * w + x] = px[1][0];
                out[2 * n + y * w + x] = px[2][0];
            }
        });
        return out;
    }

    /** Screen by screen, ground first, each offset by its misregistration; gaps show the fabric. */
    private static float[] renderSeparations(DesignRepeat design, int[] inks, Similarity t, int w, int h, double[] dxMm,
            double[] dyMm, double designDpi) {
        int[] label = labels(design, inks);
        int n = w * h;
        float[] out = new float[3 * n];
        double srcPerMm = designDpi / 25.4;
        IntStream.range(0, h).parallel().forEach(y -> {
            for (int x = 0; x < w; x++) {
                float[] c = SUBSTRATE;
                float[] ink = null;
                for (int k = 0; k < inks.length; k++) {
                    double u = t.u(x, y) - dxMm[k] * srcPerMm;
                    double v = t.v(x, y) - dyMm[k] * srcPerMm;
                    if (label[design.index((int) Math.round(u), (int) Math.round(v))] == k) {
                        ink = unpack(inks[k]);
                    }
                }
                if (ink != null) {
                    c = ink;
                }
                out[y * w + x] = c[0];
                out[n + y * w + x] = c[1];
                out[2 * n + y * w + x] = c[2];
            }
        });
        return out;
    }

    /** Each tile pixel's nearest ink (the screen it belongs to). */
    static int[] labels(DesignRepeat design, int[] inks) {
        int n = design.width() * design.height();
        int[] label = new int[n];
        for (int i = 0; i < n; i++) {
            float best = Float.MAX_VALUE;
            for (int k = 0; k < inks.length; k++) {
                float[] c = unpack(inks[k]);
                float d = sq(design.plane(0)[i] - c[0]) + sq(design.plane(1)[i] - c[1]) + sq(design.plane(2)[i] - c[2]);
                if (d < best) {
                    best = d;
                    label[i] = k;
                }
            }
        }
        return label;
    }

    private static float sq(float v) {
        return v * v;
    }

    static float[] unpack(int rgb) {
        return new float[] {((rgb >> 16) & 255) / 255f, ((rgb >> 8) & 255) / 255f, (rgb & 255) / 255f};
    }

    /** One ink (or, for a continuous-tone design, everything) moved by exactly {@code de} ΔE2000 in a random direction. */
    private static DesignRepeat shiftColour(DesignRepeat design, int[] inks, int ink, double de, SplittableRandom rnd) {
        int[] label = ink >= 0 ? labels(design, inks) : null;
        Lab ref = ink >= 0 ? lab(unpack(inks[ink])) : new Lab(60, 10, 10);
        double[] dir = new double[3];
        double step = 0;
        // a direction that keeps the shifted ink inside sRGB: a clipped shift would plant less than asked
        for (int attempt = 0; attempt < 40; attempt++) {
            dir = new double[] {rnd.nextDouble(-0.5, 0.5), rnd.nextDouble(-1, 1), rnd.nextDouble(-1, 1)};
            double norm = Math.sqrt(dir[0] * dir[0] + dir[1] * dir[1] + dir[2] * dir[2]);
            double lo = 0;
            double hi = 30;
            for (int i = 0; i < 50; i++) {
                double mid = (lo + hi) / 2;
                Lab t = new Lab(ref.l() + mid * dir[0] / norm, ref.a() + mid * dir[1] / norm, ref.b() + mid * dir[2] / norm);
                if (DeltaE.ciede2000(ref, t) < de) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            step = (lo + hi) / 2 / norm;
            double[] o = Srgb.fromLab(new Lab(ref.l() + step * dir[0], ref.a() + step * dir[1], ref.b() + step * dir[2]), WhitePoint.D65);
            if (o[0] >= 0.003 && o[0] <= 0.997 && o[1] >= 0.003 && o[1] <= 0.997 && o[2] >= 0.003 && o[2] <= 0.997) {
                break;
            }
        }
        int n = design.width() * design.height();
        float[] r = design.plane(0).clone();
        float[] g = design.plane(1).clone();
        float[] b = design.plane(2).clone();
        for (int i = 0; i < n; i++) {
            if (label != null && label[i] != ink) {
                continue;
            }
            Lab l = lab(new float[] {r[i], g[i], b[i]});
            double[] o = Srgb.fromLab(new Lab(l.l() + step * dir[0], l.a() + step * dir[1], l.b() + step * dir[2]),
                    WhitePoint.D65);
            r[i] = (float) Math.clamp(o[0], 0, 1);
            g[i] = (float) Math.clamp(o[1], 0, 1);
            b[i] = (float) Math.clamp(o[2], 0, 1);
        }
        return design.with(r, g, b);
    }

    static Lab lab(float[] c) {
        return Srgb.toLab(c[0], c[1], c[2], WhitePoint.D65);
    }

    /** Dot gain: ink bleeds into its lighter neighbours, a fraction of the 3 × 3 minimum. */
    private static void inkSpread(float[] rgb, int w, int h, double amount) {
        int n = w * h;
        float[] src = rgb.clone();
        float a = (float) amount;
        IntStream.range(0, h).parallel().forEach(y -> {
            for (int c = 0; c < 3; c++) {
                for (int x = 0; x < w; x++) {
                    float m = Float.MAX_VALUE;
                    for (int dy = -1; dy <= 1; dy++) {
                        int yy = Math.clamp(y + dy, 0, h - 1);
                        for (int dx = -1; dx <= 1; dx++) {
                            m = Math.min(m, src[c * n + yy * w + Math.clamp(x + dx, 0, w - 1)]);
                        }
                    }
                    int i = c * n + y * w + x;
                    rgb[i] = src[i] * (1 - a) + m * a;
                }
            }
        });
    }

    /** Fabric grain, uneven lighting (zero mean across the bed), scanner blur and noise, 8-bit quantisation. */
    private static void scanner(float[] rgb, int w, int h, Textures.Grain grain, SplittableRandom rnd) {
        int n = w * h;
        double amp = rnd.nextDouble(0.01, 0.035);
        int ox = rnd.nextInt(1 << 16);
        int oy = rnd.nextInt(1 << 16);
        double gx = rnd.nextDouble(-0.06, 0.06);
        double gy = rnd.nextDouble(-0.06, 0.06);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double m = 1 + gx * ((x + 0.5) / w - 0.5) + gy * ((y + 0.5) / h - 0.5);
                if (grain != null) {
                    m *= 1 + amp * grain.z()[Math.floorMod(y + oy, grain.h()) * grain.w() + Math.floorMod(x + ox, grain.w())];
                }
                for (int c = 0; c < 3; c++) {
                    rgb[c * n + y * w + x] *= (float) m;
                }
            }
        }
        // a fifth of the scans are sharp (σ < 0.2 is no blur): good scanners and resampled files are, and a model
        // that only saw soft scans reads every hard edge of a sharp one as a defect (#10)
        double sigma = rnd.nextDouble(0, 1.0);
        double noise = rnd.nextDouble(0.003, 0.01);
        for (int c = 0; c < 3; c++) {
            float[] p = Planes.blur(java.util.Arrays.copyOfRange(rgb, c * n, (c + 1) * n), w, h, sigma);
            for (int i = 0; i < n; i++) {
                double v = p[i] + noise * rnd.nextGaussian();
                rgb[c * n + i] = (float) (Math.rint(Math.clamp(v, 0, 1) * 255) / 255);
            }
        }
    }
}
