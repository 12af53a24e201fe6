package tessera.plugin.provenance.internal.scan;

/** A file the scan records with a reason instead of metadata: malformed, encrypted, hostile or over a limit. */
public final class UnreadableFileException extends Exception {
    private static final long serialVersionUID = 1L;

    public UnreadableFileException(String reason) {
        super(reason);
    }

    public UnreadableFileException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
