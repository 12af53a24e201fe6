package tessera.api.generate;

/** A generator could not serve a request; the message is for the user. */
public class GenerationException extends Exception {
    private static final long serialVersionUID = 1L;

    public GenerationException(String message) {
        super(message);
    }

    public GenerationException(String message, Throwable cause) {
        super(message, cause);
    }
}
