package tessera.dataset.motif;

import tessera.api.Check;
import tessera.api.repeat.RepeatGeometry;
import tessera.dataset.motif.internal.SpecSampler;

/**
 * Everything that decides a motif's pixels, besides the tile size.
 *
 * @param family   the motif family
 * @param palette  the colourway
 * @param repeat   the repeat the tile is seamless under
 * @param density  how much of the ground the motif covers, 0 (sparse) to 1 (dense)
 * @param scale    motif size relative to the tile, 0 (small, many repeats) to 1 (large)
 * @param rotation motif or stripe angle in degrees, normalised to [0, 360); 0 = upright, horizontal stripes
 * @param colours  wanted colours including the ground, 1..64; the synthesizer uses the nearest count the
 *                 family and palette allow and reports it in {@link Motif#inks()}
 * @param seed     decides every remaining choice (layout, stripe order, which palette inks)
 */
public record MotifSpec(MotifFamily family, Palette palette, RepeatGeometry repeat, double density, double scale,
        double rotation, int colours, long seed) {
    public MotifSpec {
        Check.notNull("family", family);
        Check.notNull("palette", palette);
        Check.notNull("repeat", repeat);
        Check.range("density", density, 0, 1);
        Check.range("scale", scale, 0, 1);
        Check.range("rotation", rotation, -3600, 3600);
        Check.range("colours", colours, 1, 64);
        rotation = rotation % 360;
        if (rotation < 0) {
            rotation += 360;
        }
    }

    /** @return a spec with every parameter drawn from the seed */
    public static MotifSpec sample(long seed) {
        return SpecSampler.sample(seed, PromptWords.NONE);
    }

    /**
     * @param fixed parameters to keep (from a prompt, or a dataset's balanced family and palette);
     *              the seed decides the rest. The draws happen in a fixed order whether or not a value
     *              is fixed, so fixing the palette does not change the family the seed picks.
     */
    public static MotifSpec sample(long seed, PromptWords fixed) {
        return SpecSampler.sample(seed, fixed);
    }

    public MotifSpec withRepeat(RepeatGeometry r) {
        return new MotifSpec(family, palette, r, density, scale, rotation, colours, seed);
    }

    public MotifSpec withColours(int n) {
        return new MotifSpec(family, palette, repeat, density, scale, rotation, n, seed);
    }

    public MotifSpec withSeed(long s) {
        return new MotifSpec(family, palette, repeat, density, scale, rotation, colours, s);
    }

    /** @return the colour count actually drawn: {@link #colours()} within the family's range and the palette's size */
    public int effectiveColours() {
        int max = Math.min(family.maxColours(), palette.size());
        return Math.max(Math.min(family.minColours(), max), Math.min(colours, max));
    }
}
