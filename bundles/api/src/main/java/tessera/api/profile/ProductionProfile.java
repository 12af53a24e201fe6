package tessera.api.profile;

import com.fasterxml.jackson.annotation.JsonInclude;

import tessera.api.Check;

/**
 * The limits of one named production line. Schema: {@code docs/schemas/production-profile.md}.
 *
 * @param id                      stable id, e.g. {@code rotary-64-6}
 * @param name                    human-readable name
 * @param process                 kind of line
 * @param repeat                  repeat size and type limits
 * @param minDpi                  lowest acceptable print resolution in dots per inch, 10..2400
 * @param maxColours              most colours (screens, yarns), or null when unlimited (inkjet)
 * @param minFeatureMm            thinnest line or smallest dot the process holds, in mm, 0..20
 * @param registrationToleranceMm allowed misregistration between colours in mm, 0..10
 * @param colourToleranceDe       allowed ΔE2000 for brand colours in QA, 0..20
 * @param screen                  screen details, for screen processes
 * @param inkjet                  ink details, for inkjet and sublimation
 * @param weave                   weave details, for jacquard
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProductionProfile(
        String id,
        String name,
        PrintProcess process,
        RepeatLimits repeat,
        double minDpi,
        Integer maxColours,
        double minFeatureMm,
        double registrationToleranceMm,
        double colourToleranceDe,
        ScreenSpec screen,
        InkjetSpec inkjet,
        WeaveSpec weave) {

    public ProductionProfile {
        Check.notNull("id", Check.id("id", id));
        Check.text("name", Check.notNull("name", name), 200);
        Check.notNull("process", process);
        Check.notNull("repeat", repeat);
        Check.range("minDpi", minDpi, 10, 2400);
        Check.rangeOrNull("maxColours", maxColours, 1, 64);
        Check.range("minFeatureMm", minFeatureMm, 0, 20);
        Check.range("registrationToleranceMm", registrationToleranceMm, 0, 10);
        Check.range("colourToleranceDe", colourToleranceDe, 0, 20);
    }
}
