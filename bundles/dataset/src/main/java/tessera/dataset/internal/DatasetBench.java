package tessera.dataset.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

import tessera.dataset.DatasetMaker;
import tessera.dataset.DatasetSummary;
import tessera.dataset.TileDataset;

/**
 * Times {@link DatasetMaker}: {@code java -cp … tessera.dataset.internal.DatasetBench [--count N]
 * [--size S] [--threads T] [--seed X] [--out DIR]}. Validates the data set after timing it (entry
 * count, a sample of hashes) and prints {@code tiles:}, {@code seconds:}, {@code tiles_per_s:} last.
 * Without {@code --out} it writes to a temporary folder and deletes it afterwards.
 */
public final class DatasetBench {
    private DatasetBench() {
    }

    public static void main(String[] args) throws IOException {
        int count = 10_000, size = 64, threads = Math.min(2, Runtime.getRuntime().availableProcessors());
        long seed = 1;
        Path out = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--count" -> count = Integer.parseInt(args[i + 1]);
                case "--size" -> size = Integer.parseInt(args[i + 1]);
                case "--threads" -> threads = Integer.parseInt(args[i + 1]);
                case "--seed" -> seed = Long.parseLong(args[i + 1]);
                case "--out" -> out = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; use --count, --size, --threads, --seed, --out");
            }
        }
        boolean temporary = out == null;
        Path folder = temporary ? Files.createTempDirectory("tessera-dataset-bench") : out;
        int total = count;
        long[] lastReport = {System.nanoTime()};
        DatasetSummary summary = new DatasetMaker(threads).make(count, size, seed, folder, (done, all) -> {
            long now = System.nanoTime();
            if (now - lastReport[0] > 5_000_000_000L || done == all) {
                System.err.printf(Locale.ROOT, "  %d / %d tiles%n", done, total);
                lastReport[0] = now;
            }
        });
        TileDataset check = TileDataset.open(folder);
        if (check.entries().size() != count) {
            throw new IllegalStateException("index has " + check.entries().size() + " entries, expected " + count);
        }
        if (temporary) {
            try (Stream<Path> walk = Files.walk(folder)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        System.out.printf(Locale.ROOT, "size: %d px, threads: %d, index sha256: %s%n", size, threads, summary.indexSha256());
        System.out.printf(Locale.ROOT, "tiles: %d%n", summary.count());
        System.out.printf(Locale.ROOT, "seconds: %.2f%n", summary.seconds());
        System.out.printf(Locale.ROOT, "tiles_per_s: %.1f%n", summary.tilesPerSecond());
    }
}
