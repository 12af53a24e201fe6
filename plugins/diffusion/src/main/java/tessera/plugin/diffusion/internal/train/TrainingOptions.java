package tessera.plugin.diffusion.internal.train;

import java.nio.file.Path;

/**
 * What {@code tessera train diffusion} asks for.
 *
 * @param aeSteps         autoencoder steps before the denoiser's
 * @param heldOut         share of family–palette pairs kept out of training for the adherence benchmark
 * @param sampleSteps     DDIM steps of the sample grids
 */
public record TrainingOptions(Path data, Path out, Path work, int steps, int aeSteps, int batch, int size,
        int sampleEvery, int checkpointEvery, long seed, boolean resume, String manifestSha256, String command,
        String modelId, String modelVersion, double heldOut, int sampleSteps, boolean tiny) {

    public TrainingOptions {
        if (steps < 1 || aeSteps < 0) {
            throw new IllegalArgumentException("--steps must be at least 1 and --ae-steps at least 0");
        }
        if (batch < 2 || batch > 256) {
            throw new IllegalArgumentException("--batch must be 2..256, got " + batch);
        }
        if (size < 16 || size > 256 || size % 16 != 0) {
            throw new IllegalArgumentException("--size must be a multiple of 16 from 16 to 256, got " + size);
        }
        if (heldOut < 0 || heldOut > 0.5) {
            throw new IllegalArgumentException("--hold-out must be 0..0.5, got " + heldOut);
        }
        sampleEvery = Math.max(1, sampleEvery);
        checkpointEvery = Math.max(1, checkpointEvery);
    }
}
