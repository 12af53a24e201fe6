package tessera.host.headless.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.osgi.framework.ServiceReference;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import tessera.api.InvalidValueException;
import tessera.api.json.InvalidJsonException;
import tessera.api.json.TesseraJson;
import tessera.api.provenance.DatasetAudit;
import tessera.api.provenance.DatasetAuditor;
import tessera.api.provenance.Lineage;
import tessera.api.provenance.PolicyViolation;
import tessera.api.provenance.ScanRequest;

/** {@code tessera provenance}: training-data manifests and model lineage (#7), through the provenance plugin's service. */
@Command(name = "provenance", mixinStandardHelpOptions = true,
        description = "Scan training data against a policy and verify model lineage.",
        subcommands = {ProvenanceCommand.Scan.class, ProvenanceCommand.Verify.class})
final class ProvenanceCommand {
    @ParentCommand
    TesseraCommand parent;
    private final Engine engine;

    ProvenanceCommand(Engine engine) {
        this.engine = engine;
    }

    /** Calls the auditor looked up now, so that an updated plugin serves the next command; null when none is active. */
    private <T> T withAuditor(PrintWriter err, String cmd, AuditCall<T> call) throws IOException, InvalidJsonException {
        ServiceReference<DatasetAuditor> ref = engine.context().getServiceReference(DatasetAuditor.class);
        DatasetAuditor auditor = ref == null ? null : engine.context().getService(ref);
        if (auditor == null) {
            err.println("tessera provenance " + cmd + ": the provenance plugin (tessera.plugin.provenance) is not active; "
                    + "check 'tessera bundles list'");
            return null;
        }
        try {
            return call.apply(auditor);
        } finally {
            engine.context().ungetService(ref);
        }
    }

    private interface AuditCall<T> {
        T apply(DatasetAuditor a) throws IOException, InvalidJsonException;
    }

    @Command(name = "scan", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Record every file of a training folder (and the archives in it) with its SHA-256, media type and "
                + "provenance metadata, apply a policy, and write the manifest with SPDX 3.0 and Croissant exports beside it.",
                "Example: tessera provenance scan data/motifs --policy policy.json --out data/motifs.manifest.json"},
            footer = {"", "Exit codes: 0 the policy passed, 3 the policy found violations (listed), 2 bad input, 1 failed."})
    static final class Scan implements Callable<Integer> {
        @ParentCommand
        ProvenanceCommand provenance;

        @Parameters(index = "0", paramLabel = "DIR", description = "Training folder to scan.")
        Path folder;
        @Option(names = "--policy", paramLabel = "POLICY.json", description = "Policy (licences, required fields, opt-outs, duplicates, size); default: no licence rules.")
        Path policy;
        @Option(names = {"-o", "--out"}, required = true, paramLabel = "MANIFEST", description = "Manifest file to write (JSON); <name>.spdx.jsonld and <name>.croissant.jsonld go beside it.")
        Path out;
        @Option(names = "--json", description = "Print the outcome as JSON.")
        boolean json;

        @Override
        public Integer call() {
            PrintWriter out = provenance.parent.spec.commandLine().getOut();
            PrintWriter err = provenance.parent.spec.commandLine().getErr();
            if (!Files.isDirectory(folder)) {
                err.println("tessera provenance scan: " + folder + " is not a folder; give the training folder to scan");
                return ExitCode.USAGE;
            }
            if (policy != null && !Files.isRegularFile(policy)) {
                err.println("tessera provenance scan: policy " + policy + " does not exist");
                return ExitCode.USAGE;
            }
            try {
                DatasetAudit a = provenance.withAuditor(err, "scan", s -> s.scan(new ScanRequest(folder, policy, this.out)));
                if (a == null) {
                    return ExitCode.FAILED;
                }
                if (json) {
                    out.println(TesseraJson.write(a));
                } else {
                    print(a, out);
                }
                return a.passed() ? ExitCode.OK : ExitCode.CHECKS_FAILED;
            } catch (InvalidJsonException | InvalidValueException e) {
                err.println("tessera provenance scan: invalid policy " + policy + ": " + e.getMessage());
                return ExitCode.USAGE;
            } catch (IOException e) {
                err.println("tessera provenance scan: " + e.getMessage());
                return ExitCode.FAILED;
            }
        }

        private static void print(DatasetAudit a, PrintWriter out) {
            out.printf("scanned %d files (%.1f MB) in %.1f s; %d could not be read%n", a.files(), a.bytes() / 1e6, a.seconds(),
                    a.unreadable());
            out.println("manifest " + a.manifest() + " (sha256 " + a.manifestSha256() + ")");
            out.println("spdx " + a.spdx());
            out.println("croissant " + a.croissant());
            for (PolicyViolation v : a.violations()) {
                out.println("  " + v.rule() + "  " + v.file() + ": " + v.message());
            }
            out.println(a.passed() ? "policy: passed" : "policy: FAILED with " + a.violations().size() + " violation(s)");
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Check a model's lineage: its card names the manifest's SHA-256, the manifest's policy passed, "
                + "and the weights match the card.",
                "Example: tessera provenance verify plugins/gan.jar --manifest data/motifs.manifest.json"},
            footer = {"", "Exit codes: 0 verified, 3 lineage failed (reason printed), 2 bad input, 1 failed."})
    static final class Verify implements Callable<Integer> {
        @ParentCommand
        ProvenanceCommand provenance;

        @Parameters(index = "0", paramLabel = "MODEL-BUNDLE", description = "Model bundle (jar), folder with a model card, or the card JSON.")
        Path model;
        @Option(names = "--manifest", required = true, paramLabel = "M", description = "The training manifest 'provenance scan' wrote.")
        Path manifest;
        @Option(names = "--spdx", paramLabel = "FILE", description = "Also write the model's SPDX 3.0 AI-profile document here.")
        Path spdx;

        @Override
        public Integer call() {
            PrintWriter out = provenance.parent.spec.commandLine().getOut();
            PrintWriter err = provenance.parent.spec.commandLine().getErr();
            for (Path p : new Path[] {model, manifest}) {
                if (!Files.exists(p)) {
                    err.println("tessera provenance verify: " + p + " does not exist");
                    return ExitCode.USAGE;
                }
            }
            try {
                Lineage l = provenance.withAuditor(err, "verify", s -> s.verify(model, manifest, spdx));
                if (l == null) {
                    return ExitCode.FAILED;
                }
                out.println("lineage: " + l.status() + ": " + l.message());
                return l.status() == Lineage.Status.VERIFIED ? ExitCode.OK : ExitCode.CHECKS_FAILED;
            } catch (InvalidJsonException | IOException e) {
                err.println("tessera provenance verify: " + e.getMessage());
                return ExitCode.FAILED;
            }
        }
    }
}
