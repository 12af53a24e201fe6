package tessera.plugin.constraints.internal.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writing text files atomically (file descriptions come from {@code ExportedFile.describe}). */
final class Written {
    private Written() {
    }

    /** Writes to a temporary file in the same folder, then moves it into place: complete or absent. */
    static void atomically(Path file, byte[] content) throws IOException {
        // not createTempFile: its owner-only permissions would stick to the file users hand to the print room
        Path tmp = file.resolveSibling("." + file.getFileName() + "." + ProcessHandle.current().pid() + "."
                + Thread.currentThread().threadId() + ".tmp");
        try {
            Files.write(tmp, content);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
