package tessera.plugin.constraints.internal.repeat;

import java.util.OptionalDouble;

import tessera.api.pattern.Pattern;
import tessera.api.profile.ProductionProfile;
import tessera.api.profile.RepeatLimits;

/**
 * The uniform scale that makes a repeat fit a line: within its widest and tallest repeat, within its
 * jacquard hooks and, on a rotary screen, a whole number of times round the screen. Scaling keeps the
 * design's proportions and pixels; only its physical size (and so its DPI) changes.
 */
final class RepeatScale {
    private static final int MAX_REPEATS_PER_TURN = 256;

    private RepeatScale() {
    }

    /** @return the scale nearest to 1 (by ratio) that satisfies every size rule, or empty when none does */
    static OptionalDouble toFit(Pattern p, ProductionProfile profile) {
        RepeatLimits lim = profile.repeat();
        RepeatPeriod period = RepeatPeriod.of(p);
        double most = Math.min(lim.maxWidthCm() / p.widthCm(), lim.maxHeightCm() / p.heightCm());
        if (profile.weave() != null) {
            int tiles = period.hookTiles(p.repeat().type());
            if (tiles == 0) {
                return OptionalDouble.empty();
            }
            most = Math.min(most, profile.weave().hooks() / (profile.weave().endsPerCm() * tiles * p.widthCm()));
        }
        if (lim.heightDivides() == null) {
            return OptionalDouble.of(Math.min(1, most));
        }
        if (!period.closes()) {
            return OptionalDouble.empty();
        }
        double best = Double.NaN;
        for (int n = 1; n <= MAX_REPEATS_PER_TURN; n++) {
            double s = lim.heightDivides() / ((double) n * period.down() * p.heightCm());
            if (s <= most * (1 + 1e-9) && (Double.isNaN(best) || Math.abs(Math.log(s)) < Math.abs(Math.log(best)))) {
                best = s;
            }
        }
        return Double.isNaN(best) ? OptionalDouble.empty() : OptionalDouble.of(best);
    }
}
