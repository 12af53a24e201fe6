package tessera.plugin.constraints.internal.repeat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import tessera.api.ServiceProperties;
import tessera.api.constraint.ConstraintReport;
import tessera.api.constraint.ConstraintSolver;
import tessera.api.constraint.RepairResult;
import tessera.api.pattern.Pattern;
import tessera.api.profile.ProductionProfile;
import tessera.api.profile.RepeatLimits;
import tessera.api.repeat.RepeatType;
import tessera.plugin.constraints.internal.report.ConstraintRules;
import tessera.plugin.constraints.internal.report.Findings;
import tessera.plugin.constraints.internal.report.Num;

/**
 * Repeat geometry against a line (#6): the repeat type is one the line prints, the repeat fits its
 * widest and tallest repeat, on a rotary screen the vertical period divides the circumference, and on a
 * jacquard the repeat's ends fit the hooks. Repairs lay a repeat the line cannot print out as the
 * block repeat it equals, and scale the repeat to the nearest size that fits, by at most
 * {@code maxScaleChangePercent}: a larger change is a design decision, not a repair.
 */
@Component(service = ConstraintSolver.class, property = ServiceProperties.PLUGIN_ID + "=" + RepeatSolver.ID)
@ConstraintRules({RepeatSolver.TYPE, RepeatSolver.SIZE, RepeatSolver.CIRCUMFERENCE, RepeatSolver.HOOKS})
public final class RepeatSolver implements ConstraintSolver {
    public static final String ID = "repeat";
    public static final String TYPE = "repeat.type";
    public static final String SIZE = "repeat.size";
    public static final String CIRCUMFERENCE = "repeat.circumference";
    public static final String HOOKS = "repeat.hooks";

    /** Configuration (Configuration Admin pid {@code tessera.plugin.constraints.internal.repeat.RepeatSolver}). */
    public @interface Config {
        /** Largest change of the repeat's physical size the repair makes on its own, in percent. */
        double maxScaleChangePercent() default 20;
    }

    private final double maxScaleChange;

    @Activate
    public RepeatSolver(Config config) {
        this(config.maxScaleChangePercent());
    }

    /** @param maxScaleChangePercent largest size change the repair makes, in percent, ≥ 0 */
    RepeatSolver(double maxScaleChangePercent) {
        this.maxScaleChange = Math.max(0, maxScaleChangePercent) / 100;
    }

    /** @return a solver with the documented default (scale by at most 20 %), for use outside OSGi */
    public static RepeatSolver withDefaults() {
        return new RepeatSolver(20);
    }

    @Override
    public ConstraintReport check(Pattern p, ProductionProfile profile) {
        Findings f = new Findings(ID, profile);
        f.measure("repeat.widthCm", p.widthCm()).measure("repeat.heightCm", p.heightCm());
        if (profile == null) {
            return f.report();
        }
        RepeatPeriod period = RepeatPeriod.of(p);
        checkType(p, profile, f);
        checkSize(p, profile, f);
        if (profile.repeat().heightDivides() != null) {
            checkCircumference(p, period, profile, f);
        }
        if (profile.weave() != null) {
            checkHooks(p, period, profile, f);
        }
        return f.report();
    }

