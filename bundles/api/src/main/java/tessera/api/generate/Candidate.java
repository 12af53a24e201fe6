package tessera.api.generate;

import java.util.Map;

import tessera.api.Check;
import tessera.api.image.RgbImage;

/**
 * One generated tile, periodic by construction.
 *
 * @param index  position among the job's variations, from 0
 * @param seed   the seed that reproduces exactly this tile with the same generator version
 * @param tile   the tile, sRGB
 * @param labels what the generator made (motif family, palette, caption, preset …)
 * @param latent the latent code for generators with a latent space, else null
 */
public record Candidate(int index, long seed, RgbImage tile, Map<String, String> labels, float[] latent) {
    public Candidate {
        Check.range("index", index, 0, 1023);
        Check.notNull("tile", tile);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        latent = latent == null ? null : latent.clone();
    }
}
