package tessera.plugin.qa.internal;

import java.util.SplittableRandom;

import tessera.plugin.qa.internal.PrintSimulator.Kind;

/** Paints one structural print defect onto a simulated print, at sizes taken from textile QA practice (mm). */
final class DefectPainter {
    private DefectPainter() {
    }

    static void paint(Kind kind, float[] rgb, int w, int h, double pxPerMm, int[] inks, SplittableRandom r) {
        double cx = r.nextDouble(0.1, 0.9) * w;
        double cy = r.nextDouble(0.1, 0.9) * h;
        switch (kind) {
            case MISSING_INK -> ellipse(rgb, w, h, cx, cy, r.nextDouble(1.5, 5) * pxPerMm, r.nextDouble(1, 4) * pxPerMm,
                    r.nextDouble(Math.PI), PrintSimulator.SUBSTRATE, 1.0);
            case SPOT -> ellipse(rgb, w, h, cx, cy, r.nextDouble(0.6, 2.5) * pxPerMm, r.nextDouble(0.6, 2.5) * pxPerMm,
                    r.nextDouble(Math.PI), spotInk(inks, r), r.nextDouble(0.75, 1));
            case HOLE -> {
                double rad = r.nextDouble(0.5, 2) * pxPerMm;
                ellipse(rgb, w, h, cx, cy, rad, rad * r.nextDouble(0.6, 1), r.nextDouble(Math.PI), new float[] {0.07f, 0.07f, 0.08f}, 1);
            }
            case STREAK -> streak(rgb, w, h, pxPerMm, r);
            case CREASE -> crease(rgb, w, h, cx, cy, pxPerMm, r);
            case BANDING -> banding(rgb, w, h, cy, pxPerMm, r);
            case SMEAR -> smear(rgb, w, h, cx, cy, pxPerMm, r);
        }
    }

    private static float[] spotInk(int[] inks, SplittableRandom r) {
        if (inks.length > 1 && r.nextBoolean()) {
            // a drip of the darkest screen's ink
            int best = 0;
            float lum = Float.MAX_VALUE;
            for (int k = 0; k < inks.length; k++) {
                float[] c = PrintSimulator.unpack(inks[k]);
                float l = c[0] + c[1] + c[2];
                if (l < lum) {
                    lum = l;
                    best = k;
                }
            }
            return PrintSimulator.unpack(inks[best]);
        }
        return new float[] {(float) r.nextDouble(0.05, 0.3), (float) r.nextDouble(0.05, 0.3), (float) r.nextDouble(0.05, 0.3)};
    }

    /** Blends a soft-edged rotated ellipse of colour {@code c} with opacity {@code alpha}. */
    private static void ellipse(float[] rgb, int w, int h, double cx, double cy, double ra, double rb, double ang, float[] c,
            double alpha) {
        int n = w * h;
        double cs = Math.cos(ang);
        double sn = Math.sin(ang);
        int r = (int) Math.ceil(Math.max(ra, rb)) + 2;
        for (int y = Math.max(0, (int) cy - r); y < Math.min(h, (int) cy + r); y++) {
            for (int x = Math.max(0, (int) cx - r); x < Math.min(w, (int) cx + r); x++) {
                double dx = x - cx;
                double dy = y - cy;
                double p = (dx * cs + dy * sn) / ra;
                double q = (-dx * sn + dy * cs) / rb;
                double d = Math.sqrt(p * p + q * q);
                double a = alpha * Math.clamp((1 - d) * Math.min(ra, rb), 0, 1);
                if (a > 0) {
                    for (int k = 0; k < 3; k++) {
                        int i = k * n + y * w + x;
                        rgb[i] = (float) (rgb[i] * (1 - a) + c[k] * a);
                    }
                }
            }
        }
    }

    /** A doctor-blade streak along the print direction: a thin line of extra or missing ink over part of the length. */
    private static void streak(float[] rgb, int w, int h, double pxPerMm, SplittableRandom r) {
        int n = w * h;
        boolean vertical = r.nextBoolean();
        double width = r.nextDouble(0.4, 1.2) * pxPerMm;
        double pos = r.nextDouble(0.05, 0.95) * (vertical ? w : h);
        int len = vertical ? h : w;
        int a = (int) (r.nextDouble(0, 0.5) * len);
        int b = Math.min(len, a + (int) (r.nextDouble(0.3, 1) * len));
        boolean dark = r.nextDouble() < 0.7;
        double f = dark ? r.nextDouble(0.45, 0.75) : 0;
        for (int t = a; t < b; t++) {
            for (int o = (int) Math.floor(pos - width); o <= (int) Math.ceil(pos + width); o++) {
                double cover = Math.clamp(width / 2 + 0.5 - Math.abs(o - pos), 0, 1);
                if (cover <= 0 || o < 0 || o >= (vertical ? w : h)) {
                    continue;
                }
                int x = vertical ? o : t;
                int y = vertical ? t : o;
                for (int k = 0; k < 3; k++) {
                    int i = k * n + y * w + x;
                    float target = dark ? (float) (rgb[i] * f) : PrintSimulator.SUBSTRATE[k];
                    rgb[i] = (float) (rgb[i] * (1 - cover) + target * cover);
                }
            }
        }
    }

