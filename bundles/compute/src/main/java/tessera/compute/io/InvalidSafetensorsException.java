package tessera.compute.io;

import java.io.IOException;

/** A file that is not valid safetensors, or holds something Tessera cannot read; the message says what. */
public class InvalidSafetensorsException extends IOException {
    private static final long serialVersionUID = 1L;

    public InvalidSafetensorsException(String message) {
        super(message);
    }
}
