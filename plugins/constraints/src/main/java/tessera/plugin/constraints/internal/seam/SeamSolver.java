package tessera.plugin.constraints.internal.seam;

import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import tessera.api.ServiceProperties;
import tessera.api.constraint.ConstraintReport;
import tessera.api.constraint.ConstraintSolver;
import tessera.api.constraint.Region;
import tessera.api.constraint.RepairResult;
import tessera.api.constraint.Severity;
import tessera.api.image.RgbImage;
import tessera.api.pattern.Pattern;
import tessera.api.profile.ProductionProfile;
import tessera.api.repeat.RepeatGeometry;
import tessera.api.repeat.RepeatType;
import tessera.imaging.repeat.RepeatLayout;
import tessera.imaging.repeat.SeamMetric;
import tessera.imaging.repeat.SeamMetric.SeamScore;
import tessera.plugin.constraints.internal.report.ChangeCost;
import tessera.plugin.constraints.internal.report.ConstraintRules;
import tessera.plugin.constraints.internal.report.Findings;
import tessera.plugin.constraints.internal.report.Num;

/**
 * Is the tile seamless in its own repeat (#6)? Uses imaging's {@link SeamMetric}: each seam's step
 * compared with the strongest straight edges inside the tile, so deliberate edges on the border
 * (stripes, checks) pass. A visible seam repeats on every tile across the whole fabric, so above
 * {@code errorScore} it is an error; between {@code warnScore} and {@code errorScore} lies the gap
 * between imaging's calibration sets (seamless up to 1.29, visible from 1.56) and the verdict is left
 * to a person. Needs no profile: every line prints the same seams.
 */
@Component(service = ConstraintSolver.class, property = ServiceProperties.PLUGIN_ID + "=" + SeamSolver.ID)
@ConstraintRules({SeamSolver.RULE})
public final class SeamSolver implements ConstraintSolver {
    public static final String ID = "seam";
    /** ΔE2000: a blend that changes a colour by more than this is smearing a motif across the seam (a ramp's blend stays far below). */
    static final double SMEAR_DE = 10;
    /** ΔE2000: where the quilting cut passes, tile and neighbour must on average be the same colour (the merge distance). */
    static final double JOIN_DE = 2.5;
    public static final String RULE = "seam";
    /**
     * Repeats tried when only the left/right seam fails: a drop moves that seam only. A tile made for
     * another repeat than the one requested is a common mistake.
     */
    private static final List<RepeatGeometry> DROPS = List.of(RepeatGeometry.BLOCK, RepeatGeometry.HALF_DROP);
    /** Likewise for the top/bottom seam, which only a brick shift moves. */
    private static final List<RepeatGeometry> BRICKS = List.of(RepeatGeometry.BLOCK, RepeatGeometry.HALF_BRICK);

    /** Configuration (Configuration Admin pid {@code tessera.plugin.constraints.internal.seam.SeamSolver}). */
    public @interface Config {
        /** Seam scores above this are errors; imaging's calibrated threshold. */
        double errorScore() default SeamMetric.THRESHOLD;

        /** Seam scores above this (and at most errorScore) are warnings. */
        double warnScore() default 1.3;
    }

    private final double errorScore;
    private final double warnScore;

    @Activate
    public SeamSolver(Config config) {
        this(config.errorScore(), config.warnScore());
    }

    /**
     * @param errorScore score above which a seam is an error, &gt; 0
     * @param warnScore  score above which a seam is a warning, ≤ errorScore
     */
    SeamSolver(double errorScore, double warnScore) {
        this.errorScore = errorScore;
        this.warnScore = Math.min(warnScore, errorScore);
    }

    /** @return a solver with the documented defaults (error above 1.5, warning above 1.3), for use outside OSGi */
    public static SeamSolver withDefaults() {
        return new SeamSolver(SeamMetric.THRESHOLD, 1.3);
    }