    /** A fold pressed into the goods: light on one flank, shadow on the other, along a line 15–60 mm long. */
    private static void crease(float[] rgb, int w, int h, double cx, double cy, double pxPerMm, SplittableRandom r) {
        int n = w * h;
        double ang = r.nextDouble(Math.PI);
        double half = r.nextDouble(7.5, 30) * pxPerMm;
        double sigma = r.nextDouble(0.4, 1.2) * pxPerMm;
        double depth = r.nextDouble(0.25, 0.45);
        double ux = Math.cos(ang);
        double uy = Math.sin(ang);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double dx = x - cx;
                double dy = y - cy;
                double along = dx * ux + dy * uy;
                double across = -dx * uy + dy * ux;
                if (Math.abs(along) > half || Math.abs(across) > 4 * sigma) {
                    continue;
                }
                double taper = Math.min(1, (half - Math.abs(along)) / (3 * sigma));
                double z = across / sigma;
                double m = 1 + depth * taper * z * Math.exp(0.5 - 0.5 * z * z);
                for (int k = 0; k < 3; k++) {
                    int i = k * n + y * w + x;
                    rgb[i] = (float) Math.clamp(rgb[i] * m, 0, 1);
                }
            }
        }
    }

    /** A band across the width where the screen laid down more or less ink. */
    private static void banding(float[] rgb, int w, int h, double cy, double pxPerMm, SplittableRandom r) {
        int n = w * h;
        double height = r.nextDouble(1.5, 5) * pxPerMm;
        boolean dark = r.nextBoolean();
        double f = dark ? r.nextDouble(0.72, 0.85) : r.nextDouble(0.25, 0.4);
        for (int y = (int) (cy - height / 2); y < (int) (cy + height / 2); y++) {
            if (y < 0 || y >= h) {
                continue;
            }
            for (int x = 0; x < w; x++) {
                for (int k = 0; k < 3; k++) {
                    int i = k * n + y * w + x;
                    rgb[i] = dark ? (float) (rgb[i] * f) : (float) (rgb[i] + (1 - rgb[i]) * f);
                }
            }
        }
    }

    /** Wet ink dragged across the print: a directional blur over an ellipse, slightly darkened. */
    private static void smear(float[] rgb, int w, int h, double cx, double cy, double pxPerMm, SplittableRandom r) {
        int n = w * h;
        double ra = r.nextDouble(3, 8) * pxPerMm;
        double rb = r.nextDouble(1.5, 4) * pxPerMm;
        double ang = r.nextDouble(Math.PI);
        double len = r.nextDouble(3, 8) * pxPerMm;
        double ux = Math.cos(ang);
        double uy = Math.sin(ang);
        float[] src = rgb.clone();
        int rr = (int) Math.ceil(ra) + 1;
        int steps = Math.max(3, (int) len);
        for (int y = Math.max(0, (int) cy - rr); y < Math.min(h, (int) cy + rr); y++) {
            for (int x = Math.max(0, (int) cx - rr); x < Math.min(w, (int) cx + rr); x++) {
                double dx = x - cx;
                double dy = y - cy;
                double p = (dx * ux + dy * uy) / ra;
                double q = (-dx * uy + dy * ux) / rb;
                double a = Math.clamp((1 - Math.sqrt(p * p + q * q)) * 3, 0, 1);
                if (a <= 0) {
                    continue;
                }
                for (int k = 0; k < 3; k++) {
                    double s = 0;
                    for (int t = 0; t < steps; t++) {
                        int sx = Math.clamp((int) Math.round(x - ux * t), 0, w - 1);
                        int sy = Math.clamp((int) Math.round(y - uy * t), 0, h - 1);
                        s += src[k * n + sy * w + sx];
                    }
                    int i = k * n + y * w + x;
                    rgb[i] = (float) (rgb[i] * (1 - a) + 0.85 * s / steps * a);
                }
            }
        }
    }
}
