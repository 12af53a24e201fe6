package tessera.plugin.constraints.internal.feature;

import java.util.ArrayList;
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
import tessera.imaging.colour.DeltaE;
import tessera.imaging.colour.LabImage;
import tessera.imaging.repeat.RepeatLayout;
import tessera.plugin.constraints.internal.colour.ScreenPalette;
import tessera.plugin.constraints.internal.report.ConstraintRules;
import tessera.plugin.constraints.internal.report.Findings;
import tessera.plugin.constraints.internal.report.Num;

/**
 * Lines and dots finer than the line's {@code minFeatureMm} (#6). The tile is segmented into its
 * colours ({@link ScreenPalette}, each pixel to the nearest palette colour in CIELAB) and each colour
 * layer is opened with a square of side d = {@code minFeatureMm} × px/mm (px/mm = tile width px ÷
 * (width cm × 10)), on the field around the tile as {@link RepeatLayout} lays it out, so a feature that
 * crosses the tile's edge is measured whole ({@link Opening}). Pixels the opening removes belong to
 * features narrower than d. The thinnest feature is the smallest square that removes anything, found by
 * bisection (widths are in whole pixels: a 1 px line measures 1 ÷ px/mm).
 * <p>
 * More than {@code errorAreaPercent} of the tile too thin is an error, less a warning. Continuous-tone
 * designs (which no palette describes) are not measured. The repair merges each too-thin pixel into the
 * colour most of its neighbours outside the too-thin set have (from the outside in), and re-checks.
 */
@Component(service = ConstraintSolver.class, property = ServiceProperties.PLUGIN_ID + "=" + FeatureSizeSolver.ID)
@ConstraintRules({FeatureSizeSolver.SIZE})
public final class FeatureSizeSolver implements ConstraintSolver {
    public static final String ID = "features";
    public static final String SIZE = "feature.size";
    private static final int MAX_PALETTE = 64;
    private static final int REPAIR_ROUNDS = 3;

    /** Configuration (Configuration Admin pid {@code tessera.plugin.constraints.internal.feature.FeatureSizeSolver}). */
    public @interface Config {
        /** More of the tile's area than this (percent) too thin is an error; less is a warning. */
        double errorAreaPercent() default 0.05;

        /** Shades closer than this ΔE2000 are one colour (keep equal to {@code ColourSolver}'s). */
        double mergeDeltaE() default 2.5;

        /** Colours covering less of the tile (percent) are not layers of their own (keep equal to {@code ColourSolver}'s). */
        double minAreaPercent() default 0.1;
    }

    private final double errorArea;
    private final double mergeDe;
    private final double minArea;

    @Activate
    public FeatureSizeSolver(Config config) {
        this(config.errorAreaPercent(), config.mergeDeltaE(), config.minAreaPercent());
    }

    FeatureSizeSolver(double errorAreaPercent, double mergeDeltaE, double minAreaPercent) {
        this.errorArea = Math.clamp(errorAreaPercent, 0, 100) / 100;
        this.mergeDe = Math.clamp(mergeDeltaE, 0, 20);
        this.minArea = Math.clamp(minAreaPercent, 0, 100) / 100;
    }

    /** @return a solver with the documented defaults, for use outside OSGi */
    public static FeatureSizeSolver withDefaults() {
        return new FeatureSizeSolver(0.05, 2.5, 0.1);
    }

    @Override
    public ConstraintReport check(Pattern p, ProductionProfile profile) {
        Findings f = new Findings(ID, profile);
        if (profile == null || profile.minFeatureMm() <= 0) {
            return f.report();
        }
        Analysis a = analyse(p, profile);
        report(a, p, profile, f);
        return f.report();
    }

    @Override
    public RepairResult repair(Pattern p, ProductionProfile profile) {
        if (profile == null || profile.minFeatureMm() <= 0) {
            return new RepairResult(p, List.of(), check(p, profile));
        }
        List<String> changes = new ArrayList<>();
        Pattern q = p;
        Analysis a = analyse(q, profile);
        for (int round = 0; round < REPAIR_ROUNDS && a.thinCount > 0; round++) {
            Merge m = merge(q, a);
            if (m.changed == 0) {
                break;
            }
            q = q.withTile(m.tile);
            long px = (long) a.w * a.h;
            changes.add("Merged " + m.changed + " too-thin pixels (" + Num.of(100.0 * m.changed / px, 3)
                    + " % of the tile) into the colours around them; mean ΔE2000 of the changed pixels "
                    + Num.of(m.meanDe, 1) + ", largest " + Num.of(m.maxDe, 1) + ".");
            a = analyse(q, profile);
        }
        Findings f = new Findings(ID, profile);
        report(a, q, profile, f);
        return new RepairResult(q, changes, f.report());
    }

