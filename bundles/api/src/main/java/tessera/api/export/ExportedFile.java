package tessera.api.export;

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
}
