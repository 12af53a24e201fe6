package tessera.compute.guidance;

import java.util.Objects;

/**
 * What a design is steered towards.
 *
 * @param profileId    the production line's profile id (e.g. {@code rotary-64-6}), as the job names it
 * @param tileWidthCm  physical width of one tile in cm, &gt; 0 (penalties for sizes in mm need it)
 * @param tileHeightCm physical height of one tile in cm, &gt; 0
 * @param repeat       the repeat as written in a design request ({@code block}, {@code half-drop},
 *                     {@code half-brick}, {@code drop:0.333}, {@code mirror}, …)
 */
public record GuidanceTarget(String profileId, double tileWidthCm, double tileHeightCm, String repeat) {
    public GuidanceTarget {
        Objects.requireNonNull(profileId, "profileId");
        Objects.requireNonNull(repeat, "repeat");
        if (!(tileWidthCm > 0) || !(tileHeightCm > 0)) {
            throw new IllegalArgumentException("tile size must be positive: " + tileWidthCm + " × " + tileHeightCm + " cm");
        }
    }
}
