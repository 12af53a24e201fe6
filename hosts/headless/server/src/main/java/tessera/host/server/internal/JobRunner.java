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
import tessera.api.job.DesignOrigin;
import tessera.api.job.JobRecord;
import tessera.api.job.JobStatus;
import tessera.api.json.TesseraJson;
import tessera.api.pattern.Pattern;

/**
 * Runs jobs: each job's outputs go to a work folder, then into the content-addressed store, then one
 * transaction records status, record and artifacts, conditional on still holding the job's claim. Work
 * folders of a crashed process are deleted at start: their files were never recorded. Generate jobs run
 * on this process's bounded pool, or, with a queue shared by several hosts (#12 scale-out), are only
 * inserted here and run by whichever host's {@link SharedQueue} claims them.
 */
final class JobRunner implements AutoCloseable {
    /** What {@link Metrics} counts for a job whose claim another host took over: its end was not recorded. */
    static final String LOST = "lost";
    private final DesignPipeline pipeline;
    private final JobStore jobs;
    private final ArtifactStore artifacts;
    private final Path work;
    private final Metrics metrics;
    private final ExecutorService pool;
    private final Map<String, LiveJob> live = new ConcurrentHashMap<>();
    private volatile SharedQueue shared;
    private final long drainMs;
    /** Set when the server stops: a job cancelled from now on was not cancelled by anyone, so it ends interrupted. */
    private volatile boolean stopping;

    JobRunner(DesignPipeline pipeline, JobStore jobs, ArtifactStore artifacts, Path work, Metrics metrics, int workers,
            long drainMs) throws IOException {
        this.drainMs = drainMs;
        this.pipeline = pipeline;
        this.jobs = jobs;
        this.artifacts = artifacts;
        this.work = work;
        this.metrics = metrics;
        deleteTree(work);
        Files.createDirectories(work);
        this.pool = Executors.newFixedThreadPool(workers, Thread.ofPlatform().name("tessera-job-", 0).daemon().factory());
    }

    /** From now on generate jobs go to the shared queue instead of this process's pool. */
    void share(SharedQueue queue) {
        this.shared = queue;
    }

    String submit(DesignRequest request, String owner, String resubmittedFrom) throws SQLException {
        String id = newId();
        SharedQueue queue = shared;
        if (queue != null) {
            jobs.insert(id, "generate", TesseraJson.write(request), owner, resubmittedFrom);
            metrics.submitted();
            queue.wake();
            return id;
        }
        LiveJob job = new LiveJob(id);
        live.put(id, job);
        jobs.insert(id, "generate", TesseraJson.write(request), owner, resubmittedFrom);
        metrics.submitted();
        pool.execute(() -> run(job, request, null));
        return id;
    }

