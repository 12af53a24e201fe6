package tessera.compute.io;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipFile;

/**
 * A model bundle on disk: a jar with no code, only weights, a model card and whatever the model kind adds, whose
 * manifest makes it an OSGi bundle that a model plugin's extender serves. Every model plugin writes and reads its
 * bundles through this class, so they are laid out and replaced the same way: the jar is written beside its target
 * and moved into place in one step, so a hot folder never sees half a jar.
 *
 * @since 1.1
 */
public final class ModelJar {
    private ModelJar() {
    }

    /** Opens one entry of a model (bundle, folder or jar) by path; null when it has no such entry. */
    @FunctionalInterface
    public interface Entries {
        InputStream open(String path) throws IOException;
    }

    /** Reads a model through its entries while they are open. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(Entries entries) throws IOException;
    }

    /**
     * @param symbolicName {@code Bundle-SymbolicName}, e.g. {@code tessera.model.gan-motif}
     * @param version      {@code Bundle-Version}
     * @param name         {@code Bundle-Name}
     * @param licence      SPDX id of the weights, as {@code Bundle-License}
     * @param headers      further manifest headers: the kind's model header naming the card, the extender requirement
     * @param entries      path → bytes, in the order they are written
     * @return the target, now holding the jar
     */
    public static Path write(Path target, String symbolicName, String version, String name, String licence,
            Map<String, String> headers, Map<String, byte[]> entries) throws IOException {
        Manifest mf = new Manifest();
        Attributes a = mf.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", symbolicName);
        a.putValue("Bundle-Version", version);
        a.putValue("Bundle-Name", name);
        a.putValue("Bundle-License", licence);
        headers.forEach(a::putValue);
        Path abs = target.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        Path tmp = abs.resolveSibling("." + abs.getFileName() + ".part");
        try (OutputStream os = Files.newOutputStream(tmp); JarOutputStream jar = new JarOutputStream(os, mf)) {
            for (var e : entries.entrySet()) {
                jar.putNextEntry(new JarEntry(e.getKey()));
                jar.write(e.getValue());
                jar.closeEntry();
            }
        }
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return abs;
    }

    /** Reads a model from a folder (resources as the plugin carries them) or a model jar on disk. */
    public static <T> T read(Path model, Reader<T> reader) throws IOException {
        if (Files.isDirectory(model)) {
            return reader.read(p -> Files.exists(model.resolve(p)) ? Files.newInputStream(model.resolve(p)) : null);
        }
        try (ZipFile zip = new ZipFile(model.toFile())) {
            return reader.read(p -> {
                var e = zip.getEntry(p);
                return e == null ? null : new ByteArrayInputStream(zip.getInputStream(e).readAllBytes());
            });
        }
    }

    /** Copies one entry to a temporary file (safetensors reads files), failing with the model's name when absent. */
    public static Path extract(Entries entries, String path, String model) throws IOException {
        Path tmp = Files.createTempFile("tessera-model", ".safetensors");
        try (InputStream in = entries.open(path)) {
            if (in == null) {
                throw new IOException("model " + model + " lists " + path + " but its bundle has no such file");
            }
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            return tmp;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    /** Lower-case hex SHA-256, as model cards record weight files. */
    public static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
