package tessera.dataset;

import java.util.SortedMap;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import tessera.api.Check;
import tessera.api.InvalidValueException;

/**
 * One line of {@code index.jsonl}: a tile file and what it shows.
 *
 * @param file    path relative to the data set folder, '/'-separated, e.g. {@code tile-000042.png}
 * @param caption one English sentence; for a user's file without an index, words from its file name
 * @param labels  structured labels, sorted by key (family, palette, repeat, …; {@code source=user} for user files)
 * @param seed    the motif seed that reproduces the tile, or null for user files
 * @param sha256  lower-case hex SHA-256 of the file's bytes
 * @param width   pixels
 * @param height  pixels
 */
@JsonPropertyOrder({"file", "caption", "labels", "seed", "sha256", "width", "height"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DatasetEntry(String file, String caption, SortedMap<String, String> labels, Long seed, String sha256,
        int width, int height) {
    public DatasetEntry {
        Check.notNull("file", file);
        if (file.isEmpty() || file.startsWith("/") || file.contains("\\") || file.contains(":")
                || ("/" + file + "/").contains("/../") || ("/" + file + "/").contains("/./")) {
            throw new InvalidValueException("file", "'" + file + "' must be a relative path inside the data set folder");
        }
        caption = caption == null ? "" : caption;
        labels = labels == null ? new TreeMap<>() : new TreeMap<>(labels);
        Check.notNull("sha256", sha256);
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new InvalidValueException("sha256", "'" + sha256 + "' is not a lower-case hex SHA-256");
        }
        Check.range("width", width, 1, 16384);
        Check.range("height", height, 1, 16384);
    }

    @Override
    public SortedMap<String, String> labels() {
        return java.util.Collections.unmodifiableSortedMap(labels);
    }
}
