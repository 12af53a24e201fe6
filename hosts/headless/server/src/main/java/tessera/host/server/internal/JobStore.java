package tessera.host.server.internal;

import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Jobs, their artifacts' metadata and the audit log in the database. A job is held by one claim at a time:
 * the host that runs it and the claim's number ({@code attempt}), with a lease that host keeps renewing.
 * Every end of a job is conditional on still holding its claim, so a job is finished exactly once even when
 * a host that was thought dead comes back (#12 scale-out).
 */
final class JobStore {
    /** Why a job of a stopped single-host server did not finish, and what to do. */
    static final String SERVER_STOPPED = "the server stopped before the job finished; resubmit it (POST /api/jobs/{id}/resubmit)";
    private static final String GIVE_UP = "the hosts running this job stopped %d times before it finished (a job that kills "
            + "its host?); resubmit it (POST /api/jobs/{id}/resubmit) after checking the hosts' logs";
    private final Db db;
    private final String host;
    private final long leaseMs;

    /**
     * @param host this process's name in {@code claimed_by}, unique among live hosts
     * @param leaseMs how long a claim stays valid without renewal, > 0
     */
    JobStore(Db db, String host, long leaseMs) {
        this.db = db;
        this.host = host;
        this.leaseMs = leaseMs;
    }

    /** A store for one-shot use (token creation, tests): claims are named after this process. */
    JobStore(Db db) {
        this(db, "local-" + ProcessHandle.current().pid(), 30_000);
    }

    record Artifact(String name, String sha256, long size, String mediaType) {
    }

    /** The right to end a job: held by {@code host} under claim number {@code attempt}. */
    record Claim(String id, String host, int attempt) {
    }

    /** A queued job this host claimed from the shared queue. */
    record Claimed(Claim claim, String kind, String request) {
    }

    String host() {
        return host;
    }

    /** What a follower on another host polls every 250 ms: the job's state and its running host's latest event. */
    record Followed(String status, String claimedBy, String progress) {
    }

    Followed follow(String id) throws SQLException {
        Map<String, Object> r = db.query("SELECT status, claimed_by, progress FROM jobs WHERE id = ?", id).getFirst();
        return new Followed((String) r.get("status"), (String) r.get("claimed_by"), (String) r.get("progress"));
    }

    /** The running host's latest pipeline event (JSON), kept only while this host still holds the claim. */
    void progress(Claim claim, String eventJson) throws SQLException {
        db.update("UPDATE jobs SET progress = ? WHERE id = ? AND claimed_by = ? AND attempt = ? AND status = 'running'",
                eventJson, claim.id(), claim.host(), claim.attempt());
    }

    void insert(String id, String kind, String requestJson, String owner, String resubmittedFrom) throws SQLException {
        db.update("INSERT INTO jobs(id, kind, status, request, owner, resubmitted_from, created_at) VALUES (?, ?, 'queued', ?, ?, ?, ?)",
                id, kind, requestJson, owner, resubmittedFrom, Instant.now().toString());
    }

    /** Claims a queued job this process was handed directly (in-process queue, request-thread jobs); null if not queued. */
    Claim running(String id) throws SQLException {
        return db.transaction(c -> {
            // RETURNING: SQLite 3.35+ and PostgreSQL both give the new attempt from the claiming statement itself
            List<Map<String, Object>> rows = Db.rows(c, "UPDATE jobs SET status = 'running', started_at = ?, claimed_by = ?, "
                    + "attempt = attempt + 1, lease_until = " + db.nowMillis() + " + ? WHERE id = ? AND status = 'queued' "
                    + "RETURNING attempt", Instant.now().toString(), host, leaseMs, id);
            if (rows.isEmpty()) {
                return null;
            }
            return started(c, new Claim(id, host, ((Number) rows.getFirst().get("attempt")).intValue()));
        });
    }

    /**
     * Takes the oldest runnable generate job of the shared queue: a queued one, or one whose host let its lease run
     * out (dead, or frozen past it). {@code SKIP LOCKED}: hosts claiming at once take different jobs without waiting
     * on each other. PostgreSQL only.
     */
    Optional<Claimed> claim(int maxAttempts) throws SQLException {
        String now = db.nowMillis();
        return db.transaction(c -> {
            List<Map<String, Object>> rows = Db.rows(c, "UPDATE jobs SET status = 'running', claimed_by = ?, attempt = attempt + 1, "
                    + "lease_until = " + now + " + ?, started_at = COALESCE(started_at, ?) WHERE id = (SELECT id FROM jobs "
                    + "WHERE kind = 'generate' AND attempt - released < ? AND (status = 'queued' OR (status = 'running' AND lease_until < " + now + ")) "
                    + "ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING id, kind, request, attempt",
                    host, leaseMs, Instant.now().toString(), maxAttempts);
            if (rows.isEmpty()) {
                return Optional.empty();
            }
            Map<String, Object> r = rows.getFirst();
            Claim claim = started(c, new Claim((String) r.get("id"), host, ((Number) r.get("attempt")).intValue()));
            return Optional.of(new Claimed(claim, (String) r.get("kind"), (String) r.get("request")));
        });
    }

    private static Claim started(java.sql.Connection c, Claim claim) throws SQLException {
        try (var ps = Db.prepare(c, "INSERT INTO job_runs(job_id, attempt, host, claimed_at) VALUES (?, ?, ?, ?)", claim.id(),
                claim.attempt(), claim.host(), Instant.now().toString())) {
            ps.executeUpdate();
        }
        return claim;
    }

    /**
     * Records the end of a job and its artifacts in one transaction: all of it is there after a crash, or none.
     *
     * @param claim the claim the job ran under; null for a job that never started (cancelled while queued)
     * @return false when the claim was lost (lease expired and another host took the job): nothing is recorded
     *     but the lost claim, so the other host's end is the only one
     */
    boolean finish(Claim claim, String id, String status, String recordJson, String error, List<Artifact> artifacts)
            throws SQLException {
        String now = Instant.now().toString();
        boolean held = db.transaction(c -> {
            String sql = "UPDATE jobs SET status = ?, record = ?, error = ?, finished_at = ?, lease_until = NULL WHERE id = ? AND "
                    + (claim == null ? "status = 'queued'" : "status = 'running' AND claimed_by = ? AND attempt = ?");
            Object[] args = claim == null ? new Object[] {status, recordJson, error, now, id}
                    : new Object[] {status, recordJson, error, now, id, claim.host(), claim.attempt()};
            try (var ps = Db.prepare(c, sql, args)) {
                if (ps.executeUpdate() == 0) {
                    return false;
                }
            }
            for (Artifact a : artifacts) {
                try (var ps = Db.prepare(c, "INSERT INTO artifacts VALUES (?, ?, ?, ?, ?) ON CONFLICT (job_id, name) DO UPDATE SET "
                        + "sha256 = excluded.sha256, size = excluded.size, media_type = excluded.media_type", id, a.name(), a.sha256(),
                        a.size(), a.mediaType())) {
                    ps.executeUpdate();
                }
            }
            ended(c, claim, status, now);
            return true;
        });
        if (!held) {
            db.withConnection(c -> ended(c, claim, "lost", now));
        }
        return held;
    }

    private static Void ended(java.sql.Connection c, Claim claim, String outcome, String now) throws SQLException {
        if (claim != null) {
            // only an open claim: a claim given back stays 'released' when its cancelled run then finds it gone
            try (var ps = Db.prepare(c, "UPDATE job_runs SET outcome = ?, ended_at = ? WHERE job_id = ? AND attempt = ? AND host = ? "
                    + "AND outcome IS NULL",
                    outcome, now, claim.id(), claim.attempt(), claim.host())) {
                ps.executeUpdate();
            }
        }
        return null;
    }

    /**
     * Extends the lease of every job this host runs, in one statement that also reads which of them someone asked
     * (on any host) to cancel.
     *
     * @return the ids this host still holds (the rest were taken over), each with whether a cancel was asked
     */
    Map<String, Boolean> renew() throws SQLException {
        Map<String, Boolean> held = new HashMap<>();
        for (var r : db.query("UPDATE jobs SET lease_until = " + db.nowMillis() + " + ? WHERE claimed_by = ? AND status = 'running' "
                + "RETURNING id, cancel_requested", leaseMs, host)) {
            held.put((String) r.get("id"), ((Number) r.get("cancel_requested")).intValue() != 0);
        }
        return held;
    }

    /**
     * Gives this host's running generate jobs back to the queue (a host stopped in order): each is {@code queued} again
     * with no host and no lease, so another host's worker claims it at once instead of after a lease, and its claim's
     * {@code job_runs} row says {@code released}. A job someone asked to cancel is left to its cancel. The attempt
     * stays counted (a later claim takes the next number) but {@code released} keeps it from counting as a death.
     *
     * @return the ids given back; the host must stop running them, as their end would no longer be recorded
     */
    Set<String> release() throws SQLException {
        String now = Instant.now().toString();
        return db.transaction(c -> {
            Set<String> ids = new HashSet<>();
            for (var r : Db.rows(c, "UPDATE jobs SET status = 'queued', claimed_by = NULL, lease_until = NULL, progress = NULL, "
                    + "released = released + 1 WHERE claimed_by = ? AND status = 'running' AND kind = 'generate' AND cancel_requested = 0 "
                    + "RETURNING id, attempt", host)) {
                String id = (String) r.get("id");
                ids.add(id);
                ended(c, new Claim(id, host, ((Number) r.get("attempt")).intValue()), "released", now);
            }
            return ids;
        });
    }

    /**
     * Cancels a job of the shared queue: a queued one at once, a running one by a flag its host reads when it renews
     * its lease. @return false when the job is neither
     */
    boolean cancel(String id) throws SQLException {
        return db.update("UPDATE jobs SET status = 'cancelled', finished_at = ?, error = 'cancelled before it started' "
                + "WHERE id = ? AND status = 'queued'", Instant.now().toString(), id) > 0
                // only generate jobs run on a queue worker whose keeper can stop them; the others run in a request
                || db.update("UPDATE jobs SET cancel_requested = 1 WHERE id = ? AND status = 'running' AND kind = 'generate'", id) > 0;
    }

    /**
     * Ends jobs no host will run again: a generate job whose hosts died {@code maxAttempts} times (failed), and a
     * check, export, QA or provenance job whose host died (interrupted: it ran in a request, whose upload is gone).
     */
    int abandonExpired(int maxAttempts) throws SQLException {
        String now = db.nowMillis();
        String at = Instant.now().toString();
        return db.update("UPDATE jobs SET status = 'failed', finished_at = ?, error = ? WHERE kind = 'generate' AND status = 'running' "
                + "AND attempt - released >= ? AND lease_until < " + now, at, String.format(GIVE_UP, maxAttempts), maxAttempts)
                + db.update("UPDATE jobs SET status = 'interrupted', finished_at = ?, error = 'the host running it stopped; send the "
                        + "request again' WHERE kind <> 'generate' AND status = 'running' AND lease_until < " + now, at);
    }

    /** #12: after a crash, jobs the dead process had queued or was running are marked and can be resubmitted (SQLite: one host). */
    int markInterrupted() throws SQLException {
        return db.update("UPDATE jobs SET status = 'interrupted', finished_at = ?, error = ? WHERE status IN ('queued', 'running')",
                Instant.now().toString(), SERVER_STOPPED);
    }

    Optional<Map<String, Object>> get(String id) throws SQLException {
        List<Map<String, Object>> rows = db.query("SELECT * FROM jobs WHERE id = ?", id);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.getFirst());
    }

    List<Map<String, Object>> recent(String owner, int limit) throws SQLException {
        return owner == null
                ? db.query("SELECT id, kind, status, owner, created_at, finished_at, error FROM jobs ORDER BY created_at DESC LIMIT ?", limit)
                : db.query("SELECT id, kind, status, owner, created_at, finished_at, error FROM jobs WHERE owner = ? "
                        + "ORDER BY created_at DESC LIMIT ?", owner, limit);
    }

    List<Artifact> artifacts(String jobId) throws SQLException {
        return db.query("SELECT name, sha256, size, media_type FROM artifacts WHERE job_id = ? ORDER BY name", jobId).stream()
                .map(r -> new Artifact((String) r.get("name"), (String) r.get("sha256"), ((Number) r.get("size")).longValue(),
                        (String) r.get("media_type")))
                .toList();
    }

    Map<String, Long> countsByStatus() throws SQLException {
        Map<String, Long> m = new java.util.TreeMap<>();
        for (var r : db.query("SELECT status, COUNT(*) AS n FROM jobs GROUP BY status")) {
            m.put((String) r.get("status"), ((Number) r.get("n")).longValue());
        }
        return m;
    }

    void audit(String actor, String action, String target, String detail) throws SQLException {
        db.update("INSERT INTO audit(at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)", Instant.now().toString(), actor,
                action, target, detail);
    }

    List<Map<String, Object>> auditLog(int limit) throws SQLException {
        return db.query("SELECT id, at, actor, action, target, detail FROM audit ORDER BY id DESC LIMIT ?", limit);
    }
}