    @Override
    public RepairResult repair(Pattern p, ProductionProfile profile) {
        if (profile == null) {
            return new RepairResult(p, List.of(), check(p, profile));
        }
        List<String> changes = new ArrayList<>();
        Pattern q = p;
        List<RepeatType> types = profile.repeat().types();
        if (!types.isEmpty() && !types.contains(q.repeat().type()) && types.contains(RepeatType.BLOCK)) {
            Optional<Pattern> straight = StraightRepeat.of(q);
            if (straight.isPresent()) {
                Pattern s = straight.get();
                changes.add("laid the " + q.repeat().label() + " repeat out as the block repeat it equals: "
                        + s.tile().width() / q.tile().width() + " × " + s.tile().height() / q.tile().height() + " tiles, "
                        + s.tile().width() + " × " + s.tile().height() + " px, " + Num.size(s.widthCm(), s.heightCm()));
                q = s;
            }
        }
        OptionalDouble scale = RepeatScale.toFit(q, profile);
        if (scale.isPresent() && scale.getAsDouble() != 1 && Math.abs(scale.getAsDouble() - 1) <= maxScaleChange + 1e-9) {
            double s = scale.getAsDouble();
            Pattern scaled = new Pattern(q.tile(), q.repeat(), q.widthCm() * s, q.heightCm() * s, q.labels());
            changes.add("scaled the repeat from " + Num.size(q.widthCm(), q.heightCm()) + " to "
                    + Num.size(scaled.widthCm(), scaled.heightCm()) + " (" + Num.change(s) + ") to fit " + profile.id()
                    + fitReason(scaled, profile));
            q = scaled;
        }
        return new RepairResult(q, changes, check(q, profile));
    }

    private static String fitReason(Pattern p, ProductionProfile profile) {
        Double c = profile.repeat().heightDivides();
        if (c == null) {
            return "";
        }
        double turns = c / (RepeatPeriod.of(p).down() * p.heightCm());
        return ": " + Num.of(turns, 0) + (Math.round(turns) == 1 ? " repeat" : " repeats") + " round the " + Num.cm(c) + " screen";
    }

    private static void checkType(Pattern p, ProductionProfile profile, Findings f) {
        List<RepeatType> types = profile.repeat().types();
        RepeatType type = p.repeat().type();
        if (types.isEmpty() || types.contains(type)) {
            return;
        }
        String allowed = Num.either(types.stream().map(RepeatType::id).toList());
        Optional<Pattern> straight = types.contains(RepeatType.BLOCK) ? StraightRepeat.of(p) : Optional.empty();
        String fix = straight.map(s -> "Lay it out as the block repeat it equals, " + s.tile().width() / p.tile().width() + " × "
                + s.tile().height() / p.tile().height() + " tiles (" + Num.size(s.widthCm(), s.heightCm())
                + "); the repair does this. Or choose a line that prints " + type.id() + " repeats.")
                .orElse("Generate the design as a " + allowed + " repeat, or choose a line that prints " + type.id() + " repeats.");
        f.error(TYPE, profile.id() + " does not print " + p.repeat().label() + " repeats; it prints " + allowed + ".",
                fix, null, null, null);
    }

    private static void checkSize(Pattern p, ProductionProfile profile, Findings f) {
        RepeatLimits lim = profile.repeat();
        // on a jacquard the widest repeat is what the hooks hold: checkHooks says it in ends
        boolean hooksSayIt = profile.weave() != null && hookEnds(p, profile) > profile.weave().hooks() * (1 + 1e-9);
        if (!hooksSayIt && p.widthCm() > lim.maxWidthCm() * (1 + 1e-9)) {
            f.error(SIZE, "Repeat width " + Num.cm(p.widthCm()) + " exceeds the " + Num.cm(lim.maxWidthCm())
                    + " widest repeat of " + profile.id() + ".",
                    "Scale the repeat to at most " + Num.cm(lim.maxWidthCm()) + " wide (" + Num.change(lim.maxWidthCm() / p.widthCm())
                            + "), or choose a line with a wider repeat.", p.widthCm(), lim.maxWidthCm(), "cm");
        }
        // a rotary screen's height limit is its circumference: checkCircumference says it better
        if (lim.heightDivides() == null && p.heightCm() > lim.maxHeightCm() * (1 + 1e-9)) {
            f.error(SIZE, "Repeat height " + Num.cm(p.heightCm()) + " exceeds the " + Num.cm(lim.maxHeightCm())
                    + " tallest repeat of " + profile.id() + ".",
                    "Scale the repeat to at most " + Num.cm(lim.maxHeightCm()) + " high (" + Num.change(lim.maxHeightCm() / p.heightCm())
                            + "), or choose a line with a taller repeat.", p.heightCm(), lim.maxHeightCm(), "cm");
        }
    }

