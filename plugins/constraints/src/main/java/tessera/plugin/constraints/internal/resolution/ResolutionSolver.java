package tessera.plugin.constraints.internal.resolution;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import tessera.api.ServiceProperties;
import tessera.api.constraint.ConstraintReport;
import tessera.api.constraint.ConstraintSolver;
import tessera.api.constraint.Severity;
import tessera.api.pattern.Pattern;
import tessera.api.profile.ProductionProfile;
import tessera.plugin.constraints.internal.report.ConstraintRules;
import tessera.plugin.constraints.internal.report.Findings;
import tessera.plugin.constraints.internal.report.Num;

/**
 * The tile's native resolution (its pixels over its physical size) against the line's (#6). The
 * pipeline always writes the print file at the requested DPI by wrap-aware resampling, so a low native
 * DPI never makes a wrong file; it makes a soft one, because resampling adds pixels, not detail. The
 * verdict is therefore about the upsampling factor the export needs:
 * <ul>
 * <li>up to {@code warnUpsampling} (2×): information. Each tile pixel spans at most 2 × 2 print dots;
 * RIPs upsample this much routinely and at viewing distance it does not show.</li>
 * <li>up to {@code errorUpsampling} (4×): warning. Edges and fine lines look soft up close.</li>
 * <li>beyond: error. Each tile pixel becomes a blur of more than 4 × 4 print dots (1.3 mm at 20 DPI
 * for a 150 DPI line), visible at arm's length; the design must be made at more pixels or printed smaller.</li>
 * </ul>
 * A jacquard also needs at least one pixel per end and per pick, so its sett raises the requirement.
 * Repair is left to the export (wrap-aware resampling) and to generators that add detail.
 */
@Component(service = ConstraintSolver.class, property = ServiceProperties.PLUGIN_ID + "=" + ResolutionSolver.ID)
@ConstraintRules({ResolutionSolver.DPI, ResolutionSolver.ASPECT})
public final class ResolutionSolver implements ConstraintSolver {
    public static final String ID = "resolution";
    public static final String DPI = "resolution.dpi";
    public static final String ASPECT = "resolution.aspect";
    /** Pixels more than 1 % taller than wide (or the reverse) print visibly stretched circles. */
    private static final double ASPECT_TOLERANCE = 0.01;
    /** The largest tile side {@code RgbImage} holds. */
    private static final int MAX_TILE_PX = 16384;

    /** Configuration (Configuration Admin pid {@code tessera.plugin.constraints.internal.resolution.ResolutionSolver}). */
    public @interface Config {
        /** Upsampling factors above this are warnings (below: information). */
        double warnUpsampling() default 2;

        /** Upsampling factors above this are errors. */
        double errorUpsampling() default 4;
    }

    private final double warnUpsampling;
    private final double errorUpsampling;

    @Activate
    public ResolutionSolver(Config config) {
        this(config.warnUpsampling(), config.errorUpsampling());
    }

    ResolutionSolver(double warnUpsampling, double errorUpsampling) {
        this.errorUpsampling = Math.max(1, errorUpsampling);
        this.warnUpsampling = Math.clamp(warnUpsampling, 1, this.errorUpsampling);
    }

    /** @return a solver with the documented defaults (warning above 2×, error above 4×), for use outside OSGi */
    public static ResolutionSolver withDefaults() {
        return new ResolutionSolver(2, 4);
    }

    @Override
    public ConstraintReport check(Pattern p, ProductionProfile profile) {
        Findings f = new Findings(ID, profile);
        double dpiX = p.dpiX();
        double dpiY = p.dpiY();
        f.measure("resolution.dpiX", dpiX).measure("resolution.dpiY", dpiY);
        checkAspect(p, dpiX, dpiY, f);
        if (profile == null) {
            return f.report();
        }
        double needX = profile.minDpi();
        double needY = profile.minDpi();
        if (profile.weave() != null) {
            needX = Math.max(needX, profile.weave().endsPerCm() * 2.54);
            needY = Math.max(needY, profile.weave().picksPerCm() * 2.54);
        }
        double up = Math.max(needX / dpiX, needY / dpiY);
        f.measure("resolution.requiredDpi", Math.max(needX, needY)).measure("resolution.upsampling", up);
        if (up <= 1 + 1e-9) {
            return f.report();
        }
        boolean xWorse = needX / dpiX >= needY / dpiY;
        double have = xWorse ? dpiX : dpiY;
        double need = xWorse ? needX : needY;
        Severity severity = up > errorUpsampling ? Severity.ERROR : up > warnUpsampling ? Severity.WARNING : Severity.INFO;
        String what = "The tile has " + Num.of(have, 0) + " DPI at " + Num.size(p.widthCm(), p.heightCm()) + " ("
                + p.tile().width() + " × " + p.tile().height() + " px); " + profile.id() + " prints at " + Num.of(need, 0)
                + " DPI, so the export " + (severity == Severity.INFO ? "upsamples" : "would upsample") + " it " + Num.of(up, 1)
                + "× with wrap-aware resampling";
        String consequence = switch (severity) {
            case INFO -> ", as print RIPs routinely do.";
            case WARNING -> "; detail finer than " + Num.of(25.4 / have, 1) + " mm will look soft up close.";
            case ERROR -> " and each tile pixel would print as a " + Num.of(25.4 / have, 1) + " mm blur.";
        };
        long needW = (long) Math.ceil(p.widthCm() / 2.54 * needX - 1e-6);
        long needH = (long) Math.ceil(p.heightCm() / 2.54 * needY - 1e-6);
        String smaller = "print the repeat at most " + Num.size(p.widthCm() / up, p.heightCm() / up);
        String fix = needW <= MAX_TILE_PX && needH <= MAX_TILE_PX
                ? "Generate the tile at " + needW + " × " + needH + " px or more, " + smaller + ", or refine it with a generator that adds detail."
                : "At " + Num.of(need, 0) + " DPI this repeat needs " + needW + " × " + needH + " px, more than the " + MAX_TILE_PX
                        + " px a tile may have; " + smaller + ", or choose a line with a lower resolution.";
        f.add(severity, DPI, what + consequence, fix, have, need, "dpi", null);
        return f.report();
    }

    private static void checkAspect(Pattern p, double dpiX, double dpiY, Findings f) {
        double stretch = dpiX / dpiY;
        if (Math.abs(stretch - 1) <= ASPECT_TOLERANCE) {
            return;
        }
        // keep the tile's width in pixels and its physical size: the height in pixels that makes them square
        long squareH = Math.round(p.heightCm() / p.widthCm() * p.tile().width());
        f.warning(ASPECT, "The tile is " + p.tile().width() + " × " + p.tile().height() + " px but the repeat is "
                + Num.size(p.widthCm(), p.heightCm()) + ", so its pixels print " + Num.of(stretch > 1 ? stretch : 1 / stretch)
                + "× " + (stretch > 1 ? "taller than wide" : "wider than tall") + " and circles become ellipses.",
                "Generate the tile at " + p.tile().width() + " × " + squareH + " px, or set the repeat to "
                        + Num.size(p.widthCm(), p.widthCm() * p.tile().height() / p.tile().width()) + ".",
                stretch, 1.0, "ratio");
    }
}
