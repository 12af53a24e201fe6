package tessera.host.server.internal;

/** A request the server refuses: the HTTP status and a sentence that says what to do. */
final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;

    ApiError(int status, String message) {
        super(message);
        this.status = status;
    }
}
