package tessera.host.headless.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import tessera.api.ServiceProperties;
import tessera.api.provenance.DatasetAudit;
import tessera.api.provenance.DatasetAuditor;
import tessera.api.provenance.ScanRequest;

/**
 * {@code tessera train}: R&D's training commands (#8). The trainer is a plugin service that only {@code java.*} types
 * cross (the host links against no plugin), found by {@code tessera.trainer=<kind>}.
 */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Train a model and package it as a hot-loadable plugin bundle.",
        subcommands = {TrainCommand.Gan.class, TrainCommand.Diffusion.class, TrainCommand.Qa.class})
final class TrainCommand {
    @ParentCommand
    TesseraCommand parent;
    private final Engine engine;

    TrainCommand(Engine engine) {
        this.engine = engine;
    }

    /**
     * What every {@code tessera train <kind>} shares: output, steps, batch, checkpoints, resume, seed, data manifest,
     * model id and version, and the call to the plugin's trainer service. A kind adds its own options through
     * {@link #options(Map)}; the trainer reads only the keys it knows.
     */
    abstract static class ModelTraining implements Callable<Integer> {
        @ParentCommand
        TrainCommand train;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = {"-o", "--out"}, required = true, paramLabel = "MODEL.jar", description = "Model bundle to write (replaced atomically).")
        Path out;
        @Option(names = "--steps", defaultValue = "2000", description = "Optimiser steps in all (default ${DEFAULT-VALUE}); a resumed run continues up to it.")
        int steps;
        @Option(names = "--batch", defaultValue = "16", description = "Tiles per step, 2..256 (default ${DEFAULT-VALUE}).")
        int batch;
        @Option(names = "--sample-every", defaultValue = "100", paramLabel = "K", description = "Write a sample grid PNG every K steps (default ${DEFAULT-VALUE}).")
        int sampleEvery;
        @Option(names = "--checkpoint-every", defaultValue = "100", paramLabel = "K", description = "Checkpoint every K steps (default ${DEFAULT-VALUE}).")
        int checkpointEvery;
        @Option(names = "--work", paramLabel = "DIR", description = "Checkpoints and sample grids (default MODEL.jar.work beside the jar).")
        Path work;
        @Option(names = "--resume", description = "Continue from the checkpoint in the work folder.")
        boolean resume;
        @Option(names = "--seed", defaultValue = "1", description = "Seed of initialisation, batches and noise (default ${DEFAULT-VALUE}).")
        long seed;
        @Option(names = "--manifest", paramLabel = "M", description = "Provenance manifest of the data ('tessera provenance scan'); default: scan it now into MODEL.manifest.json.")
        Path manifest;
        @Option(names = "--model-version", paramLabel = "V", description = "Bundle version (default 1.0.0.<UTC time>, so a newer model outranks an older one).")
        String version;

        /** @return the trainer kind: the subcommand's name, also the trainer service's {@code tessera.trainer} value */
        final String kind() {
            return spec.name();
        }

        /** @return the plugin that provides the trainer (tessera.plugin.gan, .diffusion, .qa), for the message when missing */
        final String plugin() {
            return "tessera.plugin." + kind();
        }

        /** @return the model id the user chose or the kind's default */
        abstract String modelId();

        /** Adds the kind's own options to the trainer call. */
        abstract void options(Map<String, Object> call);