    private void checkCircumference(Pattern p, RepeatPeriod period, ProductionProfile profile, Findings f) {
        double c = profile.repeat().heightDivides();
        if (!period.closes()) {
            f.error(CIRCUMFERENCE, "The " + p.repeat().label() + " repeat never lines up again down the fabric, so it cannot be"
                    + " engraved on the " + Num.cm(c) + " rotary screen.",
                    "Use a shift that is a simple fraction (1/2, 1/3, 1/4), or a block or half-drop repeat.", null, c, "cm");
            return;
        }
        double tall = period.down() * p.heightCm();
        if (RotaryScreenFit.fits(c, tall)) {
            f.measure("repeat.repeatsPerTurn", c / tall);
            return;
        }
        List<Double> heights = RotaryScreenFit.tileHeights(c, period.down(), p.heightCm(), profile.repeat().maxHeightCm(), 3);
        String use = Num.either(heights.stream().map(Num::of).toList()) + " cm";
        String message;
        if (period.down() == 1) {
            message = "Repeat height " + Num.cm(p.heightCm()) + " does not divide the " + Num.cm(c) + " rotary screen"
                    + (tall > c ? "" : " (" + Num.of(c / tall) + " repeats per turn)") + "; use " + use
                    + (tall > c ? ", or a profile with a larger screen." : ".");
        } else {
            message = "The " + p.repeat().label() + " repeat is " + Num.cm(tall) + " tall (" + period.down() + " tiles of "
                    + Num.cm(p.heightCm()) + ") and does not divide the " + Num.cm(c) + " rotary screen; make the tile "
                    + use + " tall" + (tall > c ? ", or choose a profile with a larger screen." : ".");
        }
        double best = heights.isEmpty() ? c : heights.get(0);
        double s = best / p.heightCm();
        String fix = "Scale the repeat by " + Num.change(s) + " to " + Num.size(p.widthCm() * s, best)
                + (Math.abs(s - 1) <= maxScaleChange ? " (the repair does this)" : "")
                + ", or choose a profile whose screen circumference is a multiple of " + Num.cm(tall) + ".";
        f.error(CIRCUMFERENCE, message, fix, p.heightCm(), best, "cm");
    }

    /** @return warp ends one harness repeat needs, or infinity when the repeat has no period across */
    private static double hookEnds(Pattern p, ProductionProfile profile) {
        int tiles = RepeatPeriod.of(p).hookTiles(p.repeat().type());
        return tiles == 0 ? Double.POSITIVE_INFINITY : tiles * p.widthCm() * profile.weave().endsPerCm();
    }

    private static void checkHooks(Pattern p, RepeatPeriod period, ProductionProfile profile, Findings f) {
        var weave = profile.weave();
        int tiles = period.hookTiles(p.repeat().type());
        if (tiles == 0) {
            f.error(HOOKS, "The " + p.repeat().label() + " repeat never lines up again across the cloth, so no harness of "
                    + profile.id() + " can weave it.", "Use a drop that is a simple fraction (1/2, 1/3, 1/4), or a block repeat.",
                    null, (double) weave.hooks(), "ends");
            return;
        }
        double ends = hookEnds(p, profile);
        f.measure("repeat.ends", ends);
        if (ends > weave.hooks() * (1 + 1e-9)) {
            double widest = weave.hooks() / (weave.endsPerCm() * tiles);
            f.error(HOOKS, "The repeat needs " + Num.of(ends, 0) + " ends (" + (tiles > 1 ? tiles + " tiles of " : "")
                    + Num.cm(p.widthCm()) + " at " + Num.of(weave.endsPerCm()) + " ends/cm), more than the " + weave.hooks()
                    + " hooks of " + profile.id() + ".",
                    "Make the tile at most " + Num.cm(widest) + " wide, or choose a jacquard with more hooks or a coarser sett.",
                    ends, (double) weave.hooks(), "ends");
        }
    }
}
