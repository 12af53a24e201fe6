package tessera.host.headless.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import tessera.api.InvalidValueException;
import tessera.api.design.DesignRequest;
import tessera.api.job.JobFailedException;
import tessera.api.job.JobOptions;
import tessera.api.job.JobRecord;
import tessera.api.json.InvalidJsonException;
import tessera.api.json.TesseraJson;
import tessera.api.repeat.RepeatGeometry;

/** {@code tessera generate}: one design job from options or a request file. */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Generate designs, check them against a production profile and write production files.",
            "Example: tessera generate --prompt \"sage gingham, half-drop\" --dpi 300 --out out/gingham"})
final class GenerateCommand implements Callable<Integer> {
    private final Engine engine;

    @ParentCommand
    TesseraCommand parent;

    @Option(names = {"-p", "--prompt"}, description = "What to make, in words (motif, palette, repeat, colours).")
    String prompt;
    @Option(names = "--request", paramLabel = "FILE", description = "A DesignRequest JSON file; options given here override it.")
    Path requestFile;
    @Option(names = {"-g", "--generator"}, description = "Generator plugin id (procedural, gan, diffusion); default: the best installed.")
    String generator;
    @Option(names = "--preset", description = "Brand preset id.")
    String preset;
    @Option(names = {"-s", "--seed"}, description = "Random seed; the same seed and generator version give the same pixels.")
    Long seed;
    @Option(names = {"-n", "--variations"}, description = "Number of designs, 1..64 (default 1).")
    Integer variations;
    @Option(names = "--size", paramLabel = "PX", description = "Tile size in pixels, 16..8192 (default 256); WxH for non-square.")
    String size;
    @Option(names = {"-r", "--repeat"}, description = "block, half-drop, half-brick, mirror, drop:F or brick:F (default: from the prompt, else block).")
    String repeat;
    @Option(names = "--width-cm", description = "Physical repeat width in cm (default 32).")
    Double widthCm;
    @Option(names = "--height-cm", description = "Physical repeat height in cm (default: keeps the aspect ratio).")
    Double heightCm;
    @Option(names = "--dpi", description = "Print resolution of the production file (default 150).")
    Double dpi;
    @Option(names = "--profile", description = "Production profile id.")
    String profile;
    @Option(names = "--colours", description = "Wanted number of colours.")
    Integer colours;
    @Option(names = "--guidance", description = "Constraint guidance strength during generation, 0..100.")
    Double guidance;
    @Option(names = "--option", paramLabel = "KEY=VALUE", description = "Generator-specific setting; repeatable.")
    Map<String, String> options = new HashMap<>();
    @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "Output folder (default tessera-out/<date-time>).")
    Path out;
    @Option(names = "--no-repair", description = "Check only; do not repair.")
    boolean noRepair;
    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Bound on any one plugin call (default 600).")
    Integer timeout;
    @Option(names = "--wait", paramLabel = "SECONDS", description = "How long to wait for a plugin that is being updated (default 10).")
    Integer wait;
    @Option(names = "--json", description = "Print the job record as JSON instead of a summary.")
    boolean json;
    @Option(names = "--runs", paramLabel = "N", description = "Run the job N times in one engine with seeds seed, seed+1, … (a batch); outputs in run-01, run-02, …")
    int runs = 1;

    GenerateCommand(Engine engine) {
        this.engine = engine;
    }

    @Override
    public Integer call() {
        PrintWriter out = parent.spec.commandLine().getOut();
        PrintWriter err = parent.spec.commandLine().getErr();
        DesignRequest request;
        try {
            request = request();
        } catch (InvalidValueException e) {
            err.println("tessera generate: invalid request: " + e.getMessage());
            return ExitCode.USAGE;
        } catch (InvalidJsonException e) {
            err.println("tessera generate: " + e.getMessage());
            return ExitCode.USAGE;
        } catch (IOException e) {
            err.println("tessera generate: cannot read " + requestFile + ": " + e.getMessage());
            return ExitCode.USAGE;
        }
        Path dir = this.out != null ? this.out
                : Path.of("tessera-out", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")));
        if (runs < 1 || runs > 10_000) {
            err.println("tessera generate: --runs " + runs + " is out of range; allowed 1 to 10000");
            return ExitCode.USAGE;
        }
        int worst = ExitCode.OK;
        for (int run = 0; run < runs; run++) {
            DesignRequest r = runs == 1 || request.seed() == null ? request : request.withSeed(request.seed() + run);
            Path runDir = runs == 1 ? dir : dir.resolve(String.format("run-%02d", run + 1));
            int code = runOnce(r, runDir, out, err);
            worst = code == ExitCode.OK ? worst : worst == ExitCode.FAILED ? worst : code;
        }
        return worst;
    }

    private int runOnce(DesignRequest request, Path dir, PrintWriter out, PrintWriter err) {
        JobOptions jobOptions = new JobOptions(dir, wait == null ? null : Duration.ofSeconds(wait),
                timeout == null ? null : Duration.ofSeconds(timeout), !noRepair);
        long t0 = System.nanoTime();
        JobRecord record;
        try {
            record = engine.pipeline().run(request, jobOptions, json || runs > 1 ? e -> { } : new ProgressPrinter(err));
        } catch (JobFailedException e) {
            return JobOutcome.failed("tessera generate", e, json, out, err);
        }
        int code = JobOutcome.succeeded(record, json, out);
        if (parent.verbose) {
            err.printf("job %s: %.1f ms %s%n", record.jobId(), (System.nanoTime() - t0) / 1e6, record.timingsMs());
        }
        return code;
    }

    private DesignRequest request() throws IOException, InvalidJsonException {
        DesignRequest base = requestFile != null ? TesseraJson.read(requestFile, DesignRequest.class) : DesignRequest.ofPrompt("");
        Integer w = base.tileWidthPx(), h = base.tileHeightPx();
        if (size != null) {
            String[] wh = size.toLowerCase(java.util.Locale.ROOT).split("x");
            try {
                w = Integer.parseInt(wh[0].trim());
                h = wh.length > 1 ? Integer.parseInt(wh[1].trim()) : w;
            } catch (NumberFormatException e) {
                throw new InvalidValueException("size", "'" + size + "' is not a size; use e.g. 256 or 512x256");
            }
        }
        Map<String, String> opts = new HashMap<>(base.options());
        opts.putAll(options);
        return new DesignRequest(or(prompt, base.prompt()), or(generator, base.generator()), or(preset, base.preset()),
                or(seed, base.seed()), or(variations, base.variations()), w, h,
                repeat != null ? RepeatGeometry.parse(repeat) : base.repeat(), or(widthCm, base.tileWidthCm()),
                or(heightCm, base.tileHeightCm()), or(dpi, base.dpi()), or(profile, base.profile()),
                or(colours, base.colours()), or(guidance, base.guidance()), opts);
    }

    private static <T> T or(T a, T b) {
        return a != null ? a : b;
    }
}