        @Override
        public Integer call() {
            PrintWriter stdout = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            String name = "tessera train " + kind();
            Object dataValue = spec.findOption("--data") == null ? null : spec.findOption("--data").getValue();
            if (dataValue == null) {
                err.println(name + ": --data DIR is required: the folder of training tiles (a 'tessera dataset make' folder or your own images)");
                return ExitCode.USAGE;
            }
            Path data = Path.of(dataValue.toString());
            Engine engine = train.engine;
            Collection<ServiceReference<Function>> refs;
            try {
                refs = engine.context().getServiceReferences(Function.class, "(" + ServiceProperties.TRAINER + "=" + kind() + ")");
            } catch (InvalidSyntaxException e) {
                throw new IllegalStateException(e);
            }
            if (refs == null || refs.isEmpty()) {
                err.println(name + ": the " + kind() + " trainer (" + plugin() + ") is not active; check 'tessera bundles list'");
                return ExitCode.FAILED;
            }
            try {
                String manifestSha = manifest != null ? sha256(manifest) : scan(engine, data, err);
                Map<String, Object> call = new LinkedHashMap<>();
                call.put("data", data.toString());
                call.put("out", out.toString());
                call.put("work", work == null ? null : work.toString());
                call.put("steps", steps);
                call.put("batch", batch);
                call.put("sampleEvery", sampleEvery);
                call.put("checkpointEvery", checkpointEvery);
                call.put("seed", seed);
                call.put("resume", resume);
                call.put("manifestSha256", manifestSha);
                call.put("command", commandLine());
                call.put("modelId", modelId());
                call.put("modelVersion", version != null ? version
                        : "1.0.0." + ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")));
                options(call);
                call.put("err", err);
                ServiceReference<Function> ref = refs.iterator().next();
                @SuppressWarnings("unchecked")
                Function<Map<String, Object>, Map<String, Object>> trainer = engine.context().getService(ref);
                Map<String, Object> r;
                try {
                    r = trainer.apply(call);
                } finally {
                    engine.context().ungetService(ref);
                }
                if (r.containsKey("error")) {
                    err.println(name + ": " + r.get("error"));
                    return ExitCode.USAGE;
                }
                stdout.printf("wrote %s: %s steps in %.0f s; sample grid %s%n", r.get("bundle"), r.get("steps"),
                        (Double) r.get("wallSeconds"), r.get("samples"));
                stdout.println("hot-load it: copy it into " + engine.hotFolder() + " (the running model is replaced)");
                return ExitCode.OK;
            } catch (IOException e) {
                err.println(name + ": " + e.getMessage());
                return ExitCode.FAILED;
            }
        }

        /** The command as typed, for the model card. */
        private String commandLine() {
            return "tessera " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
        }

        /** Scans the data with the provenance plugin when no manifest was given; null (and a warning) without one. */
        private String scan(Engine engine, Path data, PrintWriter err) throws IOException {
            ServiceReference<DatasetAuditor> ref = engine.context().getServiceReference(DatasetAuditor.class);
            if (ref == null) {
                err.println("tessera train " + kind() + ": warning: no provenance plugin; the model card will name no data manifest");
                return null;
            }
            String name = out.getFileName().toString().replaceFirst("\\.jar$", "");
            Path m = out.toAbsolutePath().resolveSibling(name + ".manifest.json");
            DatasetAuditor auditor = engine.context().getService(ref);
            try {
                DatasetAudit a = auditor.scan(new ScanRequest(data, null, m));
                err.println("data manifest " + a.manifest() + " (" + a.files() + " files, sha256 " + a.manifestSha256() + ")");
                return a.manifestSha256();
            } catch (tessera.api.json.InvalidJsonException e) {
                throw new IOException(e.getMessage(), e);
            } finally {
                engine.context().ungetService(ref);
            }
        }

        private static String sha256(Path p) throws IOException {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Command(name = "gan", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Train the periodic (tileable) GAN on a folder of tiles and write a model bundle: weights "
                + "(safetensors), model card (architecture, command, steps, metrics, licence, data manifest SHA-256). "
                + "Drop the jar into the hot folder to replace the running model without a restart.",
                "Example: tessera train gan --data data/motifs64 --out gan-motif64.jar --steps 2000 --batch 16",
                "Here --data is the training folder; the engine's own data folder comes from TESSERA_DATA or --data before 'train'."})
    static final class Gan extends ModelTraining {
        @Option(names = "--size", defaultValue = "64", description = "Training tile size: 64 or 128 (default 64); other tiles are resampled wrap-aware.")
        int size;
        @Option(names = "--id", defaultValue = "gan-motif", description = "Model id (default gan-motif).")
        String id;
        @Option(names = "--widths", paramLabel = "C,C,C", description = "Generator channels per level, coarsest first (default 128,64,32).")
        String widths;

        @Override
        String modelId() {
            return id;
        }

        @Override
        void options(Map<String, Object> call) {
            call.put("size", size);
            call.put("widths", widths);
        }
    }

    @Command(name = "diffusion", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Train the text-to-pattern tileable latent diffusion model on a folder of captioned tiles: first "
                + "the latent autoencoder, then the UNet denoiser with its text encoder; write a model bundle (weights, "
                + "model card with data manifest SHA-256, sample sheet). Drop the jar into the hot folder to replace the "
                + "running model without a restart.",
                "Example: tessera train diffusion --data data/motifs64 --out diffusion-motif64.jar --steps 3000 --batch 24",
                "Here --data is the training folder; the engine's own data folder comes from TESSERA_DATA or --data before 'train'."})
    static final class Diffusion extends ModelTraining {
        @Option(names = "--size", defaultValue = "64", description = "Training tile size in px, a multiple of 16 up to 256 (default ${DEFAULT-VALUE}).")
        int size;
        @Option(names = "--ae-steps", defaultValue = "800", paramLabel = "N", description = "Autoencoder steps before the denoiser's (default ${DEFAULT-VALUE}).")
        int aeSteps;
        @Option(names = "--hold-out", defaultValue = "0.2", paramLabel = "F", description = "Share of family–palette pairs kept out of training, for the adherence benchmark (default ${DEFAULT-VALUE}).")
        double heldOut;
        @Option(names = "--sample-steps", defaultValue = "20", paramLabel = "N", description = "DDIM steps of the sample sheets (default ${DEFAULT-VALUE}).")
        int sampleSteps;
        @Option(names = "--tiny", description = "A tiny architecture, for trying the command out in seconds.")
        boolean tiny;
        @Option(names = "--id", defaultValue = "diffusion-motif", description = "Model id (default ${DEFAULT-VALUE}).")
        String id;

