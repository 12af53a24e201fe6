package tessera.host.launcher;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.wiring.BundleRevision;

/**
 * The engine running in an embedded Apache Felix: the distribution's bundles by start level
 * ({@code bundles/1} infrastructure … {@code bundles/5} FileInstall), plus whatever the data folder's
 * {@code hot/} holds. Used by {@link Main} and by the integration tests, so tests run the real host.
 */
public final class TesseraRuntime implements AutoCloseable {
    private static final long CLI_WAIT_MS = 20_000;
    private static final long HOT_SETTLE_MS = 10_000;
    private final Framework framework;
    private final Path storage;
    private final Path data;
    private final Map<String, Long> startup = new LinkedHashMap<>();
    private final Set<String> hotInstalls = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.AtomicBoolean closing = new java.util.concurrent.atomic.AtomicBoolean();

    private TesseraRuntime(Framework framework, Path storage, Path data) {
        this.framework = framework;
        this.storage = storage;
        this.data = data;
    }

    /**
     * Starts the framework and waits until the CLI service is up and the hot folder's bundles are installed.
     *
     * @param distribution folder holding {@code bundles/<level>/*.jar}
     * @param data         data folder; {@code hot/} inside it is watched
     */
    public static TesseraRuntime start(Path distribution, Path data) throws IOException, BundleException, InterruptedException {
        long t0 = System.nanoTime();
        Path bundles = distribution.resolve("bundles");
        if (!Files.isDirectory(bundles)) {
            throw new IOException("no engine bundles in " + bundles + "; build Tessera first (./mvnw -DskipTests package)");
        }
        Path hot = Files.createDirectories(data.resolve("hot"));
        // a fresh framework cache per process: one-shot CLI calls never share or corrupt a cache
        Path storage = Files.createTempDirectory("tessera-felix-");
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put(Constants.FRAMEWORK_BEGINNING_STARTLEVEL, "5");
        config.put("felix.startlevel.bundle", "4"); // plugins dropped into hot/ start with the other plugins
        config.put("felix.fileinstall.dir", hot.toAbsolutePath().toString());
        config.put("felix.fileinstall.poll", "50"); // #2: a new version serves within 1 s of the file landing
        config.put("felix.fileinstall.noInitialDelay", "true");
        config.put("felix.fileinstall.bundles.new.start", "true");
        config.put("felix.fileinstall.log.level", "1");
        config.put("felix.fileinstall.filter", ".*\\.(jar|cfg|config)");
        config.put("ds.loglevel", "error");
        // #12: Felix HTTP stays off (no port bound) until 'tessera serve' turns it on through Config Admin
        config.put("org.apache.felix.http.enable", "false");
        config.put("org.apache.felix.http.host", "127.0.0.1");
        // Jetty logs through slf4j-simple, which reads system properties: warnings only, on stderr
        System.getProperties().putIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            // #4: the compute bundle's fast GEMM imports the Vector API; without the module it runs pure Java
            config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, "jdk.incubator.vector");
        }
        config.put("felix.log.level", "1");
        // #12 trust policy (tessera.pipeline.trust): the distribution's own bundles are trusted by the list its
        // build wrote; the administrator's allow-list and signer trust store default to the data folder
        config.put("tessera.trust.distribution", bundles.resolve("trusted.sha256").toAbsolutePath().toString());
        trustDefault(config, "tessera.trust.allowlist", data.resolve("trust").resolve("allowed.sha256"));
        trustDefault(config, "tessera.trust.store", data.resolve("trust").resolve("signers.p12"));
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class, TesseraRuntime.class.getClassLoader())
                .findFirst().orElseThrow(() -> new IllegalStateException("Apache Felix is not on the launcher's class path (lib/)"));
        Framework fw = factory.newFramework(config);
        fw.init();
        TesseraRuntime rt = new TesseraRuntime(fw, storage, data);
        String hotPrefix = hot.toAbsolutePath().normalize().toString();
        // #12: a jar the trust policy refuses is uninstalled again, so count installs as they happen, not bundles present
        fw.getBundleContext().addBundleListener(e -> {
            if (e.getType() == BundleEvent.INSTALLED && e.getBundle().getLocation().contains(hotPrefix)) {
                rt.hotInstalls.add(e.getBundle().getLocation());
            }
        });
        rt.mark("framework", t0);
        rt.installDistribution(bundles);
        rt.mark("bundles installed", t0);
        fw.start();
        rt.awaitCli();
        rt.mark("cli ready", t0);
        rt.awaitHotFolder(hot);
        rt.mark("hot folder settled", t0);
        return rt;
    }

    /** A system property of the same name wins: Felix falls back to system properties only for unset keys. */
    private static void trustDefault(Map<String, String> config, String key, Path value) {
        if (System.getProperty(key) == null) {
            config.put(key, value.toAbsolutePath().toString());
        }
    }

    private void installDistribution(Path bundles) throws IOException, BundleException {
        BundleContext ctx = framework.getBundleContext();
        List<Bundle> toStart = new ArrayList<>();
        try (Stream<Path> levels = Files.list(bundles)) {
            for (Path level : levels.filter(Files::isDirectory).sorted().toList()) {
                int startLevel = Integer.parseInt(level.getFileName().toString());
                try (DirectoryStream<Path> jars = Files.newDirectoryStream(level, "*.jar")) {
                    List<Path> sorted = new ArrayList<>();
                    jars.forEach(sorted::add);
                    sorted.sort(Comparator.naturalOrder());
                    for (Path jar : sorted) {
                        Bundle b = ctx.installBundle(jar.toUri().toString());
                        b.adapt(BundleStartLevel.class).setStartLevel(startLevel);
                        toStart.add(b);
                    }
                }
            }
        }
        for (Bundle b : toStart) {
            if ((b.adapt(BundleRevision.class).getTypes() & BundleRevision.TYPE_FRAGMENT) == 0) {
                b.start(); // persistent start; the start level decides when it actually starts
            }
        }
    }

    private void awaitCli() throws InterruptedException {
        long deadline = System.currentTimeMillis() + CLI_WAIT_MS;
        while (cli() == null) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("the tessera command did not come up within " + CLI_WAIT_MS / 1000
                        + " s; bundle states: " + states());
            }
            Thread.sleep(10);
        }
    }

    /** Waits until FileInstall has installed every jar already in hot/ and none is still starting. */
    private void awaitHotFolder(Path hot) throws IOException, InterruptedException {
        long jars;
        try (Stream<Path> s = Files.list(hot)) {
            jars = s.filter(p -> p.getFileName().toString().endsWith(".jar")).count();
        }
        String prefix = hot.toAbsolutePath().normalize().toString();
        long deadline = System.currentTimeMillis() + HOT_SETTLE_MS;
        while (System.currentTimeMillis() < deadline) {
            boolean starting = false;
            for (Bundle b : framework.getBundleContext().getBundles()) {
                if (b.getLocation().contains(prefix)) {
                    starting |= b.getState() == Bundle.STARTING;
                }
            }
            if (hotInstalls.size() >= jars && !starting) {
                return;
            }
            Thread.sleep(10);
        }
    }

    @SuppressWarnings("unchecked")
    private Function<Map<String, Object>, Integer> cli() {
        try {
            ServiceReference<?>[] refs = framework.getBundleContext().getServiceReferences(Function.class.getName(), "(tessera.cli=1)");
            if (refs == null || refs.length == 0) {
                return null;
            }
            return (Function<Map<String, Object>, Integer>) framework.getBundleContext().getService(refs[0]);
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs one {@code tessera} command in this engine; thread-safe, so tests and servers can run many at once.
     *
     * @return the exit code
     */
    public int run(String[] args, PrintWriter out, PrintWriter err) {
        Function<Map<String, Object>, Integer> cli = cli();
        if (cli == null) {
            err.println("tessera: the command bundle is not active; bundle states: " + states());
            err.flush();
            return 1;
        }
        Map<String, Object> call = new HashMap<>();
        call.put("args", args);
        call.put("out", out);
        call.put("err", err);
        call.put("data", data.toString());
        return cli.apply(call);
    }

    public Framework framework() {
        return framework;
    }

    /** Milliseconds from JVM start to each start-up step, for {@code --verbose}. */
    public Map<String, Long> startup() {
        return Map.copyOf(startup);
    }

    private void mark(String step, long t0) {
        startup.put(step, (System.nanoTime() - t0) / 1_000_000);
    }

    String states() {
        StringBuilder sb = new StringBuilder();
        for (Bundle b : framework.getBundleContext().getBundles()) {
            sb.append(b.getSymbolicName()).append('=').append(b.getState()).append(' ');
        }
        return sb.toString().trim();
    }

    /** Closes once: the JVM's shutdown hook (SIGTERM) and the normal end of a command may both ask. */
    @Override
    public void close() throws InterruptedException {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        try {
            framework.stop();
            framework.waitForStop(30_000);
        } catch (BundleException e) {
            // stopping a framework that failed to start: nothing left to stop
        } finally {
            deleteTree(storage.toFile());
        }
    }

    private static void deleteTree(File f) {
        File[] kids = f.listFiles();
        if (kids != null) {
            for (File k : kids) {
                deleteTree(k);
            }
        }
        f.delete();
    }
}
