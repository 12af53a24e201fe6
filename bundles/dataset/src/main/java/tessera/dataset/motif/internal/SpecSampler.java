package tessera.dataset.motif.internal;

import tessera.api.repeat.RepeatGeometry;
import tessera.api.repeat.RepeatType;
import tessera.dataset.motif.MotifFamily;
import tessera.dataset.motif.MotifSpec;
import tessera.dataset.motif.Palette;
import tessera.dataset.motif.PaletteBook;
import tessera.dataset.motif.PromptWords;

/** Draws the parameters a prompt or a dataset leaves open. */
public final class SpecSampler {
    private SpecSampler() {
    }

    private static final RepeatGeometry[] REPEATS = {RepeatGeometry.BLOCK, RepeatGeometry.HALF_DROP,
        RepeatGeometry.HALF_BRICK, RepeatGeometry.MIRROR, new RepeatGeometry(RepeatType.DROP, 0.333),
        new RepeatGeometry(RepeatType.BRICK, 0.25)};
    private static final double[] REPEAT_WEIGHTS = {0.4, 0.25, 0.15, 0.1, 0.05, 0.05};

    public static MotifSpec sample(long seed, PromptWords fixed) {
        Rng r = new Rng(Rng.mix(seed ^ 0x5eedc0ffee15L));
        MotifFamily[] families = MotifFamily.values();
        // every value is drawn even when fixed, so the stream does not shift
        MotifFamily family = families[r.nextInt(families.length)];
        Palette palette = r.pick(PaletteBook.all());
        RepeatGeometry repeat = REPEATS[r.weighted(REPEAT_WEIGHTS)];
        double density = round2(r.range(0.2, 0.85));
        double scale = round2(r.range(0.15, 0.85));
        double uRotation = r.nextDouble();
        double uColours = r.nextDouble();
        if (fixed.family() != null) {
            family = fixed.family();
        }
        if (fixed.palette() != null) {
            palette = fixed.palette();
        }
        if (fixed.repeat() != null) {
            repeat = fixed.repeat();
        }
        if (fixed.density() != null) {
            density = fixed.density();
        }
        if (fixed.scale() != null) {
            scale = fixed.scale();
        }
        double rotation = fixed.rotation() != null ? fixed.rotation() : defaultRotation(family, uRotation);
        int colours = fixed.colours() != null ? fixed.colours()
                : family.minColours() + (int) (uColours * (family.maxColours() - family.minColours() + 1));
        return new MotifSpec(family, palette, repeat, density, scale, rotation, colours, seed);
    }

    /** The angles each family is usually printed at; free angles are whole degrees. */
    static double defaultRotation(MotifFamily family, double u) {
        return switch (family) {
            case STRIPES -> u < 0.4 ? 0 : u < 0.7 ? 90 : u < 0.85 ? 45 : 135;
            case PINSTRIPE -> u < 0.8 ? 90 : 0;
            case TARTAN, GEOMETRIC -> u < 0.85 ? 0 : 45;
            case CHEVRON -> u < 0.7 ? 0 : 90;
            case HERRINGBONE -> u < 0.5 ? 0 : 90;
            case FLORAL, PAISLEY, BRUSH_MARKS -> Math.floor(u * 360);
            default -> 0;
        };
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
