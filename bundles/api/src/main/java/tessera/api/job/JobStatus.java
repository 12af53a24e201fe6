package tessera.api.job;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Life cycle of a design job. */
public enum JobStatus {
    QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED, INTERRUPTED;

    @JsonValue
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static JobStatus of(String s) {
        return valueOf(s.toUpperCase(java.util.Locale.ROOT));
    }

    public boolean finished() {
        return this != QUEUED && this != RUNNING;
    }
}
