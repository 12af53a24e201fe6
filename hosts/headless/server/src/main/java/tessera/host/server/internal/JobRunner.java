package tessera.host.server.internal;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import tessera.api.design.DesignRequest;
import tessera.api.job.DesignPipeline;
import tessera.api.job.JobFailedException;
import tessera.api.job.JobOptions;
import tessera.api.job.JobRecord;
import tessera.api.job.JobStatus;
import tessera.api.json.TesseraJson;
import tessera.api.pattern.Pattern;

/**
 * Runs jobs on a bounded pool: each job's outputs go to a work folder, then into the content-addressed
 * store, then one transaction records status, record and artifacts. Work folders of a crashed process
 * are deleted at start: their jobs are marked interrupted and their files were never recorded.
 */
final class JobRunner implements AutoCloseable {
    private final DesignPipeline pipeline;
    private final JobStore jobs;
    private final ArtifactStore artifacts;
    private final Path work;
    private final Metrics metrics;
    private final ExecutorService pool;
    private final Map<String, LiveJob> live = new ConcurrentHashMap<>();

    JobRunner(DesignPipeline pipeline, JobStore jobs, ArtifactStore artifacts, Path work, Metrics metrics, int workers)
            throws IOException {
        this.pipeline = pipeline;
        this.jobs = jobs;
        this.artifacts = artifacts;
        this.work = work;
        this.metrics = metrics;
        deleteTree(work);
        Files.createDirectories(work);
        this.pool = Executors.newFixedThreadPool(workers, Thread.ofPlatform().name("tessera-job-", 0).daemon().factory());
    }

    String submit(DesignRequest request, String owner, String resubmittedFrom) throws SQLException {
        String id = newId();
        LiveJob job = new LiveJob(id);
        live.put(id, job);
        jobs.insert(id, "generate", TesseraJson.write(request), owner, resubmittedFrom);
        metrics.submitted();
        pool.execute(() -> run(job, request));
        return id;
    }

    LiveJob live(String id) {
        return live.get(id);
    }

    int running() {
        return (int) live.values().stream().filter(j -> !j.ended()).count();
    }

    private void run(LiveJob job, DesignRequest request) {
        long t0 = System.nanoTime();
        Path out = work.resolve(job.id);
        String status;
        try {
            if (job.cancelled()) {
                status = finish(job.id, JobStatus.CANCELLED, null, "cancelled before it started", out);
            } else {
                jobs.running(job.id);
                try {
                    JobRecord record = pipeline.run(request, new JobOptions(out, null, null, true), job);
                    status = finish(job.id, JobStatus.SUCCEEDED, record, null, out);
                } catch (JobFailedException e) {
                    status = finish(job.id, e.record().status(), e.record(), e.getMessage(), out);
                }
            }
        } catch (SQLException | IOException | RuntimeException e) {
            status = "failed";
            try {
                jobs.finish(job.id, status, null, "the server could not run or record the job: " + e, List.of());
            } catch (SQLException e2) {
                e.addSuppressed(e2);
            }
        }
        metrics.finished(status, (System.nanoTime() - t0) / 1e9);
        job.end(status);
        // keep the live entry a while for late SSE subscribers; the database has the outcome for good
        live.remove(job.id, job);
    }

    /** Runs an existing design through check (and export) in the caller's thread; recorded like a job. */
    Map.Entry<String, JobRecord> runPattern(Pattern pattern, String profile, boolean export, String owner) throws SQLException,
            IOException, JobFailedException {
        String id = newId();
        Path out = work.resolve(id);
        jobs.insert(id, export ? "export" : "check", TesseraJson.write(Map.of("profile", String.valueOf(profile),
                "repeat", pattern.repeat().toString(), "widthCm", pattern.widthCm(), "heightCm", pattern.heightCm())), owner, null);
        jobs.running(id);
        try {
            JobRecord r = pipeline.runPattern(pattern, profile, export, new JobOptions(out, Duration.ofSeconds(10), null, export),
                    e -> { });
            finish(id, JobStatus.SUCCEEDED, r, null, out);
            return Map.entry(id, r);
        } catch (JobFailedException e) {
            finish(id, e.record().status(), e.record(), e.getMessage(), out);
            throw e;
        }
    }

    /** Work a tool does in a job's folder (QA, provenance); what it returns becomes the job's record. */
    @FunctionalInterface
    interface Tool {
        Object run(Path out) throws Exception;
    }

    /**
     * Runs a tool in the caller's thread, recorded like a job of this {@code kind}: its files become the job's
     * artifacts, and in its result every path into the job's folder becomes the artifact's href (#12).
     *
     * @return the job id
     * @throws Exception what the tool threw, after the job is recorded as failed with its message
     */
    String runTool(String kind, Object request, String owner, Tool tool) throws Exception {
        String id = newId();
        Path out = work.resolve(id);
        jobs.insert(id, kind, TesseraJson.write(request), owner, null);
        jobs.running(id);
        Files.createDirectories(out);
        Object result;
        try {
            result = tool.run(out);
        } catch (Exception e) {
            record(id, JobStatus.FAILED, null, e.getMessage(), out);
            throw e;
        }
        record(id, JobStatus.SUCCEEDED, hrefs(TesseraJson.mapper().valueToTree(result), out, "/api/jobs/" + id + "/artifacts/")
                .toString(), null, out);
        return id;
    }

    private static JsonNode hrefs(JsonNode n, Path out, String base) {
        if (n instanceof ObjectNode o) {
            o.properties().forEach(e -> e.setValue(hrefs(e.getValue(), out, base)));
        } else if (n instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                a.set(i, hrefs(a.get(i), out, base));
            }
        } else if (n.isTextual()) {
            // Jackson writes a Path field as a file: URI, a String field holds the plain path
            String t = n.asText();
            Path p = t.startsWith("file:/") ? Path.of(java.net.URI.create(t)) : t.startsWith(out + File.separator) ? Path.of(t) : null;
            if (p != null && p.startsWith(out)) {
                return TextNode.valueOf(base + out.relativize(p).toString().replace('\\', '/'));
            }
        }
        return n;
    }

    private String finish(String id, JobStatus status, JobRecord record, String error, Path out) throws IOException, SQLException {
        return record(id, status, record == null ? null : TesseraJson.write(record), error, out);
    }

    private String record(String id, JobStatus status, String record, String error, Path out) throws IOException, SQLException {
        List<JobStore.Artifact> list = new ArrayList<>();
        if (Files.isDirectory(out)) {
            try (Stream<Path> files = Files.walk(out)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    String name = out.relativize(f).toString().replace('\\', '/');
                    list.add(new JobStore.Artifact(name, artifacts.put(f), Files.size(f), mediaType(name)));
                }
            }
        }
        jobs.finish(id, status.id(), record, error, list);
        deleteTree(out);
        return status.id();
    }

    static String mediaType(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".png")) {
            return "image/png";
        }
        if (n.endsWith(".tif") || n.endsWith(".tiff")) {
            return "image/tiff";
        }
        if (n.endsWith(".json")) {
            return "application/json";
        }
        if (n.endsWith(".txt") || n.endsWith(".wif")) {
            return "text/plain; charset=utf-8";
        }
        return "application/octet-stream";
    }

    private static String newId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path f : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        live.values().forEach(LiveJob::cancel);
        pool.shutdown();
        pool.awaitTermination(30, TimeUnit.SECONDS);
    }
}
