package tessera.host.headless.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import tessera.dataset.DatasetMaker;
import tessera.dataset.DatasetSummary;

/** {@code tessera dataset}: training data from the procedural motif synthesizer. */
@Command(name = "dataset", mixinStandardHelpOptions = true, description = "Make training data sets.",
        subcommands = DatasetCommand.Make.class)
final class DatasetCommand {
    @ParentCommand
    TesseraCommand parent;

    DatasetCommand(Engine engine) {
        // no engine state needed; the constructor keeps the factory uniform
    }

    @Command(name = "make", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Write N seamless motif tiles as PNGs plus index.jsonl (caption, labels, seed, SHA-256).",
                "Example: tessera dataset make --count 10000 --size 64 --out data/motifs64"})
    static final class Make implements Callable<Integer> {
        @ParentCommand
        DatasetCommand dataset;

        @Option(names = "--count", required = true, description = "Number of tiles, 1..1000000.")
        int count;
        @Option(names = "--size", defaultValue = "64", description = "Tile size in pixels: 64, 128 or 256 (default 64).")
        int size;
        @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR", description = "Output folder (created; must be empty or absent).")
        Path out;
        @Option(names = "--seed", defaultValue = "1", description = "Base seed; tile i depends only on it and i (default 1).")
        long seed;
        @Option(names = "--threads", description = "Worker threads (default: the number of cores).")
        Integer threads;

        @Override
        public Integer call() {
            PrintWriter out = dataset.parent.spec.commandLine().getOut();
            PrintWriter err = dataset.parent.spec.commandLine().getErr();
            if (count < 1 || count > 1_000_000) {
                err.println("tessera dataset make: --count " + count + " is out of range; allowed 1 to 1000000");
                return ExitCode.USAGE;
            }
            DatasetMaker maker = threads == null ? new DatasetMaker() : new DatasetMaker(threads);
            int step = Math.max(1, count / 20);
            try {
                DatasetSummary s = maker.make(count, size, seed, this.out, (done, total) -> {
                    if (done % step == 0 || done == total) {
                        err.printf("[%3d%%] %d/%d tiles%n", 100L * done / total, done, total);
                        err.flush();
                    }
                });
                out.printf("wrote %d tiles of %d px to %s in %.1f s (%.0f tiles/s); index %s (sha256 %s)%n", s.count(),
                        s.size(), s.folder(), s.seconds(), s.tilesPerSecond(), s.folder().resolve(DatasetMaker.INDEX),
                        s.indexSha256());
                return ExitCode.OK;
            } catch (IllegalArgumentException e) {
                err.println("tessera dataset make: " + e.getMessage());
                return ExitCode.USAGE;
            } catch (IOException e) {
                err.println("tessera dataset make: cannot write " + this.out + ": " + e.getMessage());
                return ExitCode.FAILED;
            }
        }
    }
}
