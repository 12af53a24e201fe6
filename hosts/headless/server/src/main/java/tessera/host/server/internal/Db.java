package tessera.host.server.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.locks.ReentrantLock;

import org.sqlite.SQLiteConfig;

/**
 * The server's database (#12). By default embedded SQLite (one file, WAL journal): a process killed
 * mid-write leaves the last committed transaction intact, and one connection is used under a lock
 * (SQLite serialises writers anyway). With {@code --db postgresql://…} a PostgreSQL database shared by
 * several hosts (scale-out): a small connection pool, no process-wide lock.
 */
final class Db implements AutoCloseable {
    enum Dialect { SQLITE, POSTGRESQL }

    private final Dialect dialect;
    private final String where;
    private final Path file;
    private final Connection single;
    private final ReentrantLock singleLock = new ReentrantLock();
    private final ConnectionPool pool;

    private Db(Dialect dialect, String where, Path file, Connection single, ConnectionPool pool) {
        this.dialect = dialect;
        this.where = where;
        this.file = file;
        this.single = single;
        this.pool = pool;
    }

    /** The database {@code tessera serve} is configured for: {@code --db}, else SQLite under the data folder. */
    static Db open(Settings s) throws SQLException {
        return s.db() == null ? open(s.serverDir().resolve("tessera.db")) : postgresql(s.db(), Math.max(4, s.workers() + 4));
    }

    static Db open(Path file) throws SQLException {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (java.io.IOException e) {
            throw new SQLException("cannot create the database folder for " + file + ": " + e.getMessage(), e);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // FULL: a committed job record survives a power cut too, not only a killed process
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(10_000);
        Connection c = new org.sqlite.JDBC().connect("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
        if (c == null) {
            throw new SQLException("the SQLite driver refused " + file);
        }
        return migrated(new Db(Dialect.SQLITE, file.toString(), file, c, null));
    }

    /**
     * A PostgreSQL database shared by every host of a scale-out.
     *
     * @param url {@code postgresql://HOST:PORT/DATABASE?user=USER&password=…} (or the same with {@code jdbc:})
     * @param connections most connections this host opens, > 0
     */
    static Db postgresql(String url, int connections) throws SQLException {
        String jdbc = jdbcUrl(url);
        String shown = jdbc.replaceAll("(?i)(password=)[^&]*", "$1***");
        org.postgresql.Driver driver = new org.postgresql.Driver();
        Properties p = new Properties();
        p.setProperty("ApplicationName", "tessera serve");
        p.setProperty("connectTimeout", "10");
        p.setProperty("tcpKeepAlive", "true");
        ConnectionPool pool = new ConnectionPool(() -> connect(driver, jdbc, p, shown), connections);
        Db db = new Db(Dialect.POSTGRESQL, shown, null, null, pool);
        try {
            return migrated(db);
        } catch (SQLException | RuntimeException e) {
            db.close();
            throw e;
        }
    }

    private static Db migrated(Db db) throws SQLException {
        Migrations.apply(db);
        return db;
    }

    static String jdbcUrl(String url) {
        String u = url.strip();
        if (u.startsWith("jdbc:postgresql://")) {
            return u;
        }
        if (u.startsWith("postgresql://") || u.startsWith("postgres://")) {
            return "jdbc:postgresql://" + u.substring(u.indexOf("://") + 3);
        }
        throw new IllegalArgumentException("--db '" + url + "' is not a PostgreSQL URL; give postgresql://HOST:PORT/DATABASE?user=USER"
                + "&password=PASSWORD, or leave --db out for the embedded SQLite database in <data>/server/tessera.db");
    }

    private static Connection connect(org.postgresql.Driver driver, String jdbc, Properties p, String shown) throws SQLException {
        try {
            Connection c = driver.connect(jdbc, p);
            if (c == null) {
                throw new SQLException("the PostgreSQL driver does not accept " + shown);
            }
            return c;
        } catch (SQLException e) {
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            String what = state.startsWith("08") ? "start PostgreSQL there or correct --db"
                    : state.startsWith("28") ? "check the user and password in --db (and pg_hba.conf)"
                    : state.equals("3D000") ? "create the database (createdb NAME) or correct --db"
                    : "check --db";
            String why = String.valueOf(e.getMessage()).strip().replaceAll("\\.$", "");
            throw new SQLException("cannot use the PostgreSQL database " + shown + ": " + why + "; " + what, state, e);
        }
    }

    Dialect dialect() {
        return dialect;
    }

    /** The SQLite file; null for PostgreSQL. */
    Path file() {
        return file;
    }

    /** Where the database is, for messages: the file, or the URL with any password masked. */
    String where() {
        return where;
    }

    /** SQL for the database clock in epoch milliseconds: leases use one clock for every host. */
    String nowMillis() {
        return dialect == Dialect.POSTGRESQL ? "CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)"
                : "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)";
    }

    /** Runs work on one connection (SQLite: the only one, under its lock; PostgreSQL: one from the pool). */
    <T> T withConnection(SqlWork<T> work) throws SQLException {
        if (single != null) {
            singleLock.lock();
            try {
                return work.run(single);
            } finally {
                singleLock.unlock();
            }
        }
        Connection c = pool.borrow();
        boolean broken = false;
        try {
            return work.run(c);
        } catch (SQLException e) {
            broken = ConnectionPool.broken(e);
            throw e;
        } finally {
            pool.release(c, broken);
        }
    }

    /** Runs statements in one transaction; rolled back as a whole on any failure. */
    <T> T transaction(SqlWork<T> work) throws SQLException {
        return withConnection(c -> inTransaction(c, work));
    }

    static <T> T inTransaction(Connection connection, SqlWork<T> work) throws SQLException {
        boolean auto = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            T result = work.run(connection);
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(auto);
        }
    }

    int update(String sql, Object... args) throws SQLException {
        return withConnection(c -> {
            try (PreparedStatement ps = prepare(c, sql, args)) {
                return ps.executeUpdate();
            }
        });
    }

    List<Map<String, Object>> query(String sql, Object... args) throws SQLException {
        return withConnection(c -> rows(c, sql, args));
    }

    /** Rows as maps keyed by lower-case column label. */
    static List<Map<String, Object>> rows(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
            List<Map<String, Object>> rows = new ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                Map<String, Object> row = new HashMap<>();
                for (int i = 1; i <= n; i++) {
                    row.put(rs.getMetaData().getColumnLabel(i).toLowerCase(Locale.ROOT), rs.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    void execute(String sql) throws SQLException {
        withConnection(c -> {
            try (Statement s = c.createStatement()) {
                s.execute(sql);
            }
            return null;
        });
    }

    static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
        return ps;
    }

    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    @Override
    public void close() throws SQLException {
        if (single != null) {
            singleLock.lock();
            try {
                single.close();
            } finally {
                singleLock.unlock();
            }
        } else {
            pool.close();
        }
    }
}
