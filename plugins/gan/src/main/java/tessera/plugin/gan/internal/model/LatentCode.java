package tessera.plugin.gan.internal.model;

import java.util.SplittableRandom;

/**
 * One design's position in the GAN's latent space: a global code (style over the whole tile), the phases of the
 * periodic waves, a local noise field (what varies from place to place; drawn from {@code localSeed} at the tile's
 * size when {@code local} is null) and the family and palette it is conditioned on.
 *
 * @param global    {@code globalChannels} values, standard normal
 * @param phases    {@code periodicWaves} values in radians
 * @param family    family index ({@code spec.anyFamily()} for unconditional)
 * @param palette   palette index ({@code spec.anyPalette()} for any)
 * @param localSeed seed of the local noise
 * @param local     explicit local noise [localChannels, cellsH, cellsW], or null to draw it from the seed
 */
public record LatentCode(float[] global, float[] phases, int family, int palette, long localSeed, float[] local) {

    /** A fresh code from a seed: same seed, same code on every machine. */
    public static LatentCode sample(GanSpec spec, long seed, int family, int palette) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] g = gaussian(r, spec.globalChannels());
        float[] p = new float[spec.periodicWaves()];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) (r.nextDouble() * 2 * Math.PI);
        }
        return new LatentCode(g, p, family, palette, r.nextLong(), null);
    }

    /** @return the local noise for a tile of cellsW × cellsH noise cells */
    public float[] localNoise(GanSpec spec, int cellsW, int cellsH) {
        int n = spec.localChannels() * cellsW * cellsH;
        if (local != null) {
            if (local.length != n) {
                throw new IllegalArgumentException("this code's local noise was made for another tile size ("
                        + local.length + " values, " + n + " needed)");
            }
            return local;
        }
        return gaussian(new SplittableRandom(localSeed), n);
    }

    public LatentCode withGlobal(float[] g) {
        return new LatentCode(g, phases, family, palette, localSeed, local);
    }

    public LatentCode withLocal(float[] l) {
        return new LatentCode(global, phases, family, palette, localSeed, l);
    }

    public LatentCode withPhases(float[] p) {
        return new LatentCode(global, p, family, palette, localSeed, local);
    }

    public LatentCode withLabels(int fam, int pal) {
        return new LatentCode(global, phases, fam, pal, localSeed, local);
    }

    /** Values after global and phases: family, palette and the local seed in three 22/21/21-bit parts. */
    private static final int LABELS = 5;

    /**
     * The whole code as one vector for {@code Candidate.latent} (#11): global, phases, family, palette, the local
     * seed in three parts of at most 22 bits (exact in float32), then the local noise when it is explicit (a blend's:
     * interpolated, mixed or varied). So a code drawn from a seed has {@code G + P + 5} values and a blend's
     * {@code G + P + 5 + localChannels·cellsW·cellsH}; {@link #fromVector} takes either back.
     */
    public float[] vector() {
        int n = global.length + phases.length;
        float[] v = new float[n + LABELS + (local == null ? 0 : local.length)];
        System.arraycopy(global, 0, v, 0, global.length);
        System.arraycopy(phases, 0, v, global.length, phases.length);
        v[n] = family;
        v[n + 1] = palette;
        v[n + 2] = localSeed >>> 42;
        v[n + 3] = (localSeed >>> 21) & 0x1FFFFF;
        v[n + 4] = localSeed & 0x1FFFFF;
        if (local != null) {
            System.arraycopy(local, 0, v, n + LABELS, local.length);
        }
        return v;
    }

    /**
     * The code {@link #vector()} wrote, for a tile of {@code cellsW × cellsH} noise cells.
     *
     * @throws IllegalArgumentException saying what the model expects when the vector is of another model or tile size
     */
    public static LatentCode fromVector(GanSpec spec, float[] v, int cellsW, int cellsH) {
        int g = spec.globalChannels(), p = spec.periodicWaves(), n = g + p, l = spec.localChannels() * cellsW * cellsH;
        if (v.length != n + LABELS && v.length != n + LABELS + l) {
            int extra = v.length - n - LABELS;
            if (extra > 0 && extra % spec.localChannels() == 0) {
                int cells = extra / spec.localChannels(), side = (int) Math.round(Math.sqrt(cells));
                String made = side * side == cells ? " (a " + side * spec.stride() + "×" + side * spec.stride() + " px tile)" : "";
                throw new IllegalArgumentException("the code carries the local noise of " + cells + " noise cells" + made
                        + ", this tile has " + cellsW * cellsH + " (" + cellsW * spec.stride() + "×" + cellsH * spec.stride()
                        + " px): a blend's code renders at the tile size and repeat it was made at, so ask for that size");
            }
            throw new IllegalArgumentException("the code has " + v.length + " values; this model's codes have " + (n + LABELS)
                    + ", or " + (n + LABELS) + " + local noise: it was made by another model");
        }
        int fam = whole(v[n], "family", spec.anyFamily()), pal = whole(v[n + 1], "palette", spec.anyPalette());
        long seed = (long) whole(v[n + 2], "local seed", (1 << 22) - 1) << 42 | (long) whole(v[n + 3], "local seed", 0x1FFFFF) << 21
                | whole(v[n + 4], "local seed", 0x1FFFFF);
        float[] local = v.length == n + LABELS ? null : java.util.Arrays.copyOfRange(v, n + LABELS, v.length);
        return new LatentCode(java.util.Arrays.copyOf(v, g), java.util.Arrays.copyOfRange(v, g, n), fam, pal, seed, local);
    }

    private static int whole(float f, String what, int max) {
        if (f != Math.rint(f) || f < 0 || f > max) {
            throw new IllegalArgumentException("the code's " + what + " is " + f + ", not a whole number from 0 to " + max
                    + ": it was not written by this model");
        }
        return (int) f;
    }

    static float[] gaussian(SplittableRandom r, int n) {
        float[] out = new float[n];
        for (int i = 0; i < n; i += 2) {
            // Box–Muller: two normals from two uniforms, reproducible from the seed alone
            double u1 = 1 - r.nextDouble(), u2 = r.nextDouble();
            double rad = Math.sqrt(-2 * Math.log(u1));
            out[i] = (float) (rad * Math.cos(2 * Math.PI * u2));
            if (i + 1 < n) {
                out[i + 1] = (float) (rad * Math.sin(2 * Math.PI * u2));
            }
        }
        return out;
    }
}
