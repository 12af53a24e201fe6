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

    /** @return the code as one vector (global, then phases) for {@code Candidate.latent} */
    public float[] vector() {
        float[] v = new float[global.length + phases.length];
        System.arraycopy(global, 0, v, 0, global.length);
        System.arraycopy(phases, 0, v, global.length, phases.length);
        return v;
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
