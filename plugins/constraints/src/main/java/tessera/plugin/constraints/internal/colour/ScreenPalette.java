package tessera.plugin.constraints.internal.colour;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

import tessera.api.image.RgbImage;

/**
 * The colours a screen-printed design separates into, for exporters outside this package: the design is
 * counted as {@link ColourSolver} counts it ({@link ColourCensus}), and when the count fits the screens
 * its palette is found as the repair finds one ({@link PaletteReduction}: k-means in CIELAB, each
 * cluster printed in its medoid, a colour taken from the design). After the pipeline's colour repair a
 * design's count fits, and the palette is the one the repair reduced it to.
 *
 * @param counted        colours counted after merging; {@code ColourCensus.MAX_COLOURS} for continuous tone
 * @param continuousTone true for a photographic, noisy or graded design, which no palette describes
 * @param palette        packed 0xRRGGBB colours, largest area in the tile first (ties by colour); empty
 *                       when the design does not fit the screens
 */
public record ScreenPalette(int counted, boolean continuousTone, int[] palette) {
    public ScreenPalette {
        palette = palette.clone();
    }

    /**
     * @param tile            the design
     * @param mergeDe         shades closer than this ΔE2000 are one colour
     * @param minAreaFraction colours covering less of the tile are not counted
     * @param maxColours      screens available, ≥ 1
     */
    public static ScreenPalette of(RgbImage tile, double mergeDe, double minAreaFraction, int maxColours) {
        ColourHistogram h = ColourHistogram.of(tile);
        LabBins bins = LabBins.of(h);
        ColourCensus census = ColourCensus.of(h, bins, mergeDe, minAreaFraction);
        if (census.continuousTone() || census.colours() > maxColours) {
            return new ScreenPalette(census.colours(), census.continuousTone(), new int[0]);
        }
        int[] chosen = PaletteReduction.palette(h, bins, Math.max(1, census.colours()));
        int[] rgb = IntStream.of(chosen).map(h::rgb).toArray();
        long[] count = IntStream.of(chosen).mapToLong(h::count).toArray();
        Integer[] order = IntStream.range(0, rgb.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingLong((Integer j) -> -count[j]).thenComparingInt(j -> rgb[j]));
        return new ScreenPalette(census.colours(), false, Arrays.stream(order).mapToInt(j -> rgb[j]).toArray());
    }

    /** @return true when the design fits the screens and {@link #palette()} is not empty */
    public boolean fits() {
        return palette.length > 0;
    }

    @Override
    public int[] palette() {
        return palette.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScreenPalette s && s.counted == counted && s.continuousTone == continuousTone
                && Arrays.equals(s.palette, palette);
    }

    @Override
    public int hashCode() {
        return (Integer.hashCode(counted) * 31 + Boolean.hashCode(continuousTone)) * 31 + Arrays.hashCode(palette);
    }

    @Override
    public String toString() {
        return "ScreenPalette[" + counted + " colours" + (continuousTone ? ", continuous tone" : "") + ", palette "
                + Arrays.stream(palette).mapToObj(c -> String.format("#%06x", c)).toList() + "]";
    }
}
