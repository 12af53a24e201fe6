package tessera.plugin.diffusion.internal.model;

import java.util.List;

/**
 * The architecture of one diffusion model, stored in its model card so a bundle alone says how to rebuild the
 * networks its weights belong to.
 *
 * @param tileSize       training tile size in pixels
 * @param latentChannels channels of the latent image
 * @param downsample     pixels per latent cell along each axis (the autoencoder's stride)
 * @param aeWidths       autoencoder channels, full resolution first (one stride-2 stage per entry after the first)
 * @param unetWidths     UNet channels per level, finest first (three levels)
 * @param groups         GroupNorm groups
 * @param heads          attention heads
 * @param tokenDim       width of a text token embedding
 * @param buckets        hashed character n-gram buckets of the text encoder
 * @param maxTokens      longest prompt in tokens (longer prompts are cut, and the card says so)
 * @param timeDim        width of the timestep embedding
 * @param timesteps      length of the training noise schedule (cosine)
 * @param latentScale    factor that brings the encoder's latents to unit variance, measured after autoencoder training
 * @param families       motif families seen in training (for captions and evaluation)
 * @param palettes       palettes seen in training
 * @param heldOut        "family|palette" pairs kept out of training, so adherence is measured on unseen combinations
 */
public record DiffusionSpec(int tileSize, int latentChannels, int downsample, List<Integer> aeWidths,
        List<Integer> unetWidths, int groups, int heads, int tokenDim, int buckets, int maxTokens, int timeDim,
        int timesteps, double latentScale, List<String> families, List<String> palettes, List<String> heldOut) {

    public DiffusionSpec {
        aeWidths = List.copyOf(aeWidths);
        unetWidths = List.copyOf(unetWidths);
        families = families == null ? List.of() : List.copyOf(families);
        palettes = palettes == null ? List.of() : List.copyOf(palettes);
        heldOut = heldOut == null ? List.of() : List.copyOf(heldOut);
        if (unetWidths.size() != 3) {
            throw new IllegalArgumentException("the UNet has three levels; got widths " + unetWidths);
        }
        if (downsample != 1 << (aeWidths.size() - 1)) {
            throw new IllegalArgumentException("autoencoder widths " + aeWidths + " make a stride of "
                    + (1 << (aeWidths.size() - 1)) + ", not " + downsample);
        }
        for (int w : unetWidths) {
            if (w % groups != 0 || w % heads != 0) {
                throw new IllegalArgumentException("UNet width " + w + " must divide into " + groups + " groups and "
                        + heads + " heads");
            }
        }
    }

    /** The shipped architecture: a 64 px tile is a 16 × 16 × 4 latent; about 2 M parameters in all. */
    public static DiffusionSpec small(int tileSize, List<String> families, List<String> palettes, List<String> heldOut) {
        return new DiffusionSpec(tileSize, 4, 4, List.of(32, 64, 64), List.of(64, 128, 128), 8, 4, 64, 4096, 24, 128, 1000,
                1.0, families, palettes, heldOut);
    }

    /** A tiny one for tests. */
    public static DiffusionSpec tiny(int tileSize, List<String> families, List<String> palettes, List<String> heldOut) {
        return new DiffusionSpec(tileSize, 4, 2, List.of(8, 16), List.of(16, 16, 16), 4, 2, 16, 256, 12, 32, 1000, 1.0,
                families, palettes, heldOut);
    }

    public DiffusionSpec withLatentScale(double s) {
        return new DiffusionSpec(tileSize, latentChannels, downsample, aeWidths, unetWidths, groups, heads, tokenDim,
                buckets, maxTokens, timeDim, timesteps, s, families, palettes, heldOut);
    }

    /** Latent cells that a tile side must be a multiple of: the autoencoder's stride times the UNet's (4). */
    public int pixelMultiple() {
        return downsample * 4;
    }
}
