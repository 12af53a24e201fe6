package tessera.host.headless.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;

/**
 * The watched hot-deploy folder. Every change is an atomic file move, so FileInstall never sees a
 * half-written jar and a running host picks the change up within its poll interval.
 */
final class HotFolder {
    private final Path dir;

    HotFolder(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    /** Symbolic name and version of a bundle jar. */
    record JarIdentity(String symbolicName, String version) {
    }

    static JarIdentity identify(Path jar) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IOException(jar + " does not exist or is not a file");
        }
        try (InputStream in = Files.newInputStream(jar); JarInputStream j = new JarInputStream(in)) {
            Manifest m = j.getManifest();
            String bsn = m == null ? null : m.getMainAttributes().getValue("Bundle-SymbolicName");
            if (bsn == null) {
                throw new IOException(jar + " is not an OSGi bundle (its manifest has no Bundle-SymbolicName); "
                        + "build plugins with bnd as the README describes");
            }
            String v = m.getMainAttributes().getValue("Bundle-Version");
            return new JarIdentity(bsn.split(";")[0].trim(), v == null ? "0.0.0" : v.trim());
        } catch (SecurityException | IllegalArgumentException e) {
            throw new IOException(jar + " is not a readable jar: " + e.getMessage(), e);
        }
    }

    /** The hot-folder jar holding the bundle with this symbolic name. */
    Optional<Path> find(String symbolicName) throws IOException {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.jar")) {
            for (Path p : ds) {
                try {
                    if (identify(p).symbolicName().equals(symbolicName)) {
                        return Optional.of(p);
                    }
                } catch (IOException e) {
                    // not a bundle: FileInstall reports it; it cannot be the one we look for
                }
            }
        }
        return Optional.empty();
    }

    /** Copies a jar in under {@code target}'s name, atomically replacing what was there. */
    Path place(Path jar, Path target) throws IOException {
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".incoming-", ".tmp");
        try {
            Files.copy(jar, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return target;
    }

    Path defaultName(JarIdentity id) {
        return dir.resolve(id.symbolicName() + ".jar");
    }
}
