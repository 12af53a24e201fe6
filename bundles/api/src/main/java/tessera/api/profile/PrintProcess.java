package tessera.api.profile;

import java.util.Arrays;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import tessera.api.InvalidValueException;

/** The kind of production line a profile describes. */
public enum PrintProcess {
    ROTARY_SCREEN("rotary-screen"),
    FLATBED_SCREEN("flatbed-screen"),
    DIGITAL_INKJET("digital-inkjet"),
    JACQUARD("jacquard"),
    DYE_SUBLIMATION("dye-sublimation");

    private final String id;

    PrintProcess(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static PrintProcess of(String text) {
        for (PrintProcess p : values()) {
            if (p.id.equalsIgnoreCase(text) || p.name().equalsIgnoreCase(text)) {
                return p;
            }
        }
        throw new InvalidValueException("process", "'" + text + "' is not a process; use one of "
                + Arrays.stream(values()).map(PrintProcess::id).collect(Collectors.joining(", ")));
    }
}
