package tessera.api.profile;

import com.fasterxml.jackson.annotation.JsonInclude;

import tessera.api.Check;

/**
 * Screen printing specifics.
 *
 * @param screens           number of screens (one colour each), 1..24
 * @param meshPerCm         threads per cm of the screen mesh, 10..200
 * @param circumferenceCm   rotary screen circumference in cm, or null for flatbed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScreenSpec(int screens, double meshPerCm, Double circumferenceCm) {
    public ScreenSpec {
        Check.range("screen.screens", screens, 1, 24);
        Check.range("screen.meshPerCm", meshPerCm, 10, 200);
        Check.rangeOrNull("screen.circumferenceCm", circumferenceCm, 10, 300);
    }
}
