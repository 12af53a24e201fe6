package tessera.api.profile;

import com.fasterxml.jackson.annotation.JsonInclude;

import tessera.api.Check;

/**
 * Jacquard weaving specifics.
 *
 * @param hooks        number of jacquard hooks (warp ends controlled individually), 8..20000
 * @param endsPerCm    warp density, 1..200
 * @param picksPerCm   weft density, 1..200
 * @param weftColours  number of weft colours, 1..16
 * @param maxFloat     longest float in threads before a binding point is needed, 1..64
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WeaveSpec(int hooks, double endsPerCm, double picksPerCm, int weftColours, int maxFloat) {
    public WeaveSpec {
        Check.range("weave.hooks", hooks, 8, 20000);
        Check.range("weave.endsPerCm", endsPerCm, 1, 200);
        Check.range("weave.picksPerCm", picksPerCm, 1, 200);
        Check.range("weave.weftColours", weftColours, 1, 16);
        Check.range("weave.maxFloat", maxFloat, 1, 64);
    }
}
