package tessera.plugin.provenance.internal.manifest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import tessera.api.json.InvalidJsonException;
import tessera.api.json.TesseraJson;

/** Writing and reading manifests: atomic writes (a half-written manifest would break lineage), digests of the bytes. */
public final class ManifestFiles {
    private ManifestFiles() {
    }

    /** @return the SHA-256 of exactly the bytes written */
    public static String write(Path file, Object json) throws IOException {
        byte[] bytes = TesseraJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(json);
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            Files.write(tmp, bytes);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return sha256(bytes);
    }

    public static Manifest read(Path file) throws IOException, InvalidJsonException {
        Manifest m = TesseraJson.read(file, Manifest.class);
        if (!Manifest.SCHEMA.equals(m.schema())) {
            throw new InvalidJsonException("schema", "'" + m.schema() + "' is not a Tessera training manifest (" + Manifest.SCHEMA + ")");
        }
        return m;
    }

    /** {@code manifest.json} → {@code manifest.spdx.jsonld} beside it */
    public static Path sibling(Path manifest, String suffix) {
        String name = manifest.getFileName().toString();
        String stem = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
        return manifest.resolveSibling(stem + suffix);
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JRE has SHA-256", e);
        }
    }

    public static String sha256(Path file) throws IOException {
        try (var in = Files.newInputStream(file)) {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[65536];
            for (int n; (n = in.read(buf)) > 0;) {
                d.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JRE has SHA-256", e);
        }
    }
}
