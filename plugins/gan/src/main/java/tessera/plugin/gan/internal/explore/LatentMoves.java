package tessera.plugin.gan.internal.explore;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import tessera.plugin.gan.internal.model.GanSpec;
import tessera.plugin.gan.internal.model.LatentCode;

/**
 * Moves in latent space that keep codes where the generator was trained (near the sphere of radius √d that normal
 * codes live on): spherical interpolation, a ring of variations at a chosen distance, and style mixing of one
 * design's global code with another's local code.
 */
public final class LatentMoves {
    private LatentMoves() {
    }

    /** How far a variation strays from its design: the share of the code replaced by fresh noise. */
    public enum Radius {
        SMALL(0.15), MEDIUM(0.35), LARGE(0.6);

        public final double mix;

        Radius(double mix) {
            this.mix = mix;
        }

        public static Radius of(String s) {
            try {
                return valueOf(s.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("variation radius '" + s + "' is not one of small, medium, large");
            }
        }
    }

    /** Spherical interpolation of two vectors (linear when they are nearly parallel). */
    public static float[] slerp(float[] a, float[] b, double t) {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        double cos = dot / Math.sqrt(na * nb + 1e-20);
        double omega = Math.acos(Math.max(-1, Math.min(1, cos)));
        double wa, wb;
        if (omega < 1e-4) {
            wa = 1 - t;
            wb = t;
        } else {
            wa = Math.sin((1 - t) * omega) / Math.sin(omega);
            wb = Math.sin(t * omega) / Math.sin(omega);
        }
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (float) (wa * a[i] + wb * b[i]);
        }
        return out;
    }

    /** Phases interpolate along the shorter arc so a wave does not spin through a full turn. */
    static float[] phaseLerp(float[] a, float[] b, double t) {
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            double d = Math.IEEEremainder(b[i] - a[i], 2 * Math.PI);
            out[i] = (float) (a[i] + t * d);
        }
        return out;
    }

    /**
     * {@code count} codes from {@code a} to {@code b} inclusive; local noise of the tile size given interpolates too.
     */
    public static List<LatentCode> interpolate(GanSpec spec, LatentCode a, LatentCode b, int count, int cellsW, int cellsH) {
        List<LatentCode> out = new ArrayList<>(count);
        float[] la = a.localNoise(spec, cellsW, cellsH), lb = b.localNoise(spec, cellsW, cellsH);
        for (int i = 0; i < count; i++) {
            double t = count == 1 ? 0 : i / (double) (count - 1);
            LatentCode c = new LatentCode(slerp(a.global(), b.global(), t), phaseLerp(a.phases(), b.phases(), t),
                    t < 0.5 ? a.family() : b.family(), t < 0.5 ? a.palette() : b.palette(), a.localSeed(), slerp(la, lb, t));
            out.add(c);
        }
        return out;
    }

    /**
     * Variations around a design: each replaces a share of the global and local code with fresh noise
     * (√(1−m²)·z + m·n keeps the code's expected norm), phases jitter by m·π.
     */
    public static List<LatentCode> ring(GanSpec spec, LatentCode centre, Radius radius, int count, long seed, int cellsW,
            int cellsH) {
        double m = radius.mix, keep = Math.sqrt(1 - m * m);
        float[] local = centre.localNoise(spec, cellsW, cellsH);
        List<LatentCode> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            LatentCode fresh = LatentCode.sample(spec, seed + i, centre.family(), centre.palette());
            float[] fl = fresh.localNoise(spec, cellsW, cellsH);
            float[] g = new float[centre.global().length], l = new float[local.length], p = centre.phases().clone();
            for (int j = 0; j < g.length; j++) {
                g[j] = (float) (keep * centre.global()[j] + m * fresh.global()[j]);
            }
            for (int j = 0; j < l.length; j++) {
                l[j] = (float) (keep * local[j] + m * fl[j]);
            }
            SplittableRandom r = new SplittableRandom(seed + 7919L * (i + 1));
            for (int j = 0; j < p.length; j++) {
                p[j] += (float) (m * Math.PI * (2 * r.nextDouble() - 1));
            }
            out.add(new LatentCode(g, p, centre.family(), centre.palette(), centre.localSeed(), l));
        }
        return out;
    }

    /** Style mixing: the global code, phases and labels of {@code style}, the local code of {@code layout}. */
    public static LatentCode mix(GanSpec spec, LatentCode style, LatentCode layout, int cellsW, int cellsH) {
        return new LatentCode(style.global(), style.phases(), style.family(), style.palette(), layout.localSeed(),
                layout.localNoise(spec, cellsW, cellsH));
    }

    /** Euclidean distance of two codes' global parts (what a ring's radius controls). */
    public static double distance(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s);
    }
}