    /** Runs a job claimed from the shared queue in the caller's (a queue worker's) thread. */
    void runClaimed(JobStore.Claimed c) {
        LiveJob job = new LiveJob(c.claim().id());
        job.relay(e -> {
            try {
                // under the server's job id, ready for followers on other hosts to pass on unchanged
                jobs.progress(c.claim(), LiveJob.json(new tessera.api.job.JobEvent(c.claim().id(), e.stage(), e.fraction(), e.message())));
            } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException ex) {
                // progress is for other hosts' followers only: the job goes on, and a database that refuses this
                // write is reported by the lease keeper and the job's end, which matter
            }
        });
        live.put(job.id, job);
        DesignRequest request;
        try {
            request = TesseraJson.read(c.request(), DesignRequest.class);
        } catch (tessera.api.json.InvalidJsonException | RuntimeException e) {
            request = null; // recorded as failed below, with the reason
        }
        run(job, request, c.claim());
    }

    boolean sharedQueue() {
        return shared != null;
    }

    /** Ids of the jobs this process is running now. */
    java.util.Set<String> liveIds() {
        return java.util.Set.copyOf(live.keySet());
    }

    LiveJob live(String id) {
        return live.get(id);
    }

    int running() {
        return (int) live.values().stream().filter(j -> !j.ended()).count();
    }

    /** Waits up to {@code ms} for the running jobs to end (a stopping server's drain). @return true when none runs */
    boolean awaitIdle(long ms) throws InterruptedException {
        long deadline = System.nanoTime() + ms * 1_000_000;
        while (running() > 0) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    /** Runs a job under {@code claimed}; null: claim it here first (this process's own queue). */
    private void run(LiveJob job, DesignRequest request, JobStore.Claim claimed) {
        long t0 = System.nanoTime();
        Path out = work.resolve(job.id);
        String status;
        JobStore.Claim claim = claimed;
        if (claim == null && stopping) {
            // this process's own queue, stopping: the job stays queued, and the next start marks it interrupted
            job.end(JobStatus.QUEUED.id());
            live.remove(job.id, job);
            return;
        }
        try {
            if (claim == null && !job.cancelled()) {
                claim = jobs.running(job.id);
            }
            if (claim == null) {
                status = finish(null, job.id, JobStatus.CANCELLED, null, "cancelled before it started", out);
            } else if (request == null) {
                status = finish(claim, job.id, JobStatus.FAILED, null, "the stored request is not a valid DesignRequest", out);
            } else {
                try {
                    JobRecord record = pipeline.run(request, new JobOptions(out, null, null, true), job);
                    status = finish(claim, job.id, JobStatus.SUCCEEDED, record, null, out);
                } catch (JobFailedException e) {
                    boolean stopped = stopping && e.record().status() == JobStatus.CANCELLED;
                    status = finish(claim, job.id, stopped ? JobStatus.INTERRUPTED : e.record().status(), e.record(),
                            stopped ? JobStore.SERVER_STOPPED : e.getMessage(), out);
                }
            }
        } catch (SQLException | IOException | RuntimeException e) {
            status = "failed";
            try {
                if (!jobs.finish(claim, job.id, status, null, "the server could not run or record the job: " + e, List.of())) {
                    status = LOST;
                }
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
    Map.Entry<String, JobRecord> runPattern(Pattern pattern, DesignOrigin origin, String profile, boolean export, String owner)
            throws SQLException, IOException, JobFailedException {
        String id = newId();
        Path out = work.resolve(id);
        jobs.insert(id, export ? "export" : "check", TesseraJson.write(Map.of("profile", String.valueOf(profile),
                "repeat", pattern.repeat().toString(), "widthCm", pattern.widthCm(), "heightCm", pattern.heightCm())), owner, null);
        JobStore.Claim claim = jobs.running(id);
        try {
            JobRecord r = pipeline.runPattern(pattern, profile, export, origin, new JobOptions(out, Duration.ofSeconds(10), null, export),
                    e -> { });
            finish(claim, id, JobStatus.SUCCEEDED, r, null, out);
            return Map.entry(id, r);
        } catch (JobFailedException e) {
            finish(claim, id, e.record().status(), e.record(), e.getMessage(), out);
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
        JobStore.Claim claim = jobs.running(id);
        Files.createDirectories(out);
        Object result;
        try {
            result = tool.run(out);
        } catch (Exception e) {
            record(claim, id, JobStatus.FAILED, null, e.getMessage(), out);
            throw e;
        }
        record(claim, id, JobStatus.SUCCEEDED, hrefs(TesseraJson.mapper().valueToTree(result), out, "/api/jobs/" + id + "/artifacts/")
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

    private String finish(JobStore.Claim claim, String id, JobStatus status, JobRecord record, String error, Path out)
            throws IOException, SQLException {
        return record(claim, id, status, record == null ? null : TesseraJson.write(record), error, out);
    }

    /** @return the status recorded, or {@link #LOST} when another host had taken the job over meanwhile */
    private String record(JobStore.Claim claim, String id, JobStatus status, String record, String error, Path out)
            throws IOException, SQLException {
        List<JobStore.Artifact> list = new ArrayList<>();
        if (Files.isDirectory(out)) {
            try (Stream<Path> files = Files.walk(out)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    String name = out.relativize(f).toString().replace('\\', '/');
                    list.add(new JobStore.Artifact(name, artifacts.put(f), Files.size(f), mediaType(name)));
                }
            }
        }
        boolean held = jobs.finish(claim, id, status.id(), record, error, list);
        deleteTree(out);
        return held ? status.id() : LOST;
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

    /**
     * Stops in order: no job starts any more; running ones may finish within the drain time (with a shared queue,
     * {@link SharedQueue#close()} has drained and given back its jobs already); the rest are stopped and end
     * {@code interrupted}, to be resubmitted, as nobody cancelled them.
     */
    @Override
    public void close() throws InterruptedException {
        stopping = true;
        pool.shutdown();
        if (shared == null) {
            awaitIdle(drainMs);
        }
        live.values().forEach(LiveJob::cancel);
        pool.awaitTermination(30, TimeUnit.SECONDS);
    }
}
