package tessera.host.server.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.HttpURLConnection;
import java.net.URI;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import jakarta.servlet.Servlet;
import tessera.api.job.DesignPipeline;
import tessera.pipeline.trust.BundleTrust;

/**
 * {@code tessera serve} (#12) as a service the CLI calls with a map of {@code java.*} values (the
 * command bundle does not see this bundle's classes). It opens the database, marks jobs a crashed
 * process left unfinished, registers the API and the studio with the servlet whiteboard, turns Felix
 * HTTP on (the launcher keeps it off for one-shot commands), prints the address and serves until the
 * framework stops. With {@code createToken} it creates a user's API token instead and returns.
 */
@Component(service = Function.class, property = {"tessera.serve=1"})
public final class ServeService implements Function<Map<String, Object>, Integer> {
    private static final String HTTP_PID = "org.apache.felix.http";
    private final BundleContext context;
    private final DesignPipeline pipeline;
    private final ConfigurationAdmin configAdmin;
    private final BundleTrust trust;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final List<AutoCloseable> resources = new ArrayList<>();

    @Activate
    public ServeService(BundleContext context, @Reference DesignPipeline pipeline, @Reference ConfigurationAdmin configAdmin,
            @Reference BundleTrust trust) {
        this.context = context;
        this.trust = trust;
        this.pipeline = pipeline;
        this.configAdmin = configAdmin;
    }

