package tessera.dataset;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;

import tessera.api.image.RgbImage;
import tessera.api.json.TesseraJson;
import tessera.dataset.internal.Sha256;
import tessera.imaging.io.ImageFiles;

/**
 * A folder of tiles for training or testing: either a data set written by {@link DatasetMaker}
 * (read through its {@code index.jsonl}) or a plain folder of the user's own PNG or TIFF files, found
 * recursively and listed in path order, with captions made from their file names.
 */
public final class TileDataset {
    private final Path folder;
    private final List<DatasetEntry> entries;
    private final boolean indexed;

    private TileDataset(Path folder, List<DatasetEntry> entries, boolean indexed) {
        this.folder = folder;
        this.entries = List.copyOf(entries);
        this.indexed = indexed;
    }

    /**
     * @throws IOException naming the line and what is wrong when the index is malformed, or the folder
     *                     when it holds no images
     */
    public static TileDataset open(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IOException(folder + " is not a folder; give the folder that holds the tiles");
        }
        Path index = folder.resolve(DatasetMaker.INDEX);
        return Files.exists(index) ? readIndex(folder, index) : scan(folder);
    }

    private static TileDataset readIndex(Path folder, Path index) throws IOException {
        // later versions may add fields; a reader must not break on them
        ObjectReader reader = TesseraJson.mapper().readerFor(DatasetEntry.class)
                .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        List<DatasetEntry> entries = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(index, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = in.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    entries.add(reader.readValue(line));
                } catch (IOException | IllegalArgumentException e) {
                    throw new IOException(index + " line " + n + ": not a tile entry (" + firstLine(e.getMessage())
                            + "); each line must be a JSON object with file, caption, labels, seed, sha256, width, height");
                }
            }
        }
        return new TileDataset(folder, entries, true);
    }

    private static TileDataset scan(Path folder) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile).filter(TileDataset::isImage)
                    .sorted((a, b) -> relative(folder, a).compareTo(relative(folder, b))).toList();
        }
        if (files.isEmpty()) {
            throw new IOException(folder + " holds no " + DatasetMaker.INDEX + " and no PNG or TIFF files");
        }
        List<DatasetEntry> entries = new ArrayList<>();
        for (Path f : files) {
            byte[] bytes = Files.readAllBytes(f);
            int[] size = pngSize(bytes);
            if (size == null) {
                RgbImage image = ImageFiles.read(f).image();
                size = new int[] {image.width(), image.height()};
            }
            SortedMap<String, String> labels = new TreeMap<>();
            labels.put("source", "user");
            String rel = relative(folder, f);
            entries.add(new DatasetEntry(rel, captionFromName(f), labels, null, Sha256.hex(bytes), size[0], size[1]));
        }
        return new TileDataset(folder, entries, false);
    }

    /** @return the entries in index (or path) order */
    public List<DatasetEntry> entries() {
        return entries;
    }

    /** @return true when read through an {@code index.jsonl}, false for a plain folder of images */
    public boolean indexed() {
        return indexed;
    }

    public Path folder() {
        return folder;
    }

    public Path path(DatasetEntry entry) {
        return folder.resolve(entry.file());
    }

    /** @return the tile's pixels, decoded as sRGB in [0, 1] */
    public RgbImage image(DatasetEntry entry) throws IOException {
        return ImageFiles.read(path(entry)).image();
    }

    /**
     * @return one line per file that is missing or whose bytes no longer match the index's SHA-256;
     *         empty when the data set is intact
     */
    public List<String> verify() throws IOException {
        List<String> problems = new ArrayList<>();
        for (DatasetEntry e : entries) {
            Path p = path(e);
            if (!Files.isRegularFile(p)) {
                problems.add(e.file() + ": missing");
            } else if (!Sha256.hex(Files.readAllBytes(p)).equals(e.sha256())) {
                problems.add(e.file() + ": changed since it was indexed (SHA-256 differs)");
            }
        }
        return problems;
    }

    private static boolean isImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return !n.startsWith(".") && (n.endsWith(".png") || n.endsWith(".tif") || n.endsWith(".tiff"));
    }

    private static String relative(Path folder, Path file) {
        return folder.relativize(file).toString().replace(java.io.File.separatorChar, '/');
    }

    /** "blue_floral-01.png" → "blue floral 01": the only description a user's file carries. */
    static String captionFromName(Path f) {
        String n = f.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return (dot > 0 ? n.substring(0, dot) : n).replaceAll("[_\\-.]+", " ").strip();
    }

    /** Width and height from a PNG's IHDR, or null when the bytes are not a PNG. */
    static int[] pngSize(byte[] b) {
        if (b.length < 24 || (b[0] & 0xff) != 0x89 || b[1] != 'P' || b[2] != 'N' || b[3] != 'G'
                || b[12] != 'I' || b[13] != 'H' || b[14] != 'D' || b[15] != 'R') {
            return null;
        }
        return new int[] {readInt(b, 16), readInt(b, 20)};
    }

    private static int readInt(byte[] b, int at) {
        return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
