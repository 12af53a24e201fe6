package tessera.host.server.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

/**
 * Versioned schema migrations, applied in order, each in its own transaction together with its row in
 * {@code schema_version}. Append new versions; never edit a released one. One list for both dialects:
 * statements are written in SQLite's words and {@link #render} maps the few that differ for PostgreSQL.
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
                      registered_by TEXT NOT NULL, registered_at TEXT NOT NULL, last_scan_job TEXT REFERENCES jobs(id))""")),
            // #12 scale-out: which host holds a job, its lease (database clock, epoch ms), the claim number, and
            // one row per claim so "finished exactly once" can be checked
            new Migration(4, "job claims and leases for a queue shared by several hosts", List.of(
                    "ALTER TABLE jobs ADD COLUMN claimed_by TEXT",
                    "ALTER TABLE jobs ADD COLUMN attempt INTEGER NOT NULL DEFAULT 0",
                    "ALTER TABLE jobs ADD COLUMN lease_until INTEGER",
                    "ALTER TABLE jobs ADD COLUMN cancel_requested INTEGER NOT NULL DEFAULT 0",
                    """
                    CREATE TABLE job_runs (job_id TEXT NOT NULL REFERENCES jobs(id), attempt INTEGER NOT NULL, host TEXT NOT NULL,
                      claimed_at TEXT NOT NULL, ended_at TEXT, outcome TEXT, PRIMARY KEY (job_id, attempt))""",
                    "CREATE INDEX jobs_claimed ON jobs(claimed_by, status)")),
            // the running host's latest pipeline event, so a client following the job on another host sees progress
            new Migration(5, "the latest progress event of a job run by some host of a shared queue", List.of(
                    "ALTER TABLE jobs ADD COLUMN progress TEXT")),
            // claims a stopping host gave back: they are not deaths, so they do not count towards giving a job up
            new Migration(6, "claims given back by hosts stopped in order", List.of(
                    "ALTER TABLE jobs ADD COLUMN released INTEGER NOT NULL DEFAULT 0")));

    /** Any fixed number: the PostgreSQL advisory lock under which one host at a time migrates. */
    private static final long MIGRATION_LOCK = 0x7e55e7a12L;

    private Migrations() {
    }

    /**
     * Brings the schema up to date. With PostgreSQL, hosts starting at once take turns under an advisory lock:
     * the first migrates, the others then find nothing left to do.
     */
    static void apply(Db db) throws SQLException {
        boolean pg = db.dialect() == Db.Dialect.POSTGRESQL;
        db.withConnection(c -> {
            if (pg) {
                Db.rows(c, "SELECT pg_advisory_lock(?)", MIGRATION_LOCK);
            }
            try {
                migrate(db, c);
            } finally {
                if (pg) {
                    Db.rows(c, "SELECT pg_advisory_unlock(?)", MIGRATION_LOCK);
                }
            }
            return null;
        });
    }

    private static void migrate(Db db, Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(render(db.dialect(), "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
                    + "description TEXT NOT NULL, applied_at TEXT NOT NULL)"));
        }
        int current = current(c);
        int newest = ALL.getLast().version();
        if (current > newest) {
            throw new SQLException("the database " + db.where() + " has schema version " + current + ", newer than this server's "
                    + newest + "; run a newer Tessera or restore an older database");
        }
        for (Migration m : ALL) {
            if (m.version() > current) {
                Db.inTransaction(c, x -> {
                    try (Statement s = x.createStatement()) {
                        for (String sql : m.statements()) {
                            s.execute(render(db.dialect(), sql));
                        }
                    }
                    try (PreparedStatement ps = Db.prepare(x, "INSERT INTO schema_version VALUES (?, ?, ?)",
                            m.version(), m.description(), Instant.now().toString())) {
                        ps.executeUpdate();
                    }
                    return null;
                });
            }
        }
    }

    /**
     * A statement for the dialect. SQLite's INTEGER is 64-bit, so PostgreSQL gets BIGINT, and SQLite's
     * auto-increment key becomes an identity column ({@code BIGSERIAL}); everything else is common SQL.
     */
    static String render(Db.Dialect dialect, String sql) {
        return dialect == Db.Dialect.SQLITE ? sql
                : sql.replace("INTEGER PRIMARY KEY AUTOINCREMENT", "BIGSERIAL PRIMARY KEY").replace("INTEGER", "BIGINT");
    }

    static int current(Db db) throws SQLException {
        return db.withConnection(Migrations::current);
    }

    private static int current(Connection c) throws SQLException {
        Object v = Db.rows(c, "SELECT MAX(version) AS v FROM schema_version").getFirst().get("v");
        return v == null ? 0 : ((Number) v).intValue();
    }
}
