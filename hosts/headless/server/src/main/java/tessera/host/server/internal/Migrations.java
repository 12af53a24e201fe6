package tessera.host.server.internal;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

/**
 * Versioned schema migrations, applied in order, each in its own transaction together with its row in
 * {@code schema_version}. Append new versions; never edit a released one.
 */
final class Migrations {
    record Migration(int version, String description, List<String> statements) {
    }

    static final List<Migration> ALL = List.of(
            new Migration(1, "jobs, artifacts, users, tokens, audit", List.of(
                    """
                    CREATE TABLE jobs (id TEXT PRIMARY KEY, kind TEXT NOT NULL, status TEXT NOT NULL,
                      request TEXT NOT NULL, record TEXT, error TEXT, owner TEXT, resubmitted_from TEXT,
                      created_at TEXT NOT NULL, started_at TEXT, finished_at TEXT)""",
                    """
                    CREATE TABLE artifacts (job_id TEXT NOT NULL REFERENCES jobs(id), name TEXT NOT NULL,
                      sha256 TEXT NOT NULL, size INTEGER NOT NULL, media_type TEXT NOT NULL,
                      PRIMARY KEY (job_id, name))""",
                    """
                    CREATE TABLE users (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL UNIQUE,
                      role TEXT NOT NULL, created_at TEXT NOT NULL)""",
                    """
                    CREATE TABLE tokens (id INTEGER PRIMARY KEY AUTOINCREMENT, user_id INTEGER NOT NULL REFERENCES users(id),
                      hash TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL, revoked_at TEXT)""",
                    """
                    CREATE TABLE audit (id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, actor TEXT NOT NULL,
                      action TEXT NOT NULL, target TEXT, detail TEXT)""")),
            new Migration(2, "indexes for the job queue and the audit log", List.of(
                    "CREATE INDEX jobs_status ON jobs(status)",
                    "CREATE INDEX jobs_created ON jobs(created_at)",
                    "CREATE INDEX audit_at ON audit(at)")),
            new Migration(3, "dataset folders registered for provenance scans", List.of(
                    """
                    CREATE TABLE datasets (name TEXT PRIMARY KEY, folder TEXT NOT NULL, policy TEXT,
                      registered_by TEXT NOT NULL, registered_at TEXT NOT NULL, last_scan_job TEXT REFERENCES jobs(id))""")));

    private Migrations() {
    }

    static void apply(Db db) throws SQLException {
        db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)");
        int current = current(db);
        int newest = ALL.getLast().version();
        if (current > newest) {
            throw new SQLException("the database " + db.file() + " has schema version " + current + ", newer than this server's "
                    + newest + "; run a newer Tessera or restore an older database");
        }
        for (Migration m : ALL) {
            if (m.version() > current) {
                db.transaction(c -> {
                    try (Statement s = c.createStatement()) {
                        for (String sql : m.statements()) {
                            s.execute(sql);
                        }
                    }
                    try (PreparedStatement ps = Db.prepare(c, "INSERT INTO schema_version VALUES (?, ?, ?)",
                            m.version(), m.description(), Instant.now().toString())) {
                        ps.executeUpdate();
                    }
                    return null;
                });
            }
        }
    }

    static int current(Db db) throws SQLException {
        Object v = db.query("SELECT MAX(version) AS v FROM schema_version").getFirst().get("v");
        return v == null ? 0 : ((Number) v).intValue();
    }
}
