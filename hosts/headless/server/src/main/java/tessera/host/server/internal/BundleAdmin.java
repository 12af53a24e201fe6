package tessera.host.server.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

import tessera.pipeline.trust.BundleTrust;
import tessera.pipeline.trust.TrustVerdict;

/**
 * Bundle management over HTTP, through the same hot folder the CLI and FileInstall use: a jar is placed
 * by an atomic move, so FileInstall never sees half a file; the answer comes once the framework has it.
 */
final class BundleAdmin {
    private static final long SETTLE_MS = 10_000;
    private final BundleContext context;
    private final Path hot;
    private final BundleTrust trust;

    BundleAdmin(BundleContext context, Path hot, BundleTrust trust) {
        this.context = context;
        this.hot = hot;
        this.trust = trust;
    }

    List<Map<String, Object>> list() {
        String prefix = hot.toAbsolutePath().normalize().toString();
        List<Map<String, Object>> out = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", b.getBundleId());
            m.put("name", b.getSymbolicName());
            m.put("version", b.getVersion().toString());
            m.put("state", state(b));
            m.put("origin", b.getLocation().contains(prefix) ? "hot" : b.getBundleId() == 0 ? "framework" : "core");
            List<String> plugins = new ArrayList<>();
            ServiceReference<?>[] refs = b.getRegisteredServices();
            if (refs != null) {
                for (ServiceReference<?> r : refs) {
                    Object id = r.getProperty("tessera.plugin.id");
                    if (id != null && !plugins.contains(id.toString())) {
                        plugins.add(id.toString());
                    }
                }
            }
            m.put("plugins", plugins);
            out.add(m);
        }
        return out;
    }

    /** Installs ({@code update} false) or replaces a hot-folder bundle with the uploaded jar. */
    Map<String, Object> place(Path jar, boolean update, String expectedName) throws IOException, InterruptedException {
        String[] id = identify(jar);
        if (expectedName != null && !expectedName.equals(id[0])) {
            throw new ApiError(400, "the uploaded jar is " + id[0] + ", not " + expectedName);
        }
        Optional<Path> existing = find(id[0]);
        if (!update && existing.isPresent()) {
            throw new ApiError(409, id[0] + " is already installed; update it with PUT /api/bundles/" + id[0]);
        }
        if (update && existing.isEmpty()) {
            throw new ApiError(404, id[0] + " is not a hot-folder plugin; install it with POST /api/bundles");
        }
        if (!update && bundle(id[0], id[1]) != null) {
            // another version beside a distribution bundle is allowed: side by side, the newest serves new jobs
            throw new ApiError(409, id[0] + " " + id[1] + " is already installed");
        }
        // #12: the same policy the framework's gate enforces, asked first so the caller gets the reason as a 403
        TrustVerdict verdict = trust.check(jar);
        if (!verdict.trusted() && trust.strict()) {
            throw new ApiError(403, verdict.reason());
        }
        Files.createDirectories(hot);
        Path target = existing.orElse(hot.resolve(id[0] + ".jar"));
        Path tmp = Files.createTempFile(hot, ".incoming-", ".tmp");
        try {
            Files.copy(jar, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        long deadline = System.currentTimeMillis() + SETTLE_MS;
        Bundle b = null;
        while (System.currentTimeMillis() < deadline) {
            b = bundle(id[0], id[1]);
            if (b != null && b.getState() == Bundle.ACTIVE) {
                break;
            }
            Thread.sleep(20);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", id[0]);
        m.put("version", id[1]);
        m.put("state", b == null ? "pending" : state(b));
        m.put("trust", verdict.trusted() ? verdict.reason() : "untrusted, loaded because strict mode is off: " + verdict.reason());
        return m;
    }

    Map<String, Object> remove(String name) throws IOException, InterruptedException {
        Optional<Path> file = find(name);
        if (file.isEmpty()) {
            throw new ApiError(isCore(name) ? 409 : 404, name + (isCore(name)
                    ? " is part of the engine distribution, not a hot-folder plugin; it cannot be removed"
                    : " is not installed"));
        }
        Files.delete(file.get());
        long deadline = System.currentTimeMillis() + SETTLE_MS;
        while (System.currentTimeMillis() < deadline && bundle(name, null) != null) {
            Thread.sleep(20);
        }
        return Map.of("name", name, "state", bundle(name, null) == null ? "uninstalled" : "pending");
    }

    private boolean isCore(String name) {
        Bundle b = bundle(name, null);
        return b != null && !b.getLocation().contains(hot.toAbsolutePath().normalize().toString());
    }

    private Bundle bundle(String name, String version) {
        for (Bundle b : context.getBundles()) {
            if (name.equals(b.getSymbolicName()) && (version == null || b.getVersion().toString().equals(
                    org.osgi.framework.Version.parseVersion(version).toString()))) {
                return b;
            }
        }
        return null;
    }

    private Optional<Path> find(String name) throws IOException {
        if (!Files.isDirectory(hot)) {
            return Optional.empty();
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(hot, "*.jar")) {
            for (Path p : ds) {
                try {
                    if (identify(p)[0].equals(name)) {
                        return Optional.of(p);
                    }
                } catch (ApiError e) {
                    // not a bundle: FileInstall reports it; it is not the one asked for
                }
            }
        }
        return Optional.empty();
    }

    /** Symbolic name and version of a bundle jar; 400 when it is not one. */
    static String[] identify(Path jar) throws IOException {
        try (InputStream in = Files.newInputStream(jar); JarInputStream j = new JarInputStream(in)) {
            Manifest m = j.getManifest();
            String bsn = m == null ? null : m.getMainAttributes().getValue("Bundle-SymbolicName");
            if (bsn == null) {
                throw new ApiError(400, "the upload is not an OSGi bundle (no jar manifest with a Bundle-SymbolicName)");
            }
            String v = m.getMainAttributes().getValue("Bundle-Version");
            return new String[] {bsn.split(";")[0].trim(), v == null ? "0.0.0" : v.trim()};
        } catch (java.util.zip.ZipException | SecurityException e) {
            throw new ApiError(400, "the upload is not a readable jar: " + e.getMessage());
        }
    }

    private static String state(Bundle b) {
        return switch (b.getState()) {
            case Bundle.ACTIVE -> "active";
            case Bundle.RESOLVED -> "resolved";
            case Bundle.STARTING -> "starting";
            case Bundle.STOPPING -> "stopping";
            case Bundle.UNINSTALLED -> "uninstalled";
            default -> "installed";
        };
    }
}
