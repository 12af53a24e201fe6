package tessera.imaging.io.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;

/**
 * Writes a file under a temporary name in the same folder and moves it into place, so a reader (a RIP
 * watching a hot folder, the job store) never sees half a file and a failed write leaves the old one.
 */
public final class AtomicWrite {
    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicWrite() {
    }

    /** What fills the temporary file as a stream. */
    @FunctionalInterface
    public interface Body {
        void write(OutputStream out) throws IOException;
    }

    /** What fills the temporary file through a channel it may seek in (TIFF patches its directory offset). */
    @FunctionalInterface
    public interface SeekableBody {
        void write(FileChannel channel) throws IOException;
    }

    public static void write(Path file, Body body) throws IOException {
        writeSeekable(file, ch -> {
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
            body.write(out);
            out.flush(); // not close: the channel belongs to writeSeekable
        });
    }

    public static void writeSeekable(Path file, SeekableBody body) throws IOException {
        Path target = file.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path tmp = temporarySibling(target);
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                body.write(ch);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * A hidden, unique name next to the target. Not {@code Files.createTempFile}: that makes the file
     * owner-only (0600), and the moved print would then be unreadable to a RIP running as another user;
     * a plain create honours the umask like any other file the job writes.
     */
    private static Path temporarySibling(Path target) {
        return target.resolveSibling("." + target.getFileName() + "." + Long.toHexString(RANDOM.nextLong()) + ".part");
    }
}
