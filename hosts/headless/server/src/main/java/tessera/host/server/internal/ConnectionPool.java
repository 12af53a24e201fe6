package tessera.host.server.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A small pool of PostgreSQL connections shared by the job workers, the lease keeper and the HTTP threads
 * (#12 scale-out): up to {@code max} open, idle ones reused, a broken one (connection-class SQLState
 * {@code 08}) closed instead of returned. A connection idle for more than {@link #CHECK_IDLE_MS} is checked
 * ({@code isValid}) before it is lent, so a database restarted while the host was quiet costs no failed call.
 */
final class ConnectionPool implements AutoCloseable {
    private static final long WAIT_MS = 30_000;
    /** Idle longer than this, a connection is checked before use: one round trip, only after a quiet spell. */
    static final long CHECK_IDLE_MS = 2_000;
    private final java.util.Map<Connection, Long> idleSince = new java.util.IdentityHashMap<>();
    private final Opener opener;
    private final int max;
    private final Deque<Connection> idle = new ArrayDeque<>();
    private int open;
    private boolean closed;

    @FunctionalInterface
    interface Opener {
        Connection open() throws SQLException;
    }

    ConnectionPool(Opener opener, int max) {
        this.opener = opener;
        this.max = max;
    }

    Connection borrow() throws SQLException {
        while (true) {
            Connection c = take();
            Long since;
            synchronized (this) {
                since = idleSince.remove(c);
            }
            // checked outside the lock: a dead server answers isValid only at its timeout
            if (since == null || System.currentTimeMillis() - since <= CHECK_IDLE_MS || c.isValid(5)) {
                return c;
            }
            release(c, true);
        }
    }

    private synchronized Connection take() throws SQLException {
        long deadline = System.currentTimeMillis() + WAIT_MS;
        while (true) {
            if (closed) {
                throw new SQLException("the database connection pool is closed (the server is stopping)");
            }
            Connection c = idle.pollFirst();
            if (c != null) {
                return c;
            }
            if (open < max) {
                Connection fresh = opener.open();
                open++;
                return fresh;
            }
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                throw new SQLException("all " + max + " database connections stayed busy for " + WAIT_MS / 1000
                        + " s; look for long-running queries in pg_stat_activity");
            }
            try {
                wait(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while waiting for a database connection", e);
            }
        }
    }

    /** Returns a connection; a broken one, or any after {@link #close()}, is closed instead. */
    synchronized void release(Connection c, boolean broken) {
        if (broken || closed) {
            open--;
            quietlyClose(c);
        } else {
            idle.addFirst(c);
            idleSince.put(c, System.currentTimeMillis());
        }
        notifyAll();
    }

    static boolean broken(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("08");
    }

    @Override
    public synchronized void close() {
        closed = true;
        idle.forEach(ConnectionPool::quietlyClose);
        open -= idle.size();
        idle.clear();
        idleSince.clear();
        notifyAll();
    }

    private static void quietlyClose(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // a connection that cannot even close is gone already
        }
    }
}
