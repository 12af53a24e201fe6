package tessera.api.profile;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import tessera.api.Check;
import tessera.api.repeat.RepeatType;

/**
 * Repeat sizes and types a line can produce.
 *
 * @param maxWidthCm   widest repeat in cm (e.g. the printing width), 0.5..1000
 * @param maxHeightCm  tallest repeat in cm, 0.5..1000
 * @param heightDivides when set, the repeat height must divide this length evenly (a rotary screen's
 *                     circumference, e.g. 64, 82 or 91.4 cm)
 * @param types        allowed repeat types; empty allows all
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RepeatLimits(double maxWidthCm, double maxHeightCm, Double heightDivides, List<RepeatType> types) {
    public RepeatLimits {
        Check.range("repeat.maxWidthCm", maxWidthCm, 0.5, 1000);
        Check.range("repeat.maxHeightCm", maxHeightCm, 0.5, 1000);
        Check.rangeOrNull("repeat.heightDivides", heightDivides, 1, 1000);
        types = types == null ? List.of() : List.copyOf(types);
    }
}
