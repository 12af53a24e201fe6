package tessera.host.headless.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.osgi.framework.Bundle;
import org.osgi.framework.Version;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import tessera.api.json.TesseraJson;
import tessera.pipeline.trust.TrustVerdict;

/** {@code tessera bundles}: list, install, update and uninstall plugin bundles while the engine runs. */
@Command(name = "bundles", mixinStandardHelpOptions = true,
        description = {"List, install, update and uninstall plugin bundles.",
            "Plugins live in the hot folder (<data>/hot); a running host picks changes up within a second."})
final class BundlesCommand {
    private static final long SETTLE_MS = 10_000;
    private static final long ACTIVE_MS = 3_000;
    private final Engine engine;

    @ParentCommand
    TesseraCommand parent;

    BundlesCommand(Engine engine) {
        this.engine = engine;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Installed bundles with state, origin and problems.")
    int list(@Option(names = "--json", description = "JSON output.") boolean json) {
        PrintWriter out = out();
        List<BundleInfo> infos = new BundleStates(engine).list();
        if (json) {
            out.println(TesseraJson.write(infos));
            return ExitCode.OK;
        }
        out.printf("%4s  %-8s %-11s %-44s %s%n", "ID", "ORIGIN", "STATE", "BUNDLE", "VERSION");
        for (BundleInfo b : infos) {
            out.printf("%4d  %-8s %-11s %-44s %s%s%n", b.id(), b.origin(), b.state(), b.name(), b.version(),
                    b.plugins().isEmpty() ? "" : "  plugins: " + String.join(", ", b.plugins()));
            for (String p : b.problems()) {
                out.println("        ! " + p);
            }
        }
        // strict mode uninstalls refused bundles, so they are not in the table: say which and why (#12)
        for (TrustVerdict v : engine.trust().strict() ? engine.trust().recent() : List.<TrustVerdict>of()) {
            out.println("refused: " + v.reason());
        }
        return ExitCode.OK;
    }

    @Command(name = "install", mixinStandardHelpOptions = true, description = "Install a plugin bundle into the hot folder.")
    int install(@Parameters(paramLabel = "JAR") Path jar) throws IOException, InterruptedException {
        HotFolder hot = new HotFolder(engine.hotFolder());
        HotFolder.JarIdentity id = HotFolder.identify(jar);
        Optional<Path> existing = hot.find(id.symbolicName());
        if (existing.isPresent()) {
            err().println("tessera bundles install: " + id.symbolicName() + " is already installed (" + existing.get()
                    + "); use 'tessera bundles update " + jar + "'");
            return ExitCode.USAGE;
        }
        if (!trusted(jar, "install")) {
            return ExitCode.FAILED;
        }
        Path placed = hot.place(jar, hot.defaultName(id));
        return report("installed", id, placed);
    }

    @Command(name = "update", mixinStandardHelpOptions = true,
            description = "Replace an installed plugin with a new version of the same bundle; jobs running finish on the old one.")
    int update(@Parameters(paramLabel = "JAR") Path jar) throws IOException, InterruptedException {
        HotFolder hot = new HotFolder(engine.hotFolder());
        HotFolder.JarIdentity id = HotFolder.identify(jar);
        Optional<Path> existing = hot.find(id.symbolicName());
        if (existing.isEmpty()) {
            err().println("tessera bundles update: " + id.symbolicName() + " is not in the hot folder " + hot.dir()
                    + "; use 'tessera bundles install " + jar + "'");
            return ExitCode.USAGE;
        }
        if (!trusted(jar, "update")) {
            return ExitCode.FAILED;
        }
        Path placed = hot.place(jar, existing.get());
        return report("updated", id, placed);
    }

    @Command(name = "uninstall", mixinStandardHelpOptions = true, description = "Remove a plugin from the hot folder.")
    int uninstall(@Parameters(paramLabel = "NAME", description = "Bundle symbolic name or id.") String name)
            throws IOException, InterruptedException {
        Bundle bundle = Arrays.stream(engine.context().getBundles())
                .filter(b -> b.getSymbolicName() != null && (b.getSymbolicName().equals(name) || Long.toString(b.getBundleId()).equals(name)))
                .findFirst().orElse(null);
        String bsn = bundle != null ? bundle.getSymbolicName() : name;
        Optional<Path> file = new HotFolder(engine.hotFolder()).find(bsn);
        if (file.isEmpty()) {
            err().println("tessera bundles uninstall: " + name + (bundle == null ? " is not installed"
                    : " is part of the engine distribution, not a hot-folder plugin; it cannot be uninstalled"));
            return ExitCode.USAGE;
        }
        Files.delete(file.get());
        long deadline = System.currentTimeMillis() + SETTLE_MS;
        while (System.currentTimeMillis() < deadline && find(bsn, null).isPresent()) {
            Thread.sleep(20);
        }
        out().println("uninstalled " + bsn + " (removed " + file.get() + ")");
        return ExitCode.OK;
    }

    /**
     * Asks the trust policy before placing the jar, so the user reads the reason here; the framework's gate
     * would refuse it anyway, in this process and in every host watching the folder (#12).
     */
    private boolean trusted(Path jar, String verb) {
        TrustVerdict v = engine.trust().check(jar);
        if (v.trusted()) {
            return true;
        }
        if (engine.trust().strict()) {
            err().println("tessera bundles " + verb + ": refused: " + v.reason());
            return false;
        }
        err().println("tessera bundles " + verb + ": warning: " + v.reason() + " (loading it: strict mode is off)");
        return true;
    }

    /** Waits until this framework runs the new version, then says what state it is in. */
    private int report(String verb, HotFolder.JarIdentity id, Path placed) throws InterruptedException {
        Version want = Version.parseVersion(id.version());
        Optional<Bundle> b = awaitState(id.symbolicName(), want, SETTLE_MS, -1);
        if (b.isPresent() && b.get().getState() != Bundle.ACTIVE) {
            // installed but not active yet: give FileInstall's start a moment before reporting why not
            b = awaitState(id.symbolicName(), want, ACTIVE_MS, Bundle.ACTIVE);
        }
        if (b.isEmpty()) {
            out().println(verb + " " + id.symbolicName() + " " + id.version() + " into " + placed
                    + " (not picked up by this process yet; a running host picks it up within a second)");
            return ExitCode.OK;
        }
        BundleInfo info = awaitComponents(b.get());
        out().println(verb + " " + info.name() + " " + info.version() + ": " + info.state()
                + (info.plugins().isEmpty() ? "" : ", plugins " + String.join(", ", info.plugins())));
        info.problems().forEach(p -> out().println("  ! " + p));
        return info.problems().isEmpty() ? ExitCode.OK : ExitCode.FAILED;
    }

    /** SCR registers a bundle's services shortly after it starts; report once they are there or have failed. */
    private BundleInfo awaitComponents(Bundle b) throws InterruptedException {
        BundleStates states = new BundleStates(engine);
        BundleInfo info = states.info(b);
        boolean declaresComponents = b.getHeaders().get("Service-Component") != null;
        long deadline = System.currentTimeMillis() + ACTIVE_MS;
        while (declaresComponents && b.getState() == Bundle.ACTIVE && info.plugins().isEmpty() && info.problems().isEmpty()
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
            info = states.info(b);
        }
        return info;
    }

    /** Waits until the bundle exists (and, if {@code state} ≥ 0, reaches it); returns it as last seen. */
    private Optional<Bundle> awaitState(String bsn, Version version, long ms, int state) throws InterruptedException {
        long deadline = System.currentTimeMillis() + ms;
        Optional<Bundle> b = find(bsn, version);
        while (System.currentTimeMillis() < deadline && (b.isEmpty() || state >= 0 && b.get().getState() != state)) {
            Thread.sleep(20);
            b = find(bsn, version);
        }
        return b;
    }

    private Optional<Bundle> find(String bsn, Version version) {
        return Arrays.stream(engine.context().getBundles())
                .filter(b -> bsn.equals(b.getSymbolicName()) && (version == null || b.getVersion().equals(version)))
                .findFirst();
    }

    private PrintWriter out() {
        return parent.spec.commandLine().getOut();
    }

    private PrintWriter err() {
        return parent.spec.commandLine().getErr();
    }
}
