package tessera.plugin.constraints.internal.weave;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;

import tessera.api.ServiceProperties;
import tessera.api.constraint.ConstraintReport;
import tessera.api.constraint.ConstraintSolver;
import tessera.api.constraint.Region;
import tessera.api.constraint.RepairResult;
import tessera.api.constraint.Severity;
import tessera.api.pattern.Pattern;
import tessera.api.profile.ProductionProfile;
import tessera.api.profile.WeaveSpec;
import tessera.plugin.constraints.internal.report.ConstraintRules;
import tessera.plugin.constraints.internal.report.Findings;
import tessera.plugin.constraints.internal.report.Num;

/**
 * Jacquard float length (#6): how far a warp end or a weft pick passes over (or under) the cloth without
 * being bound, against the line's {@code weave.maxFloat}. A long float snags, slides and leaves the cloth
 * without body. The design is woven as the {@code wif} exporter weaves it ({@link WifExporter#unbound}:
 * resampled to ends × picks, the wefts cycling pick by pick) and every run of one lift state is measured
 * along the picks (weft floats) and the ends (warp floats), cyclically, because the cloth repeats the plan.
 *
 * <p>The repair inserts binding points ({@link LiftPlan#bind}, on a satin schedule) and marks the pattern with the label
 * {@value #BINDING_LABEL}{@code =}{@value #BOUND}: the design's pixels do not change (a binding point is a
 * matter of the lift plan, not the artwork), the check of a marked pattern judges the bound plan, and the
 * {@code wif} exporter writes exactly that plan.
 */
@Component(service = ConstraintSolver.class, property = ServiceProperties.PLUGIN_ID + "=" + FloatSolver.ID)
@ConstraintRules({FloatSolver.FLOAT})
public final class FloatSolver implements ConstraintSolver {
    public static final String ID = "floats";
    public static final String FLOAT = "weave.float";
    /** Pattern label that says the floats are to be bound by binding points (what the repair sets). */
    public static final String BINDING_LABEL = "weave.binding";
    public static final String BOUND = "binding-points";

    /** The longest float of one direction and the share of cells in too-long floats. */
    private record Floats(int longest, int line, int start, boolean lifted, long overCells) {
    }

    @Override
    public ConstraintReport check(Pattern p, ProductionProfile profile) {
        Findings f = new Findings(ID, profile);
        WeaveSpec spec = profile == null ? null : profile.weave();
        if (spec == null) {
            return f.report();
        }
        boolean bind = BOUND.equals(p.labels().get(BINDING_LABEL));
        WifExporter.Weave weave = bind ? WifExporter.weave(p, spec) : WifExporter.unbound(p, spec);
        if (weave == null) {
            f.info(FLOAT, "Floats were not measured: the design does not fit the loom's hooks or its colours do not fit the "
                    + spec.weftColours() + " wefts.", "See the repeat.hooks and colour.count findings.", null, null, null);
            return f.report();
        }
        report(p, profile, weave, bind, f);
        return f.report();
    }

    @Override
    public RepairResult repair(Pattern p, ProductionProfile profile) {
        WeaveSpec spec = profile == null ? null : profile.weave();
        WifExporter.Weave drawn = spec == null ? null : WifExporter.unbound(p, spec);
        if (drawn == null || BOUND.equals(p.labels().get(BINDING_LABEL))) {
            return new RepairResult(p, List.of(), check(p, profile));
        }
        Floats warp = floats(drawn.plan(), false, spec.maxFloat());
        Floats weft = floats(drawn.plan(), true, spec.maxFloat());
        if (warp.overCells == 0 && weft.overCells == 0) {
            return new RepairResult(p, List.of(), check(p, profile));
        }
        Map<String, String> labels = new HashMap<>(p.labels());
        labels.put(BINDING_LABEL, BOUND);
        Pattern q = new Pattern(p.tile(), p.repeat(), p.widthCm(), p.heightCm(), labels);
        WifExporter.Weave bound = WifExporter.weave(q, spec);
        LiftPlan plan = bound.plan();
        long cells = (long) bound.ends() * bound.picks();
        SatinBinder satin = SatinBinder.forFloat(spec.maxFloat());
        // what cutting each float at its middle alone (the first binder) would have taken, for the record: only said
        // where a satin did the work (without one the bisection is what ran)
        int bisection = satin == null ? 0 : drawn.plan().copy().bindByBisection(spec.maxFloat());
        String change = "Inserted " + bound.bindingPoints() + " binding points (" + Num.of(100.0 * bound.bindingPoints() / cells, 1)
                + " % of the " + cells + " cells" + (satin == null ? "" : ", on a " + satin + "; cutting each float at its middle"
                        + " would have taken " + bisection) + "; the pixels are unchanged, the wif exporter weaves this plan): longest warp float "
                + warp.longest + " → " + floats(plan, false, spec.maxFloat()).longest + " threads, weft float " + weft.longest + " → "
                + floats(plan, true, spec.maxFloat()).longest + " threads (limit " + spec.maxFloat() + ").";
        Findings f = new Findings(ID, profile);
        report(q, profile, bound, true, f);
        return new RepairResult(q, List.of(change), f.report());
    }

