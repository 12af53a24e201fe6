package tessera.pipeline.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import tessera.api.constraint.ConstraintReport;
import tessera.api.constraint.ConstraintSolver;
import tessera.api.constraint.RepairResult;
import tessera.api.design.DesignRequest;
import tessera.api.export.ExportContext;
import tessera.api.export.ExportedFile;
import tessera.api.export.Exporter;
import tessera.api.export.OutputProvenance;
import tessera.api.provenance.Lineage;
import tessera.api.generate.Candidate;
import tessera.api.generate.Generator;
import tessera.api.generate.GeneratorCapability;
import tessera.api.job.CandidateRecord;
import tessera.api.job.DesignOrigin;
import tessera.api.job.JobEvent;
import tessera.api.job.JobFailedException;
import tessera.api.job.JobListener;
import tessera.api.job.JobOptions;
import tessera.api.job.JobRecord;
import tessera.api.job.JobStatus;
import tessera.api.job.ServiceUse;
import tessera.api.json.TesseraJson;
import tessera.api.pattern.Pattern;
import tessera.api.profile.ProductionProfile;
import tessera.api.provenance.ModelCard;
import tessera.api.provenance.ProvenanceChecker;
import tessera.api.provenance.ProvenanceReport;
import tessera.pipeline.internal.PluginCalls.PluginFailure;

/** One run of generate → constrain → provenance → export, with its record. Not reusable. */
final class DesignJob {
    private final PipelineServices services;
    private final DesignRequest asked;
    private final JobOptions options;
    private final JobListener listener;
    private final String jobId = JobIds.next();
    private final String createdAt = Instant.now().toString();
    private final Map<String, Long> timings = new LinkedHashMap<>();
    private final List<ServiceUse> used = new ArrayList<>();
    private final List<CandidateRecord> records = new ArrayList<>();
    private DesignRequest request;
    private ModelCard generatorCard;
    private ServiceUse generatorUse;

    /** An existing design to check (and export) instead of generating; null for a generation job. */
    private final Pattern input;
    private final boolean export;
    /** Where {@code input} came from (#11: the studio's and {@code tessera export}'s designs), or null. */
    private DesignOrigin origin;

    DesignJob(PipelineServices services, DesignRequest request, JobOptions options, JobListener listener) {
        this(services, request, options, listener, null, true, null);
    }

    private DesignJob(PipelineServices services, DesignRequest request, JobOptions options, JobListener listener,
            Pattern input, boolean export, DesignOrigin origin) {
        this.services = services;
        this.asked = request;
        this.request = request;
        this.options = options;
        this.listener = listener == null ? JobListener.NONE : listener;
        this.input = input;
        this.export = export;
        this.origin = origin;
    }

    /** A job that checks (and, with {@code export}, exports) an existing pattern, made as {@code origin} says (or null). */
    static DesignJob forPattern(PipelineServices services, Pattern pattern, DesignRequest described, boolean export,
            DesignOrigin origin, JobOptions options, JobListener listener) {
        return new DesignJob(services, described, options, listener, pattern, export, origin);
    }