    /** The segmentation and the too-thin pixels of one tile; {@code labels} null when not measured. */
    private record Analysis(int w, int h, double pxPerMm, int k, RepeatLayout layout, int[] palette, int[] labels,
            boolean[] thin, int thinCount, int worstLabel, int thinnestPx, Region largest) {
    }

    private Analysis analyse(Pattern p, ProductionProfile profile) {
        RgbImage tile = p.tile();
        int w = tile.width();
        int h = tile.height();
        double pxPerMm = w / (p.widthCm() * 10);
        int k = (int) Math.round(profile.minFeatureMm() * pxPerMm);
        RepeatLayout layout = RepeatLayout.of(tile, p.repeat());
        ScreenPalette sp = k < 2 ? null : ScreenPalette.of(tile, mergeDe, minArea, MAX_PALETTE);
        if (sp == null || !sp.fits()) {
            return new Analysis(w, h, pxPerMm, k, layout, new int[0], null, null, 0, -1, 0, null);
        }
        int[] palette = sp.palette();
        int[] labels = segment(tile, palette);
        boolean[] thin = new boolean[w * h];
        int[] perLabel = new int[palette.length];
        int count = 0;
        for (int c = 0; c < palette.length; c++) {
            boolean[] removed = Opening.removed(labels, c, layout, k);
            for (int i = 0; i < removed.length; i++) {
                if (removed[i]) {
                    thin[i] = true;
                    perLabel[c]++;
                    count++;
                }
            }
        }
        if (count == 0) {
            return new Analysis(w, h, pxPerMm, k, layout, palette, labels, thin, 0, -1, 0, null);
        }
        int worst = 0;
        for (int c = 1; c < palette.length; c++) {
            worst = perLabel[c] > perLabel[worst] ? c : worst;
        }
        // smallest square that removes anything: the opening is monotone in the square's side
        int lo = 2;
        int hi = k;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (removesAny(labels, palette.length, layout, mid)) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return new Analysis(w, h, pxPerMm, k, layout, palette, labels, thin, count, worst, lo - 1, largest(thin, w, h));
    }

    private static boolean removesAny(int[] labels, int colours, RepeatLayout layout, int k) {
        for (int c = 0; c < colours; c++) {
            for (boolean r : Opening.removed(labels, c, layout, k)) {
                if (r) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Each pixel to the nearest palette colour in CIELAB (ΔE76). */
    private static int[] segment(RgbImage tile, int[] palette) {
        float[] lab = LabImage.of(tile).planesView();
        float[] pal = LabImage.of(RgbImage.fromPackedRgb(palette.length, 1, palette)).planesView();
        int n = tile.width() * tile.height();
        int m = palette.length;
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            double best = Double.MAX_VALUE;
            for (int c = 0; c < m; c++) {
                double dl = lab[i] - pal[c];
                double da = lab[n + i] - pal[m + c];
                double db = lab[2 * n + i] - pal[2 * m + c];
                double d = dl * dl + da * da + db * db;
                if (d < best) {
                    best = d;
                    labels[i] = c;
                }
            }
        }
        return labels;
    }

    /** Bounding box of the largest 8-connected too-thin area (within the tile, not across its edges). */
    private static Region largest(boolean[] thin, int w, int h) {
        boolean[] seen = new boolean[thin.length];
        int[] queue = new int[thin.length];
        int bestSize = 0;
        Region best = null;
        for (int s = 0; s < thin.length; s++) {
            if (!thin[s] || seen[s]) {
                continue;
            }
            int head = 0;
            int tail = 0;
            queue[tail++] = s;
            seen[s] = true;
            int x0 = w;
            int y0 = h;
            int x1 = -1;
            int y1 = -1;
            while (head < tail) {
                int i = queue[head++];
                int x = i % w;
                int y = i / w;
                x0 = Math.min(x0, x);
                x1 = Math.max(x1, x);
                y0 = Math.min(y0, y);
                y1 = Math.max(y1, y);
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int nx = x + dx;
                        int ny = y + dy;
                        if (nx >= 0 && ny >= 0 && nx < w && ny < h) {
                            int j = ny * w + nx;
                            if (thin[j] && !seen[j]) {
                                seen[j] = true;
                                queue[tail++] = j;
                            }
                        }
                    }
                }
            }
            if (tail > bestSize) {
                bestSize = tail;
                best = new Region(x0, y0, x1 - x0 + 1, y1 - y0 + 1);
            }
        }
        return best;
    }

