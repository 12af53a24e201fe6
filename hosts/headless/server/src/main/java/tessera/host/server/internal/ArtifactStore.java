package tessera.host.server.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Content-addressed artifact folder: {@code <root>/ab/abcdef…} named by the SHA-256 of the bytes.
 * A file is copied to a temporary name, forced to disk and moved into place atomically, so a reader
 * (or a restart after SIGKILL) sees either the whole file or none (#12).
 */
final class ArtifactStore {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    /** A temporary file this old in a shared folder belongs to no live write (a write takes milliseconds). */
    private static final long SHARED_LEFTOVER_MS = 3_600_000;
    private final Path root;

    ArtifactStore(Path root) throws IOException {
        this(root, false);
    }

    /** @param shared other live hosts write here too (#12 scale-out): only old leftovers are theirs to lose */
    ArtifactStore(Path root, boolean shared) throws IOException {
        this.root = Files.createDirectories(root);
        removeLeftovers(shared ? System.currentTimeMillis() - SHARED_LEFTOVER_MS : Long.MAX_VALUE);
    }

    Path root() {
        return root;
    }

    /** Stores a file's bytes; returns their SHA-256. Storing the same bytes twice keeps one copy. */
    String put(Path source) throws IOException {
        Path tmp = Files.createTempFile(root, ".incoming-", ".tmp");
        try {
            MessageDigest md = sha256();
            try (InputStream in = new DigestInputStream(Files.newInputStream(source), md);
                    var out = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
                byte[] buf = new byte[1 << 16];
                var bb = java.nio.ByteBuffer.wrap(buf);
                for (int n; (n = in.read(buf)) > 0;) {
                    bb.clear().limit(n);
                    while (bb.hasRemaining()) {
                        out.write(bb);
                    }
                }
                out.force(true);
            }
            String sha = HexFormat.of().formatHex(md.digest());
            Path target = path(sha);
            if (!Files.exists(target)) {
                Files.createDirectories(target.getParent());
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            return sha;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The file holding these bytes; the hash is checked so no caller can name a path outside the store. */
    Path path(String sha256) {
        if (!SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a SHA-256: " + sha256);
        }
        return root.resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    /** Temporary files, older than {@code before} (epoch ms), of writes a killed process never finished. */
    private void removeLeftovers(long before) throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(root, ".incoming-*")) {
            for (Path p : ds) {
                try {
                    if (Files.getLastModifiedTime(p).toMillis() < before) {
                        Files.deleteIfExists(p);
                    }
                } catch (java.nio.file.NoSuchFileException e) {
                    // its writer finished (moved it) meanwhile
                }
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