    JobRecord run() throws JobFailedException {
        try {
            Files.createDirectories(options.outDir());
            long seed = asked.seed() != null ? asked.seed() : new SplittableRandom().nextLong() >>> 1;
            request = asked.withSeed(seed).withRepeat(asked.repeatOrDefault());
            emit("resolve", 0, "job " + jobId + ": resolving services");
            ProductionProfile profile = stage("resolve", () -> services.profile(request.profile(), options.serviceWait()));
            if (input != null && origin != null && origin.known()) {
                adoptOrigin();
            }
            List<Candidate> candidates = input != null
                    ? List.of(new Candidate(0, request.seed(), input.tile(), input.labels(), null))
                    : generate(profile);
            for (Candidate c : candidates) {
                checkCancelled();
                records.add(finish(c, profile, candidates.size()));
            }
            emit("done", 1, "job " + jobId + " done: " + records.size() + " design(s) in " + options.outDir());
            return writeRecord(JobStatus.SUCCEEDED, null);
        } catch (Cancelled e) {
            throw new JobFailedException(writeRecordQuietly(JobStatus.CANCELLED, "cancelled by the user"));
        } catch (PluginFailure | JobError e) {
            throw new JobFailedException(writeRecordQuietly(JobStatus.FAILED, e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JobFailedException(writeRecordQuietly(JobStatus.INTERRUPTED, "interrupted: the host is shutting down"));
        } catch (IOException e) {
            throw new JobFailedException(writeRecordQuietly(JobStatus.FAILED, "cannot write outputs: " + e.getMessage()));
        } catch (Exception e) {
            throw new JobFailedException(writeRecordQuietly(JobStatus.FAILED, "internal error: " + PluginCalls.describe(e)));
        }
    }

    private List<Candidate> generate(ProductionProfile profile) throws Exception {
        try (HeldService<Generator> gen = services.holdGenerator(request, options.serviceWait())) {
            used.add(gen.use());
            request = PrintResolution.tileSizeFor(request, gen.can(GeneratorCapability.ANY_SIZE));
            JobContext ctx = new JobContext(request.seed(), request.repeat(), profile, listener, this::emitGeneration);
            emit("generate", 0.05, "generating with " + gen.use().id() + " " + gen.use().version());
            List<Candidate> out = stage("generate", () -> services.calls().call(gen, options.callTimeout(), "generating",
                    () -> gen.service().generate(request, ctx)));
            checkCancelled();
            CandidateCheck.validate(out, request, gen.use());
            generatorCard = gen.card();
            generatorUse = gen.use();
            return out;
        }
    }

    /**
     * A design made earlier is checked and exported as its generation job would have been: its generator is
     * named in the files and its model's card goes to the provenance checks (#11).
     */
    private void adoptOrigin() throws JobError {
        generatorUse = origin.generator();
        generatorCard = services.originCard(origin, why -> origin = origin.withNote(why));
        if (services.strict() && generatorCard == null && generatorUse.modelId() != null) {
            throw new JobError("strict mode refuses model '" + generatorUse.modelId() + "' of generator '" + generatorUse.id()
                    + "': the design names it as its origin but its card is not installed, so its lineage cannot be"
                    + " verified; install the model bundle or run without " + PipelineServices.STRICT + "=true");
        }
    }

    private CandidateRecord finish(Candidate c, ProductionProfile profile, int count) throws Exception {
        double base = 0.5 + 0.5 * c.index() / count;
        String name = String.format("design-%02d", c.index() + 1);
        Pattern pattern = input != null ? input : new Pattern(c.tile(), request.repeat(), request.tileWidthCmOrDefault(),
                request.tileHeightCmOrDefault(), c.labels());
        emit("constrain", base, name + ": checking");
        List<ConstraintReport> checks = new ArrayList<>();
        List<ConstraintReport> after = new ArrayList<>();
        List<String> repairs = new ArrayList<>();
        try (HeldServices<ConstraintSolver> solvers = services.holdAll(ConstraintSolver.class, "constraint", used)) {
            for (HeldService<ConstraintSolver> s : solvers) {
                Pattern p = pattern;
                checks.add(stage("constrain", () -> services.calls().call(s, options.callTimeout(), "checking",
                        () -> s.service().check(p, profile))));
            }
            if (options.repair() && checks.stream().anyMatch(r -> !r.passed())) {
                emit("constrain", base, name + ": repairing");
                for (int i = 0; i < solvers.size(); i++) {
                    if (!checks.get(i).passed()) {
                        HeldService<ConstraintSolver> s = solvers.get(i);
                        Pattern p = pattern;
                        RepairResult r = stage("repair", () -> services.calls().call(s, options.callTimeout(), "repairing",
                                () -> s.service().repair(p, profile)));
                        pattern = r.pattern();
                        repairs.addAll(r.changes());
                    }
                }
                for (HeldService<ConstraintSolver> s : solvers) {
                    Pattern p = pattern;
                    after.add(stage("constrain", () -> services.calls().call(s, options.callTimeout(), "re-checking",
                            () -> s.service().check(p, profile))));
                }
            }
        }
        checkCancelled();
        emit("provenance", base, name + ": provenance");
        List<ProvenanceReport> provenance = new ArrayList<>();
        try (HeldServices<ProvenanceChecker> checkers = services.holdAll(ProvenanceChecker.class, "provenance", used)) {
            for (HeldService<ProvenanceChecker> s : checkers) {
                Pattern p = pattern;
                provenance.add(stage("provenance", () -> services.calls().call(s, options.callTimeout(), "checking provenance",
                        () -> s.service().check(p, generatorCard))));
            }
        }
        checkCancelled();
        if (services.strict() && generatorCard != null) {
            requireVerifiedLineage(provenance);
        }
        if (!export) {
            return new CandidateRecord(c.index(), c.seed(), c.labels(), checks, repairs, after, provenance, List.of(),
                    verdict(checks, after, provenance), latentOf(c));
        }
        emit("export", base, name + ": writing files");
        ExportContext ctx = new ExportContext(options.outDir(), name, outputProvenance(c));
        Pattern p = pattern;
        List<ExportedFile> files = new ArrayList<>(stage("export", () -> ProductionFiles.write(p, request, ctx)));
        try (HeldServices<Exporter> exporters = services.holdAll(Exporter.class, "exporter", used)) {
            for (HeldService<Exporter> s : exporters) {
                files.addAll(stage("export", () -> services.calls().call(s, options.callTimeout(), "exporting",
                        () -> s.service().export(p, profile, ctx))));
            }
        }
        return new CandidateRecord(c.index(), c.seed(), c.labels(), checks, repairs, after, provenance, files,
                verdict(checks, after, provenance), latentOf(c));
    }

    /**
     * The candidate's latent code for the record (#11: a design, blends included, can be moved from); left out when
     * it is over the record's bound (a blended GAN tile over ~2500² px), as the record must stay readable.
     */
    private static String latentOf(Candidate c) {
        float[] code = c.latent();
        if (code == null || 4L * ((4L * code.length + 2) / 3) > CandidateRecord.MAX_LATENT_CHARS) {
            return null;
        }
        return CandidateRecord.encodeLatent(code);
    }

    /** Strict mode: some provenance checker must have verified the model's training manifest. */
    private void requireVerifiedLineage(List<ProvenanceReport> provenance) throws JobError {
        if (provenance.stream().anyMatch(r -> r.lineage() != null && r.lineage().status() == Lineage.Status.VERIFIED)) {
            return;
        }
        String why = provenance.isEmpty() ? "no provenance checker is installed"
                : provenance.stream().filter(r -> r.lineage() != null)
                        .map(r -> r.lineage().status() + ": " + r.lineage().message()).findFirst()
                        .orElse("no checker reported its lineage");
        throw new JobError("strict mode refuses model '" + generatorCard.id() + "' of generator '" + generatorUse.id()
                + "': its lineage is not verified (" + why + "); register its training manifest with the provenance "
                + "plugin (tessera provenance scan, then the manifest's .cfg in the hot folder) or run without "
                + PipelineServices.STRICT + "=true");
    }

    private static boolean verdict(List<ConstraintReport> checks, List<ConstraintReport> after,
            List<ProvenanceReport> provenance) {
        List<ConstraintReport> last = after.isEmpty() ? checks : after;
        return last.stream().allMatch(ConstraintReport::passed) && provenance.stream().allMatch(ProvenanceReport::passed);
    }

    /**
     * What the files of candidate {@code c} say made them: this job's generator, or the origin of a design made
     * earlier (whose job, design index, seed and prompt are the origin's, so a file exported twice still leads
     * back to the job that generated it).
     */
    private OutputProvenance outputProvenance(Candidate c) {
        String tool = "Tessera " + services.engineVersion();
        if (generatorUse == null) { // a design that came in as a file with no known origin: no generator to name
            return new OutputProvenance(tool, null, null, null, null, null, jobId);
        }
        boolean adopted = input != null;
        String modelId = generatorCard != null ? generatorCard.id() : generatorUse.modelId();
        String manifest = generatorCard != null ? generatorCard.trainingManifestSha256() : adopted ? origin.manifestSha256() : null;
        String modelVersion = generatorCard != null ? generatorCard.version() : adopted ? origin.modelVersion() : null;
        return new OutputProvenance(tool, generatorUse.id(), generatorUse.version(), modelId, manifest,
                modelId == null ? "algorithmicMedia" : "trainedAlgorithmicMedia", jobId, modelVersion,
                adopted ? origin.jobId() : null, adopted ? origin.candidate() : Integer.valueOf(c.index()),
                adopted ? origin.seed() : Long.valueOf(c.seed()), adopted ? origin.prompt() : blankToNull(request.prompt()));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private void emitGeneration(double fraction, String message) {
        emit("generate", 0.05 + 0.45 * Math.max(0, Math.min(1, fraction)), message);
    }

    private void emit(String stage, double fraction, String message) {
        try {
            listener.onEvent(new JobEvent(jobId, stage, fraction, message));
        } catch (RuntimeException e) {
            // a listener's failure (a closed HTTP stream, say) must not fail the job
        }
    }

    private void checkCancelled() throws Cancelled {
        if (listener.cancelled()) {
            throw new Cancelled();
        }
    }

    private <T> T stage(String name, Step<T> step) throws Exception {
        long t0 = System.nanoTime();
        try {
            return step.run();
        } finally {
            timings.merge(name, (System.nanoTime() - t0) / 1_000_000, Long::sum);
        }
    }

    private JobRecord writeRecord(JobStatus status, String error) throws IOException {
        JobRecord record = new JobRecord(jobId, status, request, createdAt, Instant.now().toString(), timings,
                distinct(used), records, options.outDir().toAbsolutePath().toString(), error, origin);
        // not createTempFile: its owner-only permissions would stick to job.json
        Path tmp = options.outDir().resolve(".job-" + jobId + ".json.tmp");
        try {
            Files.writeString(tmp, TesseraJson.write(record));
            Files.move(tmp, options.outDir().resolve("job.json"), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return record;
    }

    private JobRecord writeRecordQuietly(JobStatus status, String error) {
        try {
            return writeRecord(status, error);
        } catch (IOException | RuntimeException e) {
            return new JobRecord(jobId, status, request, createdAt, Instant.now().toString(), timings, distinct(used),
                    records, options.outDir().toAbsolutePath().toString(), error + " (job.json not written: " + e.getMessage() + ")",
                    origin);
        }
    }

    private static List<ServiceUse> distinct(List<ServiceUse> uses) {
        return uses.stream().distinct().toList();
    }

    String jobId() {
        return jobId;
    }

    @FunctionalInterface
    interface Step<T> {
        T run() throws Exception;
    }

    /** A job-level failure whose message is for the user. */
    static final class JobError extends Exception {
        private static final long serialVersionUID = 1L;

        JobError(String message) {
            super(message);
        }
    }

    private static final class Cancelled extends Exception {
        private static final long serialVersionUID = 1L;
    }
}