    @Override
    public ConstraintReport check(Pattern p, ProductionProfile profile) {
        Findings f = new Findings(ID, profile);
        int w = p.tile().width();
        int h = p.tile().height();
        if (w < 4 || h < 4) {
            f.info(RULE, "The tile is " + w + " × " + h + " px, too small to judge its seams.",
                    "Generate a tile of at least 4 × 4 px (64 × 64 or more for a meaningful check).", null, null, null);
            return f.report();
        }
        SeamScore s = SeamMetric.measure(p.tile(), p.repeat());
        f.measure("seam.score", s.score()).measure("seam.vertical", s.vertical()).measure("seam.horizontal", s.horizontal());
        if (s.score() <= warnScore) {
            return f.report();
        }
        Severity severity = s.score() > errorScore ? Severity.ERROR : Severity.WARNING;
        double limit = severity == Severity.ERROR ? errorScore : warnScore;
        String hint = otherRepeat(p, s);
        if (s.vertical() > warnScore) {
            f.add(severity, RULE, seamText(p, "left and right edges", s.vertical(), severity), fix(hint), s.vertical(), limit,
                    "ratio", new Region(w - 1, 0, 1, h));
        }
        if (s.horizontal() > warnScore) {
            f.add(severity, RULE, seamText(p, "top and bottom edges", s.horizontal(), severity), fix(hint), s.horizontal(), limit,
                    "ratio", new Region(0, h - 1, w, 1));
        }
        return f.report();
    }

    /**
     * Blends the failing seam(s) across the wrap ({@link SeamBlend}) over a band of 1/16 of the tile; where that
     * does not bring the seam to {@code warnScore}, or does so only by changing some colour by more than
     * {@value #SMEAR_DE} ΔE2000, the step is more than a ramp (a motif the edge cuts, a change of scene), and the
     * seam is quilted ({@link SeamQuilt}) where the repeat allows: the tile is cut along the
     * least visible path through an overlap of 1/8 with its neighbour, one band narrower (shorter). Failing
     * that, blends over 1/8 and 1/4. Mirror repeats meet themselves at every seam and are not touched.
     */
    @Override
    public RepairResult repair(Pattern p, ProductionProfile profile) {
        ConstraintReport before = check(p, profile);
        if (before.violations().stream().noneMatch(v -> v.severity() != Severity.INFO) || p.repeat().type() == RepeatType.MIRROR) {
            return new RepairResult(p, List.of(), before);
        }
        SeamScore s = SeamMetric.measure(p.tile(), p.repeat());
        boolean vertical = s.vertical() > warnScore;
        boolean horizontal = s.horizontal() > warnScore;
        RepeatLayout layout = RepeatLayout.of(p.tile(), p.repeat());
        RgbImage best = null;
        SeamScore bestScore = s;
        int bestBand = 0;
        for (int div : new int[] {16, 8, 4}) {
            int band = Math.max(1, Math.min(p.tile().width(), p.tile().height()) / div);
            RgbImage t = SeamBlend.blend(p.tile(), layout, vertical, horizontal, band);
            SeamScore after = SeamMetric.measure(t, p.repeat());
            if (after.score() < bestScore.score()) {
                best = t;
                bestScore = after;
                bestBand = band;
            }
            // a blend that passes but changes colours by more than SMEAR_DE is smearing a motif the edge cuts, not easing a ramp
            if (after.score() <= warnScore && (div > 16 || ChangeCost.of(p.tile(), t).maxDe() <= SMEAR_DE)) {
                break;
            }
            if (div == 16) {
                RepairResult quilted = quilt(p, profile, s, vertical, horizontal);
                if (quilted != null) {
                    return quilted;
                }
            }
        }
        if (best == null) {
            return new RepairResult(p, List.of(), before);
        }
        Pattern q = p.withTile(best);
        ChangeCost cost = ChangeCost.of(p.tile(), best);
        String seams = vertical && horizontal ? "both seams" : vertical ? "the left/right seam" : "the top/bottom seam";
        String change = "Blended " + seams + " across the wrap over " + bestBand + " px on each side: seam score " + Num.of(s.score())
                + " → " + Num.of(bestScore.score()) + "; " + cost.changed() + " pixels changed, mean ΔE2000 " + Num.of(cost.meanDe(), 1)
                + ", largest " + Num.of(cost.maxDe(), 1) + ".";
        return new RepairResult(q, List.of(change), check(q, profile));
    }

