package tessera.api.json;

/** A JSON document could not be read as the record it should be; the message names the field. */
public class InvalidJsonException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String field;

    public InvalidJsonException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** @return dotted path of the offending field, or empty for the whole document */
    public String field() {
        return field;
    }
}
