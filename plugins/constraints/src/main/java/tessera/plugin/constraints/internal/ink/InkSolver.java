package tessera.plugin.constraints.internal.ink;

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
import tessera.api.profile.InkjetSpec;
import tessera.api.profile.ProductionProfile;
import tessera.imaging.icc.CmykSeparation;
import tessera.plugin.constraints.internal.report.ChangeCost;
import tessera.plugin.constraints.internal.report.ConstraintRules;
import tessera.plugin.constraints.internal.report.Findings;
import tessera.plugin.constraints.internal.report.Num;

/**
 * Ink on inkjet and dye-sublimation lines (#6). Every pixel is separated as the {@code cmyk-tiff}
 * exporter separates it, into the line's own output profile ({@link LineIcc}: {@code inkjet.iccProfile}),
 * through an {@link InkTable}:
 * <ul>
 * <li>{@code ink.coverage}: total area coverage (C + M + Y + K) above the line's
 * {@code inkjet.maxCoveragePercent}: the fabric floods, bleeds, cockles (transfer paper) or does not dry.
 * More than {@code errorAreaPercent} of the tile over the limit is an error, less a warning.</li>
 * <li>{@code ink.gamut}: colours whose round trip sRGB → CMYK → sRGB (relative colorimetric) moves them by
 * more than the line's {@code colourToleranceDe}: the line cannot print them and will print its nearest
 * colour. Above {@code gamutWarnPercent} of the tile a warning; lines with more inks than CMYK only get an
 * info, since their extra inks print colours a CMYK profile cannot describe.</li>
 * </ul>
 * The repair limits the ink ({@link InkLimit}: grey component replacement, then less C, M, Y) and maps
 * out-of-gamut colours to what the line prints, so the design shows what will come off the machine; the
 * change and its ΔE2000 cost are reported.
 */
@Component(service = ConstraintSolver.class, property = ServiceProperties.PLUGIN_ID + "=" + InkSolver.ID)
@ConstraintRules({InkSolver.COVERAGE, InkSolver.GAMUT})
public final class InkSolver implements ConstraintSolver {
    public static final String ID = "inks";
    public static final String COVERAGE = "ink.coverage";
    public static final String GAMUT = "ink.gamut";
    /** Total ink within this much (a fraction, 1 percentage point) over the limit is measurement noise. */
    static final double TAC_SLACK = 0.01;
    private static final int GRID = 16;

    /** Configuration (Configuration Admin pid {@code tessera.plugin.constraints.internal.ink.InkSolver}). */
    public @interface Config {
        /** More of the tile than this (percent) over the ink limit is an error; less is a warning. */
        double errorAreaPercent() default 1;

        /** More of the tile than this (percent) out of gamut is a warning; less is an info. */
        double gamutWarnPercent() default 1;
    }

    private final double errorArea;
    private final double gamutWarn;

    @Activate
    public InkSolver(Config config) {
        this(config.errorAreaPercent(), config.gamutWarnPercent());
    }

    InkSolver(double errorAreaPercent, double gamutWarnPercent) {
        this.errorArea = Math.clamp(errorAreaPercent, 0, 100) / 100;
        this.gamutWarn = Math.clamp(gamutWarnPercent, 0, 100) / 100;
    }

    /** @return a solver with the documented defaults, for use outside OSGi */
    public static InkSolver withDefaults() {
        return new InkSolver(1, 1);
    }

    /** What the check found in one tile. */
    private record Census(long px, long over, double maxTac, long outOfGamut, double gamutDeSum, double maxDe, Region overWhere,
            Region gamutWhere) {
    }

    @Override
    public ConstraintReport check(Pattern p, ProductionProfile profile) {
        Findings f = new Findings(ID, profile);
        InkjetSpec ink = profile == null ? null : profile.inkjet();
        if (ink == null) {
            return f.report();
        }
        InkTable table = table(profile);
        report(census(p.tile(), table), table, profile, f);
        return f.report();
    }

