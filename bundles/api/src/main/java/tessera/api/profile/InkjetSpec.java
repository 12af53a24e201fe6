package tessera.api.profile;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import tessera.api.Check;

/**
 * Digital inkjet and dye-sublimation specifics.
 *
 * @param inks               ink channels in order, e.g. {@code [C, M, Y, K]}
 * @param iccProfile         output ICC profile id or bundle resource, or null for sRGB output
 * @param maxCoveragePercent total ink limit, summed over channels, 50..400
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InkjetSpec(List<String> inks, String iccProfile, double maxCoveragePercent) {
    public InkjetSpec {
        inks = inks == null ? List.of() : List.copyOf(Check.size("inkjet.inks", inks, 16));
        Check.range("inkjet.maxCoveragePercent", maxCoveragePercent, 50, 400);
    }
}
