package tessera.api.constraint;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One finding of a check: what is wrong, where, by how much, and what would fix it.
 *
 * @param rule     rule code, e.g. {@code repeat.size}, {@code seam}, {@code colour.count}
 * @param severity error blocks production
 * @param message  what is wrong, for the user
 * @param fix      what would fix it, for the user
 * @param measured the measured value, in {@code unit}
 * @param limit    the profile's limit, in {@code unit}
 * @param unit     unit of measured and limit, e.g. {@code cm}, {@code dpi}, {@code colours}
 * @param where    the region concerned, or null for the whole tile
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Violation(String rule, Severity severity, String message, String fix, Double measured, Double limit,
        String unit, Region where) {
}