    @Override
    public RepairResult repair(Pattern p, ProductionProfile profile) {
        InkjetSpec ink = profile == null ? null : profile.inkjet();
        if (ink == null) {
            return new RepairResult(p, List.of(), check(p, profile));
        }
        InkTable table = table(profile);
        Census before = census(p.tile(), table);
        RgbImage tile = p.tile();
        float[] src = tile.planesView();
        int n = tile.width() * tile.height();
        float[] out = src.clone();
        RgbImage repaired = tile;
        Census after = before;
        // a colour lightened under the ink limit can land just outside a small (uncoated) gamut: map again, at most
        // three rounds; each round moves only what the previous one left outside
        for (int round = 0; round < 3 && (after.over > 0 || after.outOfGamut > 0); round++) {
            float[] in = out.clone();
            float[] d = new float[3];
            for (int i = 0; i < n; i++) {
                table.read(in[i], in[n + i], in[2 * n + i], d, true);
                for (int c = 0; c < 3; c++) {
                    out[c * n + i] = Math.clamp(in[c * n + i] + d[c], 0f, 1f);
                }
            }
            settle(table.separation(), out, n, table.limit());
            repaired = RgbImage.wrap(tile.width(), tile.height(), out.clone());
            after = census(repaired, table);
        }
        ChangeCost cost = ChangeCost.of(tile, repaired);
        Findings f = new Findings(ID, profile);
        report(after, table, profile, f);
        if (cost.changed() == 0) {
            return new RepairResult(p, List.of(), f.report());
        }
        String change = "Limited ink to " + Num.of(ink.maxCoveragePercent()) + " % and mapped colours the line cannot print to the"
                + " nearest it can (" + table.separation().profile().description() + "): " + cost.changed() + " pixels changed (" + Num.of(100.0 * cost.changed() / n, 2)
                + " % of the tile), mean ΔE2000 of the changed pixels " + Num.of(cost.meanDe(), 1) + ", largest " + Num.of(cost.maxDe(), 1)
                + "; area over the ink limit " + Num.of(100.0 * before.over / n, 2) + " → " + Num.of(100.0 * after.over / n, 2)
                + " %, out of gamut " + Num.of(100.0 * before.outOfGamut / n, 2) + " → " + Num.of(100.0 * after.outOfGamut / n, 2) + " %.";
        return new RepairResult(p.withTile(repaired), List.of(change), f.report());
    }

    /**
     * The table's grid is interpolated; where the separation bends sharply (the darkest colours) a repaired
     * pixel can still need more ink than the limit. Those pixels, found through imaging's own separation,
     * are lightened one by one ({@link Lightening}).
     */
    private static void settle(CmykSeparation separation, float[] planes, int n, double limit) {
        int w = Math.min(n, 16384);
        int h = (n + w - 1) / w;
        float[] padded = new float[3 * w * h];
        for (int c = 0; c < 3; c++) {
            System.arraycopy(planes, c * n, padded, c * w * h, n);
        }
        float[] ink = separation.separate(RgbImage.wrap(w, h, padded)).planesView();
        int m = w * h;
        int[] over = new int[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (ink[i] + ink[m + i] + ink[2 * m + i] + ink[3 * m + i] > limit + TAC_SLACK / 2) {
                over[k++] = i;
            }
        }
        float[] dark = new float[3 * k];
        for (int j = 0; j < k; j++) {
            for (int c = 0; c < 3; c++) {
                dark[c * k + j] = planes[c * n + over[j]];
            }
        }
        float[] light = Lightening.underLimit(separation, dark, k, limit);
        for (int j = 0; j < k; j++) {
            for (int c = 0; c < 3; c++) {
                planes[c * n + over[j]] = light[c * k + j];
            }
        }
    }

    /** The line's ink table (shared through {@link LineIcc}: the check, its repair and the ink penalty read one). */
    static InkTable table(ProductionProfile profile) {
        return LineIcc.inkTable(LineIcc.of(profile), profile.inkjet().maxCoveragePercent() / 100, tolerance(profile));
    }

    private static double tolerance(ProductionProfile profile) {
        return Math.max(0.5, profile.colourToleranceDe());
    }