        @Override
        String modelId() {
            return id;
        }

        @Override
        void options(Map<String, Object> call) {
            call.put("size", size);
            call.put("aeSteps", aeSteps);
            call.put("heldOut", heldOut);
            call.put("sampleSteps", sampleSteps);
            call.put("tiny", tiny);
        }
    }

    @Command(name = "qa", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Train the vision-QA defect CNN on scans the print simulator makes from real textures, and write "
                + "a model bundle: weights (F16 safetensors when the heat maps allow), model card (architecture, command, "
                + "steps, wall time, held-out loss, data manifest SHA-256). Drop the jar into the hot folder: the QA "
                + "plugin inspects with the newest model version without a restart.",
                "Example: tessera train qa --data /usr/share --out qa-defect.jar --steps 2400 --batch 6 --minutes 25",
                "Here --data is a folder laid out as /usr/share for Debian's gimp-data, mypaint-data and krita-data "
                + "(gimp/2.0/patterns, mypaint/backgrounds, krita/patterns); every fourth file is held out for bench/qa.sh. "
                + "The engine's own data folder comes from TESSERA_DATA or --data before 'train'."})
    static final class Qa extends ModelTraining {
        @Option(names = "--id", defaultValue = "qa-defect-cnn", description = "Model id (default ${DEFAULT-VALUE}).")
        String id;
        @Option(names = "--minutes", defaultValue = "0", description = "Wall-time budget; the learning rate decays over it or the steps, whichever ends first (default 0: none).")
        double minutes;
        @Option(names = "--side", defaultValue = "192", paramLabel = "PX", description = "Simulated scan side in pixels at 150 dpi (default ${DEFAULT-VALUE}).")
        int side;
        @Option(names = "--lr", defaultValue = "0.003", description = "Peak learning rate of AdamW (default ${DEFAULT-VALUE}).")
        double lr;

        @Override
        String modelId() {
            return id;
        }

        @Override
        void options(Map<String, Object> call) {
            call.put("minutes", minutes);
            call.put("side", side);
            call.put("lr", lr);
        }
    }
}