    private static void report(Pattern p, ProductionProfile profile, WifExporter.Weave weave, boolean bound, Findings f) {
        WeaveSpec spec = profile.weave();
        int max = spec.maxFloat();
        Floats warp = floats(weave.plan(), false, max);
        Floats weft = floats(weave.plan(), true, max);
        long cells = (long) weave.ends() * weave.picks();
        f.measure("weave.longestWarpFloat", warp.longest).measure("weave.longestWeftFloat", weft.longest)
                .measure("weave.overLimitPercent", 100.0 * (warp.overCells + weft.overCells) / (2.0 * cells));
        if (bound) {
            f.measure("weave.bindingPoints", weave.bindingPoints()).measure("weave.bindingPercent", 100.0 * weave.bindingPoints() / cells);
        }
        finding(p, profile, weave, warp, false, bound, f);
        finding(p, profile, weave, weft, true, bound, f);
        if (bound && warp.overCells == 0 && weft.overCells == 0 && weave.bindingPoints() > 0) {
            f.info(FLOAT, weave.bindingPoints() + " binding points (" + Num.of(100.0 * weave.bindingPoints() / cells, 1)
                    + " % of the cells) hold every float within " + max + " threads.",
                    "Where the binding speckle shows, give large areas of one colour a weave (satin, twill) in the jacquard CAD.",
                    (double) Math.max(warp.longest, weft.longest), (double) max, "threads");
        }
    }

    private static void finding(Pattern p, ProductionProfile profile, WifExporter.Weave weave, Floats fl, boolean weft,
            boolean bound, Findings f) {
        WeaveSpec spec = profile.weave();
        if (fl.overCells == 0) {
            return;
        }
        double threadMm = 10 / (weft ? spec.endsPerCm() : spec.picksPerCm());
        String kind = weft ? "Weft" : "Warp";
        // a weft passing over lowered ends lies on the face; a lifted end lies over the weft, on the face
        String side = weft != fl.lifted ? "face" : "back";
        int yarn = weft ? weave.yarns()[LiftPlan.weftOf(fl.line, weave.yarns().length)] : weave.yarns()[0];
        long cells = (long) weave.ends() * weave.picks();
        String endless = fl.longest == (weft ? weave.ends() : weave.picks()) ? " (a whole " + (weft ? "pick" : "end")
                + " of the repeat: in the cloth it never ends)" : "";
        String msg = kind + " floats on the " + side + " run up to " + fl.longest + " threads (" + Num.of(fl.longest * threadMm, 1)
                + " mm)" + endless + ", the longest in " + String.format("#%06x", yarn) + " on " + (weft ? "pick " : "end ")
                + (fl.line + 1) + "; " + Num.of(100.0 * fl.overCells / cells, 1) + " % of the cells lie in floats longer than the "
                + spec.maxFloat() + " threads " + profile.id() + " holds: they snag, slide and leave the cloth without body.";
        String fix = bound ? "Binding could not hold the plan; give the area a weave (satin, twill) or simplify the design there."
                : "Insert binding points (the repair does, and the wif exporter binds the same way), give large areas of one colour a"
                        + " weave in the jacquard CAD, or break them up in the design.";
        f.add(Severity.ERROR, FLOAT, msg, fix, (double) fl.longest, (double) spec.maxFloat(), "threads", region(p, weave, fl, weft));
    }

    /** @return the longest float's cells in tile pixels (its part inside the repeat when it wraps) */
    private static Region region(Pattern p, WifExporter.Weave weave, Floats fl, boolean weft) {
        int w = p.tile().width();
        int h = p.tile().height();
        int along = weft ? weave.ends() : weave.picks();
        int end = Math.min(along, fl.start + fl.longest);
        if (weft) {
            int x0 = (int) ((long) fl.start * w / along);
            int x1 = (int) Math.ceil((double) end * w / along);
            int y = (int) ((long) fl.line * h / weave.picks());
            return new Region(x0, y, Math.max(1, x1 - x0), Math.max(1, (int) Math.ceil((double) h / weave.picks())));
        }
        int y0 = (int) ((long) fl.start * h / along);
        int y1 = (int) Math.ceil((double) end * h / along);
        int x = (int) ((long) fl.line * w / weave.ends());
        return new Region(x, y0, Math.max(1, (int) Math.ceil((double) w / weave.ends())), Math.max(1, y1 - y0));
    }

    private static Floats floats(LiftPlan plan, boolean weft, int max) {
        int[] best = {0, 0, 0, 0};
        long over = plan.floats(weft, max, (line, start, length, lifted) -> {
            if (length > best[0]) {
                best[0] = length;
                best[1] = line;
                best[2] = start;
                best[3] = lifted ? 1 : 0;
            }
        });
        int longest = best[0] > 0 ? best[0] : plan.longestFloatAlong(weft);
        return new Floats(longest, best[1], best[2], best[3] == 1, over);
    }

    @Override
    public String toString() {
        return "FloatSolver[weave.float]";
    }
}
