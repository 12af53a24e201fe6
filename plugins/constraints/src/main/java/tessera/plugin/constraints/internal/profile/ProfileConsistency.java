package tessera.plugin.constraints.internal.profile;

import tessera.api.InvalidValueException;
import tessera.api.profile.PrintProcess;
import tessera.api.profile.ProductionProfile;
import tessera.api.profile.RepeatLimits;

/**
 * Rules between a profile's fields that the records alone cannot state: the details a process needs
 * are present and agree with the repeat limits. A profile that breaks them would make the solvers
 * contradict each other, so the catalog refuses it.
 */
public final class ProfileConsistency {
    /** Relative slack when comparing lengths written with one or two decimals. */
    private static final double SLACK = 0.005;

    private ProfileConsistency() {
    }

    /** @throws InvalidValueException naming the profile, the field and what to change */
    public static void check(ProductionProfile p) {
        RepeatLimits r = p.repeat();
        switch (p.process()) {
            case ROTARY_SCREEN -> {
                require(p, p.screen() != null, "screen", "a rotary-screen profile needs 'screen' (screens, meshPerCm, circumferenceCm)");
                Double c = p.screen().circumferenceCm();
                require(p, c != null, "screen.circumferenceCm", "a rotary screen needs its circumference");
                require(p, r.heightDivides() != null && near(r.heightDivides(), c), "repeat.heightDivides",
                        "must equal the screen circumference " + c + " cm: every repeat height must divide it");
                require(p, r.maxHeightCm() <= c * (1 + SLACK), "repeat.maxHeightCm",
                        r.maxHeightCm() + " cm is taller than the " + c + " cm screen");
                screenColours(p);
            }
            case FLATBED_SCREEN -> {
                require(p, p.screen() != null, "screen", "a flatbed-screen profile needs 'screen' (screens, meshPerCm)");
                require(p, p.screen().circumferenceCm() == null, "screen.circumferenceCm", "a flatbed screen has no circumference");
                screenColours(p);
            }
            case DIGITAL_INKJET, DYE_SUBLIMATION -> {
                require(p, p.inkjet() != null, "inkjet", "an " + p.process().id() + " profile needs 'inkjet' (inks, maxCoveragePercent)");
                require(p, !p.inkjet().inks().isEmpty(), "inkjet.inks", "name the ink channels, e.g. [\"cyan\", \"magenta\", \"yellow\", \"black\"]");
            }
            case JACQUARD -> {
                require(p, p.weave() != null, "weave", "a jacquard profile needs 'weave' (hooks, endsPerCm, picksPerCm, weftColours, maxFloat)");
                double hooksWide = p.weave().hooks() / p.weave().endsPerCm();
                require(p, r.maxWidthCm() <= hooksWide * (1 + SLACK), "repeat.maxWidthCm", r.maxWidthCm()
                        + " cm needs more than the " + p.weave().hooks() + " hooks at " + p.weave().endsPerCm()
                        + " ends/cm hold (" + Math.floor(hooksWide * 100) / 100 + " cm)");
            }
        }
        if (p.process() != PrintProcess.ROTARY_SCREEN) {
            require(p, r.heightDivides() == null, "repeat.heightDivides", "only rotary screens constrain the repeat height to divide a length");
        }
    }

    private static void screenColours(ProductionProfile p) {
        require(p, p.maxColours() == null || p.maxColours() <= p.screen().screens(), "maxColours",
                p.maxColours() + " colours need more than the " + p.screen().screens() + " screens (one colour a screen)");
    }

    private static boolean near(double a, double b) {
        return Math.abs(a - b) <= SLACK * Math.max(a, b);
    }

    private static void require(ProductionProfile p, boolean ok, String field, String what) {
        if (!ok) {
            throw new InvalidValueException(field, "profile '" + p.id() + "': " + what);
        }
    }
}
