package tessera.host.headless.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import tessera.api.InvalidValueException;
import tessera.api.image.RgbImage;
import tessera.api.job.DesignOrigin;
import tessera.api.job.JobFailedException;
import tessera.api.job.JobOptions;
import tessera.api.job.JobRecord;
import tessera.api.pattern.Pattern;
import tessera.api.repeat.RepeatGeometry;
import tessera.imaging.io.GimpPattern;
import tessera.imaging.io.ImageFiles;
import tessera.imaging.io.RasterFile;
import tessera.pipeline.FileOrigin;

/** {@code tessera check} and {@code tessera export}: an existing design file against a production profile. */
abstract class PatternCommand implements Callable<Integer> {
    private final Engine engine;

    @ParentCommand
    TesseraCommand parent;

    @Parameters(paramLabel = "PATTERN", description = "The design: PNG, TIFF or GIMP .pat, one repeat of it.")
    Path file;
    @Option(names = "--profile", description = "Production profile id (see docs/constraints.md); none: profile-free checks only.")
    String profile;
    @Option(names = {"-r", "--repeat"}, defaultValue = "block", description = "How the tile repeats: block, half-drop, half-brick, mirror, drop:F, brick:F (default block).")
    String repeat;
    @Option(names = "--width-cm", description = "Physical repeat width; default: from the file's DPI.")
    Double widthCm;
    @Option(names = "--height-cm", description = "Physical repeat height; default: keeps the aspect ratio.")
    Double heightCm;
    @Option(names = "--json", description = "Print the job record as JSON.")
    boolean json;

    PatternCommand(Engine engine) {
        this.engine = engine;
    }

    abstract boolean exports();

    abstract Path outDir();

    @Override
    public Integer call() {
        PrintWriter out = parent.spec.commandLine().getOut();
        PrintWriter err = parent.spec.commandLine().getErr();
        String name = "tessera " + (exports() ? "export" : "check");
        Pattern pattern;
        try {
            pattern = read();
        } catch (IOException | InvalidValueException e) {
            err.println(name + ": " + e.getMessage());
            return ExitCode.USAGE;
        }
        // #11: a PNG or TIFF Tessera wrote names its generator, model, job and seed; the export carries them on
        DesignOrigin origin = gimp() ? null : FileOrigin.read(file);
        JobRecord record;
        try {
            record = engine.pipeline().runPattern(pattern, profile, exports(), origin,
                    new JobOptions(outDir(), null, null, exports()), // a check reports; an export also repairs
                    json ? e -> { } : new ProgressPrinter(err));
        } catch (JobFailedException e) {
            return JobOutcome.failed(name, e, json, out, err);
        }
        return JobOutcome.succeeded(record, json, out);
    }

    private boolean gimp() {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".pat");
    }

    private Pattern read() throws IOException {
        RgbImage tile;
        double dpi;
        if (gimp()) {
            tile = GimpPattern.read(file).image();
            dpi = Double.NaN; // GIMP patterns carry no resolution
        } else {
            RasterFile raster = ImageFiles.read(file);
            tile = raster.image();
            dpi = raster.dpiX();
        }
        double w;
        if (widthCm != null) {
            w = widthCm;
        } else if (Double.isFinite(dpi) && dpi > 0) {
            w = tile.width() / dpi * 2.54;
        } else {
            throw new InvalidValueException("width-cm", file + " does not say its resolution (no DPI); give the repeat's "
                    + "physical width with --width-cm");
        }
        double h = heightCm != null ? heightCm : w * tile.height() / tile.width();
        return new Pattern(tile, RepeatGeometry.parse(repeat), w, h, Map.of("source", file.getFileName().toString()));
    }

    @Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Check a design file against a production profile: repeat, seam, resolution, colours.",
                "Example: tessera check tile.png --profile rotary-64-6 --repeat half-drop"})
    static final class Check extends PatternCommand {
        @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "Where the check's job.json goes (default tessera-out/check-<date-time>).")
        Path out;

        Check(Engine engine) {
            super(engine);
        }

        @Override
        boolean exports() {
            return false;
        }

        @Override
        Path outDir() {
            return out != null ? out : Path.of("tessera-out", "check-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")));
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Repair a design file for a production profile and write its production files.",
                "Example: tessera export tile.png --profile rotary-64-6 --width-cm 32 --out out/rotary"})
    static final class Export extends PatternCommand {
        @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR", description = "Output folder.")
        Path out;

        Export(Engine engine) {
            super(engine);
        }

        @Override
        boolean exports() {
            return true;
        }

        @Override
        Path outDir() {
            return out;
        }
    }
}
