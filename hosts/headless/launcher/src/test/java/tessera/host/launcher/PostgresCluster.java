package tessera.host.launcher;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL cluster for a test (#12 scale-out): {@code initdb} into a temporary folder, started
 * with {@code pg_ctl} on a free loopback port with its socket in that folder, database {@code tessera} owned by
 * user {@code tessera} (trust authentication: loopback only, gone after the test). PostgreSQL refuses to run as
 * root, so under root (CI) it runs as the {@code postgres} user the Debian package creates. Skips the test,
 * saying why, where no PostgreSQL server binaries are installed.
 */
final class PostgresCluster implements AutoCloseable {
    private final Path bin;
    private final Path dir;
    private final List<String> asOwner;
    final int port;

    private PostgresCluster(Path bin, Path dir, List<String> asOwner, int port) {
        this.bin = bin;
        this.dir = dir;
        this.asOwner = asOwner;
        this.port = port;
    }

    static PostgresCluster start() throws Exception {
        Path bin = binaries();
        assumeTrue(bin != null, "no PostgreSQL server binaries (initdb, pg_ctl) in $TESSERA_PG_BIN, /usr/lib/postgresql/*/bin "
                + "or on PATH; install them (Debian: apt-get install postgresql) to run this test");
        boolean root = "root".equals(System.getProperty("user.name"));
        List<String> asOwner = new ArrayList<>();
        Path dir = Files.createTempDirectory("tessera-pg-");
        if (root) {
            boolean user = run(List.of("id", "-u", "postgres"), Path.of("/"), 30).exit == 0;
            assumeTrue(user, "running as root, and PostgreSQL refuses root: a 'postgres' user is needed to run the cluster "
                    + "(the Debian postgresql package creates it)");
            UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
            Files.setOwner(dir, users.lookupPrincipalByName("postgres"));
            asOwner.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        PostgresCluster pg = new PostgresCluster(bin, dir, asOwner, port);
        try {
            pg.owner(60, "initdb", "-D", dir.resolve("data").toString(), "-U", "tessera", "--auth=trust", "-E", "UTF8", "--no-sync");
            // fsync off: a throw-away cluster the test never crashes; the hosts are what gets killed
            pg.owner(120, "pg_ctl", "-D", dir.resolve("data").toString(), "-l", dir.resolve("server.log").toString(), "-w", "-t", "90",
                    "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200", "start");
            try (Connection c = pg.connect("postgres"); Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE tessera");
            }
            return pg;
        } catch (Exception e) {
            pg.close();
            throw e;
        }
    }

    /** The URL {@code tessera serve --db} takes. */
    String url() {
        return "postgresql://127.0.0.1:" + port + "/tessera?user=tessera";
    }

    Connection connect() throws SQLException {
        return connect("tessera");
    }

    private Connection connect(String database) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "tessera");
        return new org.postgresql.Driver().connect("jdbc:postgresql://127.0.0.1:" + port + "/" + database, p);
    }

    private void owner(int seconds, String tool, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(asOwner);
        cmd.add(bin.resolve(tool).toString());
        cmd.addAll(List.of(args));
        Result r = run(cmd, dir, seconds);
        if (r.exit != 0) {
            String log = Files.exists(dir.resolve("server.log")) ? Files.readString(dir.resolve("server.log")) : "";
            throw new IllegalStateException(tool + " failed (exit " + r.exit + "): " + r.output + log);
        }
    }

    private record Result(int exit, String output) {
    }

    private static Result run(List<String> cmd, Path cwd, int seconds) throws Exception {
        Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true).start();
        // pg_ctl's server keeps no handle on this pipe (its output goes to -l), so reading to the end returns
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, "timed out after " + seconds + " s: " + cmd + "\n" + out);
        }
        return new Result(p.exitValue(), out);
    }

    /** $TESSERA_PG_BIN, else the newest /usr/lib/postgresql/N/bin, else initdb and pg_ctl found on PATH; null if none. */
    static Path binaries() throws IOException {
        List<Path> candidates = new ArrayList<>();
        String env = System.getenv("TESSERA_PG_BIN");
        if (env != null) {
            candidates.add(Path.of(env));
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> s = Files.list(debian)) {
                s.filter(p -> p.getFileName().toString().matches("\\d+"))
                        .sorted(Comparator.comparingInt((Path p) -> Integer.parseInt(p.getFileName().toString())).reversed())
                        .forEach(p -> candidates.add(p.resolve("bin")));
            }
        }
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path initdb = Path.of(d).resolve("initdb");
            if (Files.isExecutable(initdb)) {
                candidates.add(initdb.toRealPath().getParent());
            }
        }
        return candidates.stream().filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                .findFirst().orElse(null);
    }

    /** Stops the server at once (nothing in it is kept) and deletes the cluster. */
    @Override
    public void close() throws Exception {
        try {
            if (Files.exists(dir.resolve("data/postmaster.pid"))) {
                owner(60, "pg_ctl", "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop");
            }
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path f : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }
}
