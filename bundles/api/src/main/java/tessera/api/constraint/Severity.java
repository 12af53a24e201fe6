package tessera.api.constraint;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How bad a finding is: an error blocks production, a warning does not. */
public enum Severity {
    INFO, WARNING, ERROR;

    @JsonValue
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Severity of(String s) {
        return valueOf(s.toUpperCase(java.util.Locale.ROOT));
    }
}
