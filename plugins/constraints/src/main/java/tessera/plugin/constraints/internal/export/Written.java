package tessera.plugin.constraints.internal.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writing files atomically, for every exporter (file descriptions come from {@code ExportedFile.describe}). */
public final class Written {
    private Written() {
    }

    /** Writes to a temporary file in the same folder, then moves it into place: complete or absent. */
    public static void atomically(Path file, byte[] content) throws IOException {
        atomically(file, StandardCharsets.UTF_8, null, content);
    }

    /** Streams text (e.g. a WIF of 100 MB) the same way: complete or absent. */
    public static void atomically(Path file, Charset charset, Text body) throws IOException {
        atomically(file, charset, body, null);
    }

    private static void atomically(Path file, Charset charset, Text body, byte[] bytes) throws IOException {
        // not createTempFile: its owner-only permissions would stick to the file users hand to the print room
        Path tmp = file.resolveSibling("." + file.getFileName() + "." + ProcessHandle.current().pid() + "."
                + Thread.currentThread().threadId() + ".tmp");
        try {
            if (bytes != null) {
                Files.write(tmp, bytes);
            } else {
                try (BufferedWriter w = Files.newBufferedWriter(tmp, charset)) {
                    body.write(w);
                }
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Writes a file's text. */
    @FunctionalInterface
    public interface Text {
        void write(BufferedWriter w) throws IOException;
    }
}