    @Override
    public Integer apply(Map<String, Object> call) {
        PrintWriter out = (PrintWriter) call.get("out");
        PrintWriter err = (PrintWriter) call.get("err");
        Settings settings;
        try {
            settings = Settings.from(withProperties(call));
            if (settings.db() != null) {
                Db.jdbcUrl(settings.db()); // a wrong URL is named before anything else happens
            }
        } catch (RuntimeException e) {
            err.println("tessera serve: " + e.getMessage());
            return 2;
        }
        try {
            if (call.get("createToken") != null) {
                return createToken(settings, (String) call.get("createToken"), (String) call.get("role"), out, err);
            }
            return serve(settings, out, err);
        } catch (SQLException | IOException e) {
            err.println("tessera serve: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } finally {
            out.flush();
            err.flush();
        }
    }

    /**
     * {@code --db} and {@code --artifacts} may also come from the framework properties {@code tessera.server.db} and
     * {@code tessera.server.artifacts} ({@code -D} on the launcher), so a host's scale-out wiring can live in its start
     * script or service unit instead of every command line.
     */
    private Map<String, Object> withProperties(Map<String, Object> call) {
        Map<String, Object> m = new java.util.HashMap<>(call);
        for (String k : List.of("db", "artifacts")) {
            String v = context.getProperty("tessera.server." + k);
            if (m.get(k) == null && v != null && !v.isBlank()) {
                m.put(k, v);
            }
        }
        return m;
    }

    private static int createToken(Settings s, String user, String role, PrintWriter out, PrintWriter err) throws SQLException {
        try (Db db = Db.open(s)) {
            String token = new TokenStore(db).create(user, Role.parse(role == null ? "designer" : role));
            new JobStore(db).audit("cli", "token.create", user, role);
            out.println(token);
            err.println("tessera serve: created a " + (role == null ? "designer" : role) + " token for " + user
                    + "; it is shown only now (the database keeps its hash)");
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("tessera serve: " + e.getMessage());
            return 2;
        }
    }

    private int serve(Settings s, PrintWriter out, PrintWriter err) throws SQLException, IOException, InterruptedException {
        Db db = Db.open(s);
        resources.add(db);
        boolean shared = db.dialect() == Db.Dialect.POSTGRESQL;
        JobStore jobs = new JobStore(db, hostName(), s.leaseMs());
        int interrupted = 0;
        if (!shared) {
            // one host owns the SQLite file, so whatever is unfinished was this host's; with a shared database the
            // other hosts' jobs are alive, and a dead host's jobs come back through their expired leases instead
            interrupted = jobs.markInterrupted();
        }
        if (interrupted > 0) {
            err.println("tessera serve: " + interrupted + " job(s) left unfinished by a previous run are marked interrupted");
        }
        ArtifactStore artifacts = new ArtifactStore(s.artifactDir(), s.artifacts() != null);
        Metrics metrics = new Metrics();
        JobRunner runner = new JobRunner(pipeline, jobs, artifacts, s.serverDir().resolve("work"), metrics, s.workers(),
                s.drainMs());
        resources.addFirst(runner);
        if (shared) {
            SharedQueue queue = new SharedQueue(jobs, runner, s.workers(), s.leaseMs(), s.drainMs(), err);
            runner.share(queue);
            // closed before the runner: the queue drains and gives back its claims, where the runner would cancel them
            resources.addFirst(queue);
            err.println("tessera serve: job queue shared in " + db.where() + " as host " + jobs.host() + " (lease " + s.leaseMs() / 1000.0
                    + " s); artifacts in " + artifacts.root() + (s.artifacts() == null
                            ? " (only this host's: give every host the same --artifacts folder so any host serves any job's files)" : ""));
        }
        ApiServlet api = new ApiServlet(s, new TokenStore(db), jobs, runner, artifacts, new BundleAdmin(context, s.data().resolve("hot"), trust),
                metrics, new QaApi(context, runner, jobs), new ProvenanceApi(context, runner, jobs, db));
        // POST /api/qa takes a source and a scan as multipart/form-data, each up to the upload limit
        register(api, "tessera-api", Map.of("osgi.http.whiteboard.servlet.multipart.enabled", Boolean.TRUE,
                "osgi.http.whiteboard.servlet.multipart.maxFileSize", s.maxUploadBytes(),
                "osgi.http.whiteboard.servlet.multipart.maxRequestSize", 2 * s.maxUploadBytes() + (1 << 16)), "/api/*");
        register(new StudioServlet(), "tessera-studio", Map.of(), "/", "/studio/*");
        Configuration http = configAdmin.getConfiguration(HTTP_PID, null);
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("org.apache.felix.http.enable", "true");
        props.put("org.apache.felix.http.host", s.host());
        props.put("org.osgi.service.http.port", Integer.toString(s.port()));
        http.update(props);
        String endpoint = awaitEndpoint(30_000);
        if (endpoint == null) {
            err.println("tessera serve: the HTTP server did not start on " + s.host() + ":" + s.port()
                    + " within 30 s (is the port in use?)");
            close();
            return 1;
        }
        jobs.audit("server", "serve.start", endpoint, "interrupted=" + interrupted);
        out.println("tessera serve: listening on " + endpoint + " (studio: " + endpoint + "studio/, API: " + endpoint
                + "api/openapi.json, data: " + s.data() + ")");
        out.flush();
        stopped.await();
        return 0;
    }

    /** This process among the hosts of a shared queue: the machine's name and the process id. */
    private static String hostName() {
        String name;
        try {
            name = java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            name = "host";
        }
        return name + "/" + ProcessHandle.current().pid();
    }

    private void register(Servlet servlet, String name, Map<String, Object> more, String... patterns) {
        Dictionary<String, Object> p = new Hashtable<>(more);
        p.put("osgi.http.whiteboard.servlet.pattern", patterns);
        p.put("osgi.http.whiteboard.servlet.name", name);
        ServiceRegistration<Servlet> reg = context.registerService(Servlet.class, servlet, p);
        resources.add(reg::unregister);
    }

    /** Waits until the whiteboard runtime publishes an endpoint and the API answers on it. */
    private String awaitEndpoint(long ms) throws InterruptedException {
        long deadline = System.currentTimeMillis() + ms;
        while (System.currentTimeMillis() < deadline) {
            for (String e : endpoints()) {
                if (answers(e + "api/health")) {
                    return e;
                }
            }
            Thread.sleep(50);
        }
        return null;
    }

    private List<String> endpoints() {
        List<String> out = new ArrayList<>();
        try {
            ServiceReference<?>[] refs = context.getServiceReferences((String) null,
                    "(&(objectClass=org.osgi.service.servlet.runtime.HttpServiceRuntime)(osgi.http.endpoint=*))");
            for (ServiceReference<?> r : refs == null ? new ServiceReference<?>[0] : refs) {
                Object v = r.getProperty("osgi.http.endpoint");
                if (v instanceof String[] a) {
                    out.addAll(List.of(a));
                } else if (v instanceof java.util.Collection<?> c) {
                    c.forEach(x -> out.add(x.toString()));
                } else if (v != null) {
                    out.add(v.toString());
                }
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        return out.stream().map(e -> e.endsWith("/") ? e : e + "/").filter(e -> !e.matches(".*:0/")).toList();
    }

    private static boolean answers(String url) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
            c.setConnectTimeout(1000);
            c.setReadTimeout(2000);
            int code = c.getResponseCode();
            c.disconnect();
            return code == 200;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    @Deactivate
    void close() {
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception e) {
                // closing on the way out: the next start checks the database and the store anyway
            }
        }
        resources.clear();
        stopped.countDown();
    }

}
