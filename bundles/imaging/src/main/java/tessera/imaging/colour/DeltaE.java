package tessera.imaging.colour;

import java.util.stream.IntStream;

import tessera.api.InvalidValueException;

/**
 * Colour differences between two Lab colours relative to the same white. ΔE2000 follows Sharma, Wu and
 * Dalal (2005), "The CIEDE2000 color-difference formula: implementation notes…", equations 1–22; as a
 * rule of thumb 1 is just noticeable side by side and 2–3 is a typical print tolerance.
 */
public final class DeltaE {
    private static final double POW25_7 = 6103515625.0; // 25^7
    private static final double COS_30 = Math.cos(Math.toRadians(30));
    private static final double SIN_30 = Math.sin(Math.toRadians(30));
    private static final double COS_6 = Math.cos(Math.toRadians(6));
    private static final double SIN_6 = Math.sin(Math.toRadians(6));
    private static final double COS_63 = Math.cos(Math.toRadians(63));
    private static final double SIN_63 = Math.sin(Math.toRadians(63));

    private DeltaE() {
    }

    /** @return CIE 1976 ΔE*ab, the Euclidean distance in Lab */
    public static double cie76(Lab x, Lab y) {
        return Math.sqrt(sq(x.l() - y.l()) + sq(x.a() - y.a()) + sq(x.b() - y.b()));
    }

    /** @return CIEDE2000 ΔE00 with parametric factors kL = kC = kH = 1 (reference conditions) */
    public static double ciede2000(Lab x, Lab y) {
        return ciede2000(x.l(), x.a(), x.b(), y.l(), y.a(), y.b(), 1, 1, 1);
    }

    /** @return CIEDE2000 ΔE00 with kL = kC = kH = 1, for bulk use without allocating {@link Lab} records */
    public static double ciede2000(double l1, double a1, double b1, double l2, double a2, double b2) {
        return ciede2000(l1, a1, b1, l2, a2, b2, 1, 1, 1);
    }

    /**
     * @param kL lightness weight, 1 for reference conditions, 2 is common for textiles (CMC-style tolerance
     *           to lightness on fabric)
     * @param kC chroma weight, usually 1
     * @param kH hue weight, usually 1
     * @return CIEDE2000 ΔE00
     */
    public static double ciede2000(double l1, double a1, double b1, double l2, double a2, double b2, double kL, double kC, double kH) {
        // sqrt, not Math.hypot: Lab values are far from overflow, and hypot's care costs more than the rest of a
        // whole-image ΔE map (four calls a pixel)
        double c1 = Math.sqrt(a1 * a1 + b1 * b1);
        double c2 = Math.sqrt(a2 * a2 + b2 * b2);
        double cBar7 = pow7((c1 + c2) / 2);
        double g = 0.5 * (1 - Math.sqrt(cBar7 / (cBar7 + POW25_7)));
        double ap1 = (1 + g) * a1;
        double ap2 = (1 + g) * a2;
        double cp1 = Math.sqrt(ap1 * ap1 + b1 * b1);
        double cp2 = Math.sqrt(ap2 * ap2 + b2 * b2);
        double hp1 = hueDegrees(ap1, b1);
        double hp2 = hueDegrees(ap2, b2);

        double dLp = l2 - l1;
        double dCp = cp2 - cp1;
        double dhp;
        if (cp1 * cp2 == 0) {
            dhp = 0; // eq. 10: hue difference undefined for a neutral colour
        } else {
            dhp = hp2 - hp1;
            if (dhp > 180) {
                dhp -= 360;
            } else if (dhp < -180) {
                dhp += 360;
            }
        }
        double dHp = 2 * Math.sqrt(cp1 * cp2) * Math.sin(Math.toRadians(dhp / 2));

        double lBarP = (l1 + l2) / 2;
        double cBarP = (cp1 + cp2) / 2;
        double hBarP;
        if (cp1 * cp2 == 0) {
            hBarP = hp1 + hp2; // eq. 14
        } else if (Math.abs(hp1 - hp2) <= 180) {
            hBarP = (hp1 + hp2) / 2;
        } else {
            hBarP = hp1 + hp2 < 360 ? (hp1 + hp2 + 360) / 2 : (hp1 + hp2 - 360) / 2;
        }
        // T's four cosines of multiples of h̄′ from one sine and cosine (angle-sum identities), not four Math.cos
        double hr = Math.toRadians(hBarP);
        double c = Math.cos(hr);
        double s = Math.sin(hr);
        double c2h = c * c - s * s;
        double s2h = 2 * s * c;
        double c3h = c2h * c - s2h * s;
        double s3h = s2h * c + c2h * s;
        double c4h = c2h * c2h - s2h * s2h;
        double s4h = 2 * s2h * c2h;
        double t = 1 - 0.17 * (c * COS_30 + s * SIN_30) + 0.24 * c2h + 0.32 * (c3h * COS_6 - s3h * SIN_6)
                - 0.20 * (c4h * COS_63 + s4h * SIN_63);
        double dTheta = 30 * Math.exp(-sq((hBarP - 275) / 25));
        double cBarP7 = pow7(cBarP);
        double rc = 2 * Math.sqrt(cBarP7 / (cBarP7 + POW25_7));
        double l50 = sq(lBarP - 50);
        double sl = 1 + 0.015 * l50 / Math.sqrt(20 + l50);
        double sc = 1 + 0.045 * cBarP;
        double sh = 1 + 0.015 * cBarP * t;
        double rt = -Math.sin(Math.toRadians(2 * dTheta)) * rc;

        double tl = dLp / (kL * sl);
        double tc = dCp / (kC * sc);
        double th = dHp / (kH * sh);
        return Math.sqrt(tl * tl + tc * tc + th * th + rt * tc * th);
    }

    /**
     * @return per-pixel CIEDE2000 (kL = kC = kH = 1) between two images of the same size and white,
     *         row-major, for QA difference maps and colour constraints
     */
    public static float[] ciede2000Map(LabImage x, LabImage y) {
        if (x.width() != y.width() || x.height() != y.height()) {
            throw new InvalidValueException("image", "sizes differ: " + x.width() + "×" + x.height() + " and "
                    + y.width() + "×" + y.height() + "; resample one to the other's size first");
        }
        if (x.white() != y.white()) {
            throw new InvalidValueException("white", "Lab images are relative to " + x.white() + " and " + y.white()
                    + "; convert both with the same white point");
        }
        int n = x.width() * x.height();
        float[] p = x.planesView();
        float[] q = y.planesView();
        float[] out = new float[n];
        IntStream.range(0, n).parallel().forEach(i -> out[i] = (float) ciede2000(p[i], p[n + i], p[2 * n + i],
                q[i], q[n + i], q[2 * n + i], 1, 1, 1));
        return out;
    }

    /** @return the mean of {@link #ciede2000Map} */
    public static double meanCiede2000(LabImage x, LabImage y) {
        float[] map = ciede2000Map(x, y);
        double sum = 0;
        for (float v : map) {
            sum += v;
        }
        return sum / map.length;
    }

    private static double hueDegrees(double a, double b) {
        if (a == 0 && b == 0) {
            return 0;
        }
        double h = Math.toDegrees(Math.atan2(b, a));
        return h < 0 ? h + 360 : h;
    }

    /** x⁷ by multiplication, cheaper than Math.pow in whole-image ΔE maps (16 million calls for 4096²). */
    private static double pow7(double x) {
        double x2 = x * x;
        return x2 * x2 * x2 * x;
    }

    private static double sq(double v) {
        return v * v;
    }
}
