package tessera.compute;

/** A compute operation failed: wrong shapes, a freed tensor, mixed devices or a device error. */
public class ComputeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ComputeException(String message) {
        super(message);
    }

    public ComputeException(String message, Throwable cause) {
        super(message, cause);
    }
}
