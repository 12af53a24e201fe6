package tessera.api.export;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A file an exporter wrote.
 *
 * @param path        path relative to the job's output folder, with '/' separators
 * @param role        what it is for: {@code tile}, {@code print}, {@code preview}, {@code separation}, {@code wif}, {@code record}
 * @param mediaType   e.g. {@code image/tiff}
 * @param bytes       size
 * @param sha256      hex digest of the content
 */
public record ExportedFile(String path, String role, String mediaType, long bytes, String sha256) {

    /**
     * Describes a written file the way every exporter and the pipeline record it, digest included.
     *
     * @param root the job's output folder
     * @param file the file, inside {@code root}
     * @since 1.1
     */
    public static ExportedFile describe(Path root, Path file, String role, String mediaType) throws IOException {
        return new ExportedFile(root.relativize(file).toString().replace('\\', '/'), role, mediaType, Files.size(file),
                sha256(file));
    }

    /** @return the SHA-256 of a file's content, lower-case hex; @since 1.1 */
    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0;) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
