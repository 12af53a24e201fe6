package tessera.host.headless.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import tessera.api.InvalidValueException;
import tessera.api.json.TesseraJson;
import tessera.api.profile.ProductionProfile;
import tessera.api.profile.ProfileCatalog;
import tessera.api.qa.QaInspector;
import tessera.api.qa.QaReport;
import tessera.api.qa.QaRequest;
import tessera.api.repeat.RepeatGeometry;

/** {@code tessera qa}: a scan of the printed goods against its design (#10), through the QaInspector service. */
@Command(name = "qa", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Inspect a scan of printed goods against the design: registration, colour accuracy (ΔE2000), "
            + "per-screen misregistration and defects; writes qa-report.json and qa-overlay.png.",
            "Example: tessera qa --source design.png --scan scan.tif --profile flatbed-12 --out qa/"},
        footer = {"", "Exit codes: 0 passed, 3 failed the profile's tolerances (reasons printed), 2 bad input, 1 failed."})
final class QaCommand implements Callable<Integer> {
    @ParentCommand
    TesseraCommand parent;
    private final Engine engine;

    @Option(names = "--source", required = true, paramLabel = "DESIGN", description = "The design as printed (PNG or TIFF with its DPI).")
    Path source;
    @Option(names = "--scan", required = true, paramLabel = "SCAN", description = "The scan of the goods (PNG or TIFF with its DPI).")
    Path scan;
    @Option(names = "--profile", paramLabel = "ID", description = "Production profile whose tolerances apply; default: 2 ΔE00, 0.3 mm.")
    String profile;
    @Option(names = {"-r", "--repeat"}, defaultValue = "block", description = "How the design repeats: block, half-drop, half-brick, mirror, drop:F, brick:F.")
    String repeat;
    @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR", description = "Folder for the report and the overlay.")
    Path out;
    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    QaCommand(Engine engine) {
        this.engine = engine;
    }

    @Override
    public Integer call() {
        PrintWriter o = parent.spec.commandLine().getOut();
        PrintWriter err = parent.spec.commandLine().getErr();
        for (Path p : new Path[] {source, scan}) {
            if (!Files.isRegularFile(p)) {
                err.println("tessera qa: " + p + " does not exist or is not a file");
                return ExitCode.USAGE;
            }
        }
        RepeatGeometry geometry;
        try {
            geometry = RepeatGeometry.parse(repeat);
        } catch (InvalidValueException e) {
            err.println("tessera qa: --repeat: " + e.getMessage());
            return ExitCode.USAGE;
        }
        ProductionProfile line = null;
        if (profile != null) {
            Optional<ProductionProfile> p = findProfile(profile);
            if (p.isEmpty()) {
                err.println("tessera qa: unknown profile '" + profile + "'; known: " + String.join(", ", knownProfiles()));
                return ExitCode.USAGE;
            }
            line = p.get();
        }
        ServiceReference<QaInspector> ref = engine.context().getServiceReference(QaInspector.class);
        QaInspector inspector = ref == null ? null : engine.context().getService(ref);
        if (inspector == null) {
            err.println("tessera qa: the vision-QA plugin (tessera.plugin.qa) is not active; check 'tessera bundles list'");
            return ExitCode.FAILED;
        }
        try {
            QaReport r = inspector.inspect(new QaRequest(source, scan, geometry, line), out);
            if (json) {
                o.println(TesseraJson.write(r));
            } else {
                print(r, o);
            }
            return r.passed() ? ExitCode.OK : ExitCode.CHECKS_FAILED;
        } catch (IOException e) {
            err.println("tessera qa: " + e.getMessage());
            return ExitCode.USAGE;
        } finally {
            engine.context().ungetService(ref);
        }
    }

    private Optional<ProductionProfile> findProfile(String id) {
        for (ProfileCatalog c : catalogs()) {
            Optional<ProductionProfile> p = c.find(id);
            if (p.isPresent()) {
                return p;
            }
        }
        return Optional.empty();
    }

    private Collection<String> knownProfiles() {
        TreeSet<String> ids = new TreeSet<>();
        for (ProfileCatalog c : catalogs()) {
            c.profiles().forEach(p -> ids.add(p.id()));
        }
        return ids;
    }

    private java.util.List<ProfileCatalog> catalogs() {
        try {
            return engine.context().getServiceReferences(ProfileCatalog.class, null).stream()
                    .map(r -> engine.context().getService(r)).filter(java.util.Objects::nonNull).toList();
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void print(QaReport r, PrintWriter o) {
        if (r.registration() != null) {
            var g = r.registration();
            o.printf(Locale.ROOT, "registration: offset %.2f, %.2f mm, rotation %.3f°, scale %.4f, residual %.2f px, match %.2f%n",
                    g.dxMm(), g.dyMm(), g.rotationDeg(), g.scale(), g.residualPx(), g.confidence());
        }
        if (r.colour() != null) {
            o.printf(Locale.ROOT, "colour: mean %.2f, p95 %.2f ΔE00%n", r.colour().meanDe(), r.colour().p95De());
            for (QaReport.ColourEntry e : r.colour().perColour()) {
                o.printf(Locale.ROOT, "  %s  %.2f ΔE00 %s%n", e.colour(), e.meanDe(), e.passed() ? "ok" : "FAIL");
            }
        }
        for (QaReport.SeparationOffset s : r.separations()) {
            o.printf(Locale.ROOT, "screen %s: %.2f, %.2f mm from the key screen%n", s.colour(), s.dxMm(), s.dyMm());
        }
        for (QaReport.Defect d : r.defects()) {
            o.printf(Locale.ROOT, "defect %s at %.1f, %.1f mm (%.1f × %.1f mm), score %.2f%n", d.kind(), d.xMm(), d.yMm(),
                    d.widthMm(), d.heightMm(), d.score());
        }
        r.artifacts().forEach((k, v) -> o.println(k + " " + v));
        o.println(r.passed() ? "verdict: PASS" : "verdict: FAIL");
        for (String reason : r.reasons()) {
            o.println("  " + reason);
        }
    }
}
