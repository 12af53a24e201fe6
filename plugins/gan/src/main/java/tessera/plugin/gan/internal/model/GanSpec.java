package tessera.plugin.gan.internal.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The architecture of one periodic GAN, written into the model card and read back before the weights.
 *
 * @param localChannels   channels of i.i.d. spatial noise per noise cell (local code: what varies across the tile)
 * @param globalChannels  channels of the global code, constant over the field (style: what the whole tile shares)
 * @param periodicWaves   plane waves whose wave vectors the global code chooses (periodic code: repeats, grids)
 * @param familyEmbed     width of the motif-family embedding
 * @param paletteEmbed    width of the palette embedding
 * @param families        motif family ids the model is conditioned on; index {@code families.size()} is "any"
 * @param palettes        palette ids; index {@code palettes.size()} is "any"
 * @param widths          generator channels per resolution level, coarsest first; each level after the first
 *                        doubles the resolution, and a last doubling precedes the RGB convolution, so one noise
 *                        cell covers {@code 2^widths.size()} pixels
 * @param discWidths      discriminator channels after each stride-2 convolution
 * @param groups          group-norm groups in the generator (batch-independent, so batch 1 equals batch 16)
 * @param trainingSize    tile size in pixels the model was trained at
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GanSpec(int localChannels, int globalChannels, int periodicWaves, int familyEmbed, int paletteEmbed,
        List<String> families, List<String> palettes, List<Integer> widths, List<Integer> discWidths, int groups,
        int trainingSize) {

    public GanSpec {
        families = List.copyOf(families);
        palettes = List.copyOf(palettes);
        widths = List.copyOf(widths);
        discWidths = List.copyOf(discWidths);
        if (widths.isEmpty() || discWidths.isEmpty() || localChannels < 1 || globalChannels < 1 || periodicWaves < 0) {
            throw new IllegalArgumentException("a GAN needs at least one level, one local and one global channel");
        }
        for (int w : widths) {
            if (w % groups != 0) {
                throw new IllegalArgumentException("generator width " + w + " is not divisible by " + groups + " groups");
            }
        }
    }

    /** @return pixels per noise cell: tiles must be a multiple of this to be exactly periodic */
    public int stride() {
        return 1 << widths.size();
    }

    /** @return channels of the generator's input field */
    public int inputChannels() {
        return localChannels + globalChannels + familyEmbed + paletteEmbed + periodicWaves;
    }

    /** @return the "any family" index (unconditional mode) */
    public int anyFamily() {
        return families.size();
    }

    /** @return the "any palette" index */
    public int anyPalette() {
        return palettes.size();
    }

    /** @return the family index of an id, or {@link #anyFamily()} for null, blank or "any" */
    public int familyIndex(String id) {
        if (id == null || id.isBlank() || id.equals("any")) {
            return anyFamily();
        }
        int i = families.indexOf(id);
        if (i < 0) {
            throw new IllegalArgumentException("this model knows no motif family '" + id + "'; it was trained on "
                    + String.join(", ", families) + " (or 'any')");
        }
        return i;
    }

    /** @return the palette index of an id, or {@link #anyPalette()} for null, blank or "any" */
    public int paletteIndex(String id) {
        if (id == null || id.isBlank() || id.equals("any")) {
            return anyPalette();
        }
        int i = palettes.indexOf(id);
        if (i < 0) {
            throw new IllegalArgumentException("this model knows no palette '" + id + "'; it was trained on "
                    + String.join(", ", palettes) + " (or 'any')");
        }
        return i;
    }

    /** The shipped model's shape: small enough to train on two CPU cores in 25 minutes (#8). */
    public static GanSpec small(List<String> families, List<String> palettes, int trainingSize) {
        return new GanSpec(8, 16, 4, 16, 8, families, palettes, List.of(128, 64, 32), List.of(32, 64, 128), 8,
                trainingSize);
    }
}