    private void report(Analysis a, Pattern p, ProductionProfile profile, Findings f) {
        double min = profile.minFeatureMm();
        f.measure("feature.minPx", min * a.pxPerMm);
        if (a.labels == null) {
            if (a.k >= 2) {
                f.info(SIZE, "The design is in continuous tone or has more than " + MAX_PALETTE
                        + " colours, so its lines and dots were not measured against the " + Num.of(min) + " mm "
                        + holder(profile) + " holds.", "Check fine detail on a strike-off.", null, min, "mm");
            }
            return;
        }
        double fraction = a.thinCount / ((double) a.w * a.h);
        f.measure("feature.thinPercent", 100 * fraction);
        if (a.thinCount == 0) {
            return;
        }
        double thinnest = a.thinnestPx / a.pxPerMm;
        f.measure("feature.thinnestMm", thinnest);
        Severity severity = fraction > errorArea ? Severity.ERROR : Severity.WARNING;
        Region r = a.largest;
        String message = "Lines and dots of " + Num.of(thinnest) + " mm in " + String.format("#%06x", a.palette[a.worstLabel])
                + " are finer than the " + Num.of(min) + " mm " + holder(profile) + " holds; " + Num.of(100 * fraction, 3)
                + " % of the tile would " + (profile.screen() != null ? "not open in the screen or fill in" : "break up or blur")
                + ", the largest patch at " + r.x() + ", " + r.y() + " (" + r.width() + " × " + r.height() + " px).";
        double scale = min / thinnest;
        String fix = "Thicken them to at least " + Num.of(min) + " mm (" + Num.of(min * a.pxPerMm, 1)
                + " px at this size), enlarge the repeat to " + Num.size(p.widthCm() * scale, p.heightCm() * scale)
                + ", or let the repair merge them into the colour around them.";
        f.add(severity, SIZE, message, fix, thinnest, min, "mm", r);
    }

    /** What holds the minimum feature, in the trade's words: "a 125-mesh screen". */
    private static String holder(ProductionProfile profile) {
        return switch (profile.process()) {
            case ROTARY_SCREEN -> profile.screen() == null ? "the screen"
                    : "a " + Math.round(profile.screen().meshPerCm() * 2.54 / 5) * 5 + "-mesh screen";
            case FLATBED_SCREEN -> profile.screen() == null ? "the screen"
                    : "a " + Num.of(profile.screen().meshPerCm(), 0) + "T mesh";
            case JACQUARD -> profile.weave() == null ? "the weave"
                    : "a sett of " + Num.of(profile.weave().endsPerCm(), 0) + " ends/cm";
            case DIGITAL_INKJET, DYE_SUBLIMATION -> "the ink's spread on " + profile.id();
        };
    }

    private record Merge(RgbImage tile, int changed, double meanDe, double maxDe) {
    }

    /** Merges the too-thin pixels into the majority colour of their neighbours outside the set, from the outside in. */
    private static Merge merge(Pattern p, Analysis a) {
        int w = a.w;
        int h = a.h;
        int n = w * h;
        int[] labels = a.labels.clone();
        boolean[] pending = a.thin.clone();
        int[] assigned = new int[n];
        java.util.Arrays.fill(assigned, -1);
        int[] votes = new int[a.palette.length];
        boolean progress = true;
        while (progress) {
            progress = false;
            List<int[]> done = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (!pending[i]) {
                    continue;
                }
                java.util.Arrays.fill(votes, 0);
                int x = i % w;
                int y = i / w;
                int own = a.labels[i];
                boolean any = false;
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int j = a.layout.tileIndex(x + dx, y + dy);
                        if ((dx != 0 || dy != 0) && !pending[j] && labels[j] != own) {
                            votes[labels[j]]++;
                            any = true;
                        }
                    }
                }
                if (any) {
                    int best = 0;
                    for (int c = 1; c < votes.length; c++) {
                        best = votes[c] > votes[best] ? c : best;
                    }
                    done.add(new int[] {i, best});
                }
            }
            for (int[] d : done) {
                pending[d[0]] = false;
                labels[d[0]] = d[1];
                assigned[d[0]] = d[1];
                progress = true;
            }
        }
        float[] planes = p.tile().planes();
        float[] lab = LabImage.of(p.tile()).planesView();
        float[] pal = LabImage.of(RgbImage.fromPackedRgb(a.palette.length, 1, a.palette)).planesView();
        int m = a.palette.length;
        int changed = 0;
        double sum = 0;
        double max = 0;
        for (int i = 0; i < n; i++) {
            int c = assigned[i];
            if (c < 0) {
                continue;
            }
            int rgb = a.palette[c];
            for (int ch = 0; ch < 3; ch++) {
                planes[ch * n + i] = ((rgb >> (16 - 8 * ch)) & 0xff) / 255f;
            }
            double de = DeltaE.ciede2000(lab[i], lab[n + i], lab[2 * n + i], pal[c], pal[m + c], pal[2 * m + c]);
            sum += de;
            max = Math.max(max, de);
            changed++;
        }
        return new Merge(RgbImage.wrap(w, h, planes), changed, changed == 0 ? 0 : sum / changed, max);
    }
}
