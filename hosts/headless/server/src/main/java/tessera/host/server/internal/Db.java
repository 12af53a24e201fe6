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
import java.util.Map;

import org.sqlite.SQLiteConfig;

/**
 * The server's embedded SQLite database (one file, WAL journal). A process killed mid-write leaves the
 * last committed transaction intact: SQLite's WAL is replayed or discarded on the next open (#12).
 * One connection, used under this object's lock: the store's statements are short, and SQLite
 * serialises writers anyway.
 */
final class Db implements AutoCloseable {
    private final Connection connection;
    private final Path file;

    private Db(Connection connection, Path file) {
        this.connection = connection;
        this.file = file;
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
        Db db = new Db(c, file);
        Migrations.apply(db);
        return db;
    }

    Path file() {
        return file;
    }

    /** Runs statements in one transaction; rolled back as a whole on any failure. */
    synchronized <T> T transaction(SqlWork<T> work) throws SQLException {
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

    synchronized int update(String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(connection, sql, args)) {
            return ps.executeUpdate();
        }
    }

    synchronized List<Map<String, Object>> query(String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(connection, sql, args); ResultSet rs = ps.executeQuery()) {
            List<Map<String, Object>> rows = new ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                Map<String, Object> row = new HashMap<>();
                for (int i = 1; i <= n; i++) {
                    row.put(rs.getMetaData().getColumnLabel(i).toLowerCase(java.util.Locale.ROOT), rs.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    synchronized void execute(String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
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
    public synchronized void close() throws SQLException {
        connection.close();
    }
}
