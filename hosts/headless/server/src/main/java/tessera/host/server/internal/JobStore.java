package tessera.host.server.internal;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Jobs, their artifacts' metadata and the audit log in the database. */
final class JobStore {
    private final Db db;

    JobStore(Db db) {
        this.db = db;
    }

    record Artifact(String name, String sha256, long size, String mediaType) {
    }

    void insert(String id, String kind, String requestJson, String owner, String resubmittedFrom) throws SQLException {
        db.update("INSERT INTO jobs(id, kind, status, request, owner, resubmitted_from, created_at) VALUES (?, ?, 'queued', ?, ?, ?, ?)",
                id, kind, requestJson, owner, resubmittedFrom, Instant.now().toString());
    }

    void running(String id) throws SQLException {
        db.update("UPDATE jobs SET status = 'running', started_at = ? WHERE id = ? AND status = 'queued'", Instant.now().toString(), id);
    }

    /** Records the end of a job and its artifacts in one transaction: all of it is there after a crash, or none. */
    void finish(String id, String status, String recordJson, String error, List<Artifact> artifacts) throws SQLException {
        db.transaction(c -> {
            for (Artifact a : artifacts) {
                try (var ps = Db.prepare(c, "INSERT OR REPLACE INTO artifacts VALUES (?, ?, ?, ?, ?)", id, a.name(), a.sha256(),
                        a.size(), a.mediaType())) {
                    ps.executeUpdate();
                }
            }
            try (var ps = Db.prepare(c, "UPDATE jobs SET status = ?, record = ?, error = ?, finished_at = ? WHERE id = ?", status,
                    recordJson, error, Instant.now().toString(), id)) {
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** #12: after a crash, jobs the dead process had queued or was running are marked and can be resubmitted. */
    int markInterrupted() throws SQLException {
        return db.update("UPDATE jobs SET status = 'interrupted', finished_at = ?, "
                + "error = 'the server stopped before the job finished; resubmit it (POST /api/jobs/{id}/resubmit)' "
                + "WHERE status IN ('queued', 'running')", Instant.now().toString());
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
