package tessera.dataset;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;

import tessera.api.Check;
import tessera.api.InvalidValueException;
import tessera.api.json.TesseraJson;
import tessera.dataset.internal.Sha256;
import tessera.dataset.internal.TileWriter;
import tessera.dataset.motif.MotifFamily;
import tessera.dataset.motif.MotifSpec;
import tessera.dataset.motif.PaletteBook;
import tessera.dataset.motif.PromptWords;
import tessera.dataset.motif.internal.Rng;

/**
 * Writes a data set of synthesized tiles: {@code tile-000000.png …} and {@code index.jsonl}, one JSON
 * object per tile in tile order (docs/dataset.md). Tiles are rendered on several threads, but tile i
 * depends only on the base seed and i, so the folder's bytes are the same for any thread count.
 * Families and palettes are balanced: tile i is family i mod 15 and palette (i / 15) mod 12; the seed
 * decides everything else.
 */
public final class DatasetMaker {
    /** Tile sides a data set may have, in pixels. */
    public static final List<Integer> SIZES = List.of(64, 128, 256);
    /** Name of the index file. */
    public static final String INDEX = "index.jsonl";
    /** Resolution written into the PNGs (pHYs), dots per inch. */
    public static final double DPI = 150;
    private static final int MAX_COUNT = 10_000_000;

    private final int threads;

    /** Uses up to two threads (one per core on the build machines). */
    public DatasetMaker() {
        this(Math.min(2, Runtime.getRuntime().availableProcessors()));
    }

    /** @param threads render threads, 1..64 */
    public DatasetMaker(int threads) {
        this.threads = Check.range("threads", threads, 1, 64);
    }

    /** @return the spec of tile {@code index} of the data set with base seed {@code seed} */
    public static MotifSpec tileSpec(long seed, int index) {
        MotifFamily[] families = MotifFamily.values();
        int palettes = PaletteBook.all().size();
        return MotifSpec.sample(Rng.derive(seed, index), PromptWords.of(families[index % families.length],
                PaletteBook.all().get((index / families.length) % palettes)));
    }

    /**
     * @param count    tiles, 1..10,000,000
     * @param size     tile side in pixels: 64, 128 or 256
     * @param seed     base seed
     * @param folder   created if missing; must be empty or hold an earlier data set (its index and tiles are replaced)
     * @param progress told after each tile, in tile order
     * @throws InvalidValueException for a bad count or size, or a folder holding other files
     * @throws InterruptedIOException when the calling thread is interrupted; the index is then not written
     */
    public DatasetSummary make(int count, int size, long seed, Path folder, DatasetProgress progress) throws IOException {
        Check.range("count", count, 1, MAX_COUNT);
        if (!SIZES.contains(size)) {
            throw new InvalidValueException("size", size + " px is not a data set tile size; use 64, 128 or 256");
        }
        checkFolder(folder);
        long start = System.nanoTime();
        String pattern = "tile-%0" + Math.max(6, Integer.toString(count - 1).length()) + "d.png";
        ObjectWriter json = TesseraJson.mapper().writerFor(DatasetEntry.class).without(SerializationFeature.INDENT_OUTPUT);
        Path tmp = folder.resolve(INDEX + ".part");
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "tessera-dataset");
            t.setDaemon(true);
            return t;
        });
        try (BufferedWriter out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            // a bounded window of tasks in flight keeps memory flat for large counts
            int window = threads * 8;
            List<Future<DatasetEntry>> inFlight = new ArrayList<>();
            int next = 0;
            for (int done = 0; done < count; done++) {
                while (next < count && next - done < window) {
                    int i = next++;
                    String file = String.format(Locale.ROOT, pattern, i);
                    inFlight.add(pool.submit(() -> TileWriter.write(tileSpec(seed, i), size, folder, file, DPI)));
                }
                DatasetEntry entry = await(inFlight.removeFirst());
                out.write(json.writeValueAsString(entry));
                out.write('\n');
                progress.tilesDone(done + 1, count);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        } finally {
            pool.shutdownNow();
        }
        Path index = folder.resolve(INDEX);
        try {
            Files.move(tmp, index, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, index, StandardCopyOption.REPLACE_EXISTING);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new DatasetSummary(folder, count, size, seed, seconds, Sha256.hex(Files.readAllBytes(index)));
    }

    private static DatasetEntry await(Future<DatasetEntry> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("data set job interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException(e.getCause());
        }
    }

    /** Refuses to scatter tiles among a user's files. */
    private static void checkFolder(Path folder) throws IOException {
        Files.createDirectories(folder);
        if (Files.exists(folder.resolve(INDEX))) {
            return;
        }
        try (Stream<Path> files = Files.list(folder)) {
            if (files.findAny().isPresent()) {
                throw new InvalidValueException("out", folder + " is not empty and holds no " + INDEX
                        + "; choose an empty or new folder for the data set");
            }
        }
    }
}
