package tessera.api;

/**
 * A value that a user or a file gave is out of its allowed range. The message names the field, the
 * value and what is allowed, so it can be shown to the user as it is (#2: errors say what to do).
 */
public final class InvalidValueException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String field;

    public InvalidValueException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    /** @return the dotted path of the offending field, e.g. {@code tileWidthPx} */
    public String field() {
        return field;
    }
}