    /**
     * Quilts every failing seam the repeat allows ({@link SeamQuilt#applies}; top/bottom never on a rotary line,
     * whose repeat height must divide the screen), left/right first, keeping the pixel density: the repeat's
     * physical size shrinks with its pixels.
     *
     * @return the repair, or null when a failing seam cannot be quilted, when tile and neighbour differ by more than
     *         {@value #JOIN_DE} ΔE2000 on average where the cut passes (it would only move the seam), or when the
     *         quilted tile still fails
     */
    private RepairResult quilt(Pattern p, ProductionProfile profile, SeamScore s, boolean vertical, boolean horizontal) {
        RepeatType type = p.repeat().type();
        boolean rotary = profile != null && profile.repeat() != null && profile.repeat().heightDivides() != null;
        if ((vertical && !SeamQuilt.applies(type, true)) || (horizontal && (rotary || !SeamQuilt.applies(type, false)))) {
            return null;
        }
        Pattern q = p;
        StringBuilder joins = new StringBuilder();
        for (boolean leftRight : new boolean[] {true, false}) {
            if (leftRight ? !vertical : !horizontal) {
                continue;
            }
            RgbImage tile = q.tile();
            int band = Math.max(3, (leftRight ? tile.width() : tile.height()) / 8);
            SeamQuilt.Result r = SeamQuilt.quilt(tile, RepeatLayout.of(tile, q.repeat()), leftRight, band);
            if (r == null || r.joinDe() > JOIN_DE) {
                return null; // the two sides agree nowhere in the overlap (a gradient, no texture): the cut would only move the seam
            }
            q = new Pattern(r.tile(), q.repeat(), q.widthCm() * r.tile().width() / tile.width(),
                    q.heightCm() * r.tile().height() / tile.height(), q.labels());
            joins.append(joins.isEmpty() ? "" : "; ").append(leftRight ? "left/right" : "top/bottom").append(" through a ").append(band)
                    .append(" px overlap, the two sides differing by mean ΔE2000 ").append(Num.of(r.joinDe(), 1)).append(" where the cut passes");
        }
        SeamScore after = SeamMetric.measure(q.tile(), q.repeat());
        if (after.score() > warnScore) {
            return null;
        }
        String change = "Quilted the seam (motifs cut at the edge: blending would smear them): the tile is cut along the least visible"
                + " path through its overlap with the neighbour the repeat puts there (" + joins + "); seam score " + Num.of(s.score()) + " → "
                + Num.of(after.score()) + "; the repeat is now " + q.tile().width() + " × " + q.tile().height() + " px, "
                + Num.of(q.widthCm(), 2) + " × " + Num.of(q.heightCm(), 2) + " cm (was " + Num.of(p.widthCm(), 2) + " × "
                + Num.of(p.heightCm(), 2) + ").";
        return new RepairResult(q, List.of(change), check(q, profile));
    }

    private static String seamText(Pattern p, String edges, double ratio, Severity severity) {
        return "The tile's " + edges + " do not meet in its " + p.repeat().label() + " repeat: the step across the seam is "
                + Num.of(ratio) + "× the strongest edges inside the tile"
                + (severity == Severity.ERROR ? ", a line that will show on every repeat." : "; the seam may show on the fabric.");
    }

    private static String fix(String hint) {
        return hint + "Regenerate it with a tileable generator, or retouch the seam and check the repeat preview.";
    }

    /**
     * @return a sentence naming a repeat under which the tile is seamless, or "" when none is; when both
     *         seams fail no single drop or shift can mend both, so nothing is tried (each try costs a full
     *         measurement, about a second at 4096 × 4096)
     */
    private String otherRepeat(Pattern p, SeamScore s) {
        boolean vertical = s.vertical() > warnScore;
        boolean horizontal = s.horizontal() > warnScore;
        if (vertical == horizontal || p.repeat().type() == RepeatType.MIRROR) {
            return "";
        }
        for (RepeatGeometry g : vertical ? DROPS : BRICKS) {
            if (g.equals(p.repeat())) {
                continue;
            }
            double score = SeamMetric.score(p.tile(), g);
            if (score <= warnScore) {
                return "The tile is seamless as a " + g.label() + " repeat (score " + Num.of(score) + "); if it was made for that, set repeat: "
                        + g.label() + ". ";
            }
        }
        return "";
    }
}
