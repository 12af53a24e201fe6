package tessera.dataset;

import java.nio.file.Path;

/**
 * What {@link DatasetMaker#make} wrote.
 *
 * @param folder      the data set folder
 * @param count       tiles written
 * @param size        tile side in pixels
 * @param seed        the base seed
 * @param seconds     wall time of the job
 * @param indexSha256 SHA-256 of {@code index.jsonl}: one hash for the whole data set, since every
 *                    line carries its tile's hash
 */
public record DatasetSummary(Path folder, int count, int size, long seed, double seconds, String indexSha256) {
    /** @return tiles per second */
    public double tilesPerSecond() {
        return count / Math.max(seconds, 1e-9);
    }
}
