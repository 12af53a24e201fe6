package tessera.plugin.gan.internal.train;

import java.nio.file.Path;

/**
 * What {@code tessera train gan} asks for.
 *
 * @param data            training folder: a synthesizer data set or the user's own tiles
 * @param out             the model bundle (jar) to write
 * @param work            checkpoints, state and sample grids; resuming reads them from here
 * @param steps           optimiser steps in total (a resumed run continues up to this count), ≥ 1
 * @param batch           tiles per step, 2..256
 * @param size            training tile size in pixels: 64 or 128
 * @param sampleEvery     steps between sample grids
 * @param checkpointEvery steps between checkpoints
 * @param seed            seed of initialisation, batches and noise
 * @param resume          continue from the checkpoint in {@code work}
 * @param manifestSha256  SHA-256 of the provenance manifest of {@code data} (the model card's lineage anchor), or null
 * @param command         the command line as typed, for the model card
 * @param modelId         model id, e.g. {@code gan-motif64}
 * @param modelVersion    bundle version of the model, e.g. {@code 1.0.0.20261123T101500Z}
 * @param widths          generator channels per level (coarsest first), or null for the shipped architecture
 */
public record TrainingOptions(Path data, Path out, Path work, int steps, int batch, int size, int sampleEvery,
        int checkpointEvery, long seed, boolean resume, String manifestSha256, String command, String modelId,
        String modelVersion, java.util.List<Integer> widths) {

    public TrainingOptions {
        if (steps < 1 || steps > 10_000_000) {
            throw new IllegalArgumentException("--steps " + steps + " is out of range; allowed 1 to 10000000");
        }
        if (batch < 2 || batch > 256) {
            throw new IllegalArgumentException("--batch " + batch + " is out of range; allowed 2 to 256");
        }
        if (size != 64 && size != 128 && size != 32) {
            throw new IllegalArgumentException("--size " + size + " is not supported; choose 64 or 128");
        }
        if (sampleEvery < 1 || checkpointEvery < 1) {
            throw new IllegalArgumentException("--sample-every and --checkpoint-every must be at least 1");
        }
    }
}
