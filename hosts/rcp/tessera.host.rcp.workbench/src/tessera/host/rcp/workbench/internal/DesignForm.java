package tessera.host.rcp.workbench.internal;

import java.util.Map;

import tessera.api.design.DesignRequest;
import tessera.api.repeat.RepeatGeometry;

/**
 * What the Design part's fields say, as values. {@link #toRequest()} is the one place the workbench turns
 * them into a {@link DesignRequest}, built the way {@code tessera generate} builds one from its options, so
 * the same fields and seed give the same request, hence the same pixels (#11).
 *
 * @param prompt     the description, ≤ 2000 chars
 * @param generator  generator id, or null for the best installed
 * @param profile    production profile id, or null for profile-free checks
 * @param seed       seed, or null to let the pipeline choose (and record) one
 * @param variations number of candidates, 1–64
 * @param sizePx     tile width and height in pixels, 16–8192
 * @param repeat     repeat text as {@code tessera generate --repeat} takes it ("half-drop", "drop:0.333"), or null
 * @param widthCm    physical width of one repeat in cm, or null for the default 32 cm
 */
public record DesignForm(String prompt, String generator, String profile, Long seed, int variations, int sizePx,
        String repeat, Double widthCm) {

    /**
     * @return the request; an {@link tessera.api.InvalidValueException} names the field when a value is out of range
     */
    public DesignRequest toRequest() {
        RepeatGeometry r = repeat == null || repeat.isBlank() ? null : RepeatGeometry.parse(repeat.strip());
        return new DesignRequest(prompt, blankToNull(generator), null, seed, variations, sizePx, sizePx, r, widthCm,
                null, null, blankToNull(profile), null, null, Map.of());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