    private Census census(RgbImage tile, InkTable table) {
        int w = tile.width();
        int h = tile.height();
        float[] src = tile.planesView();
        int n = w * h;
        long[] overCells = new long[GRID * GRID];
        long[] gamutCells = new long[GRID * GRID];
        long over = 0;
        long oog = 0;
        double maxTac = 0;
        double deSum = 0;
        double maxDe = 0;
        float[] v = new float[2];
        for (int y = 0; y < h; y++) {
            int gy = y * GRID / h;
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                table.read(src[i], src[n + i], src[2 * n + i], v, false);
                maxTac = Math.max(maxTac, v[0]);
                int cell = gy * GRID + x * GRID / w;
                if (v[0] > table.limit() + TAC_SLACK) {
                    over++;
                    overCells[cell]++;
                }
                if (v[1] > table.tolerance()) {
                    oog++;
                    gamutCells[cell]++;
                    deSum += v[1];
                    maxDe = Math.max(maxDe, v[1]);
                }
            }
        }
        return new Census(n, over, maxTac, oog, deSum, maxDe, where(overCells, w, h), where(gamutCells, w, h));
    }

    /** @return the cell of a 16 × 16 grid over the tile holding the most flagged pixels, or null when none */
    private static Region where(long[] cells, int w, int h) {
        int best = -1;
        for (int i = 0; i < cells.length; i++) {
            if (cells[i] > 0 && (best < 0 || cells[i] > cells[best])) {
                best = i;
            }
        }
        if (best < 0) {
            return null;
        }
        int gx = best % GRID;
        int gy = best / GRID;
        int x0 = (int) ((long) gx * w / GRID);
        int y0 = (int) ((long) gy * h / GRID);
        int x1 = (int) ((long) (gx + 1) * w / GRID);
        int y1 = (int) ((long) (gy + 1) * h / GRID);
        return new Region(x0, y0, Math.max(1, x1 - x0), Math.max(1, y1 - y0));
    }

    private void report(Census c, InkTable table, ProductionProfile profile, Findings f) {
        InkjetSpec ink = profile.inkjet();
        double overPct = 100.0 * c.over / c.px;
        double oogPct = 100.0 * c.outOfGamut / c.px;
        double meanDe = c.outOfGamut == 0 ? 0 : c.gamutDeSum / c.outOfGamut;
        f.measure("ink.maxCoveragePercent", 100 * c.maxTac).measure("ink.overLimitPercent", overPct)
                .measure("ink.outOfGamutPercent", oogPct).measure("ink.outOfGamutMeanDe", meanDe);
        if (c.over > 0) {
            Severity s = c.over > errorArea * c.px ? Severity.ERROR : Severity.WARNING;
            f.add(s, COVERAGE, "Total ink reaches " + Num.of(100 * c.maxTac, 0) + " % where " + profile.id() + " lays down at most "
                    + Num.of(ink.maxCoveragePercent()) + " %; " + Num.of(overPct, 2) + " % of the tile is over the limit"
                    + (profile.process().name().contains("SUBLIMATION") ? ": the transfer paper cockles and the ink bleeds."
                            : ": the fabric floods, the ink bleeds and does not dry."),
                    "Repair limits the ink (grey component replacement, then less C, M, Y; the cmyk-tiff exporter applies the same"
                            + " limit), or lighten the darkest colours of the design.",
                    100 * c.maxTac, ink.maxCoveragePercent(), "%", c.overWhere);
        }
        if (c.outOfGamut > 0) {
            boolean extraInks = ink.inks().size() > 4;
            Severity s = extraInks || c.outOfGamut <= gamutWarn * c.px ? Severity.INFO : Severity.WARNING;
            String icc = table.separation().profile().description();
            f.add(s, GAMUT, Num.of(oogPct, 2) + " % of the tile is outside the gamut of " + icc + " by more than the line's "
                    + Num.of(tolerance(profile)) + " ΔE2000 (mean " + Num.of(meanDe, 1) + ", largest " + Num.of(c.maxDe, 1)
                    + "): the line prints its nearest colour there"
                    + (extraInks ? "; measured against that CMYK profile, while this line's " + ink.inks().size() + " inks print more." : "."),
                    "Repair maps those colours to what the line prints, so the design shows the cloth; or choose colours inside the gamut.",
                    oogPct, 100 * gamutWarn, "%", c.gamutWhere);
        }
    }

    @Override
    public String toString() {
        return "InkSolver[ink.coverage, ink.gamut; the line's inkjet.iccProfile]";
    }
}
