package tessera.host.headless.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code tessera serve} (#12): hands over to the server bundle ({@code tessera.host.server}), which
 * registers a {@code Function} with {@code tessera.serve=1}; only {@code java.*} values cross, so this
 * bundle has no compile-time tie to the server.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Serve the HTTP API and the web studio until stopped; or create an API token.",
            "Example: tessera serve --port 8080   then open http://127.0.0.1:8080/studio/",
            "         tessera serve --create-token alice --role designer",
            "Scale-out: tessera serve --db postgresql://db:5432/tessera?user=tessera --artifacts /shared/artifacts",
            "         on every host; they share one job queue and one artifact folder."})
final class ServeCommand implements Callable<Integer> {
    private static final long WAIT_MS = 10_000;
    private final Engine engine;

    @ParentCommand
    TesseraCommand parent;

    @Option(names = "--host", description = "Address to bind (default 127.0.0.1; 0.0.0.0 for every interface).")
    String host;
    @Option(names = "--port", description = "TCP port (default 8080; 0 picks a free one and prints it).")
    Integer port;
    @Option(names = "--workers", description = "Jobs run at once (default: the number of cores).")
    Integer workers;
    @Option(names = "--rate", description = "Requests a second allowed per user (default 20).")
    Double rate;
    @Option(names = "--burst", description = "Requests a user may send at once before --rate applies (default 40).")
    Double burst;
    @Option(names = "--max-tile-px", description = "Largest tile side a job may ask for (default 2048).")
    Integer maxTilePx;
    @Option(names = "--db", paramLabel = "URL", description = {"PostgreSQL database shared by several hosts, "
        + "postgresql://HOST:PORT/DATABASE?user=USER&password=PASSWORD (default: SQLite in <data>/server/tessera.db, one host).",
        "Also the framework property tessera.server.db."})
    String db;
    @Option(names = "--artifacts", paramLabel = "DIR", description = {"Artifact folder; hosts sharing --db must share it "
        + "(default <data>/server/artifacts).", "Also the framework property tessera.server.artifacts."})
    String artifacts;
    @Option(names = "--lease", paramLabel = "SECONDS", description = "With --db: how long a job stays with a host that stopped "
        + "renewing its claim before another host runs it again (default 30).")
    Double lease;
    @Option(names = "--drain", paramLabel = "SECONDS", description = "With --db: when this host is stopped (SIGTERM), how long its "
        + "running jobs may go on before it gives them back to the queue for other hosts (default 10, at most 20; 0 gives them back at once).")
    Double drain;
    @Option(names = "--create-token", paramLabel = "USER", description = "Create an API token for USER, print it and exit.")
    String createToken;
    @Option(names = "--role", description = "Role of a new user: designer, operator, compliance or admin (default designer).")
    String role;

    ServeCommand(Engine engine) {
        this.engine = engine;
    }

    @Override
    public Integer call() throws InterruptedException {
        Function<Map<String, Object>, Integer> server = server();
        if (server == null) {
            parent.spec.commandLine().getErr().println("tessera serve: the server bundle tessera.host.server is not active; "
                    + "check 'tessera bundles list'");
            return ExitCode.FAILED;
        }
        Map<String, Object> call = new HashMap<>();
        call.put("out", parent.spec.commandLine().getOut());
        call.put("err", parent.spec.commandLine().getErr());
        call.put("data", engine.data().toString());
        put(call, "host", host);
        put(call, "port", port);
        put(call, "workers", workers);
        put(call, "rate", rate);
        put(call, "burst", burst);
        put(call, "maxTilePx", maxTilePx);
        put(call, "db", db);
        put(call, "artifacts", artifacts);
        put(call, "leaseSeconds", lease);
        put(call, "drainSeconds", drain);
        put(call, "createToken", createToken);
        put(call, "role", role);
        return server.apply(call);
    }

    private static void put(Map<String, Object> m, String k, Object v) {
        if (v != null) {
            m.put(k, v);
        }
    }

    @SuppressWarnings("unchecked")
    private Function<Map<String, Object>, Integer> server() throws InterruptedException {
        long deadline = System.currentTimeMillis() + WAIT_MS;
        do {
            try {
                ServiceReference<?>[] refs = engine.context().getServiceReferences(Function.class.getName(), "(tessera.serve=1)");
                if (refs != null && refs.length > 0) {
                    return (Function<Map<String, Object>, Integer>) engine.context().getService(refs[0]);
                }
            } catch (InvalidSyntaxException e) {
                throw new IllegalStateException(e);
            }
            Thread.sleep(20);
        } while (System.currentTimeMillis() < deadline);
        return null;
    }
}
