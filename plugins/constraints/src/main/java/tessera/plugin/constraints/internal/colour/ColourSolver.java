package tessera.plugin.constraints.internal.colour;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import tessera.api.ServiceProperties;
import tessera.api.constraint.ConstraintReport;
import tessera.api.constraint.ConstraintSolver;
import tessera.api.constraint.RepairResult;
import tessera.api.pattern.Pattern;
import tessera.api.profile.ProductionProfile;
import tessera.imaging.colour.DeltaE;
import tessera.plugin.constraints.internal.report.ConstraintRules;
import tessera.plugin.constraints.internal.report.Findings;
import tessera.plugin.constraints.internal.report.Num;

/**
 * Colour count against the line's screens or yarns (#6), counted after perceptual merging
 * ({@link ColourCensus}); the repair reduces the palette to the line's maximum by k-means in CIELAB
 * ({@link PaletteReduction}) and reports its ΔE2000 cost. Lines without a colour limit (inkjet,
 * sublimation) and checks without a profile only measure.
 *
 * <p>A brand palette (the {@code brandPalette} property, or a pattern's {@value #BRAND_LABEL} label) is a
 * requirement of its own, {@code colour.brand}, on every line and without one (#6): a design with colours that
 * are no brand colour fails it, so the pipeline's repair, which runs only for failed checks, maps the design into
 * the brand's colours whenever a palette is given, also when its colour count already fits the line.
 */
@Component(service = ConstraintSolver.class, property = ServiceProperties.PLUGIN_ID + "=" + ColourSolver.ID)
@ConstraintRules({ColourSolver.COUNT, ColourSolver.REDUCTION, ColourSolver.BRAND})
public final class ColourSolver implements ConstraintSolver {
    public static final String ID = "colours";
    public static final String COUNT = "colour.count";
    public static final String REDUCTION = "colour.reduction";
    public static final String BRAND = "colour.brand";
    /** Pattern label naming the job's brand palette ({@code #rrggbb} colours, space separated); it wins over {@code brandPalette}. */
    public static final String BRAND_LABEL = "brand.palette";
    /** Mean ΔE2000 of a reduction above which it warns, when the profile names no colour tolerance. */
    static final double DEFAULT_TOLERANCE_DE = 3;
    /** Above this share of the area in uncounted specks, the count understates what the screens must carry. */
    static final double SPECKLE_WARNING = 0.05;

    /** Configuration (Configuration Admin pid {@code tessera.plugin.constraints.internal.colour.ColourSolver}). */
    public @interface Config {
        /**
         * Shades closer than this ΔE2000 count as one colour. 2.5 lies between a just-noticeable difference
         * (about 1) and the 3 at which patches side by side read as different colours.
         */
        double mergeDeltaE() default 2.5;

        /** Colours (with their merged shades) covering less than this percentage of the tile are not counted. */
        double minAreaPercent() default 0.1;

        /** Error-diffuse the reduced palette instead of mapping each colour to its nearest. */
        boolean dither() default false;

        /**
         * A fixed (brand) palette the reduction must print in, as {@code #rrggbb} colours; empty (the default)
         * lets k-means choose the colours from the design.
         */
        String[] brandPalette() default {};
    }

    private final double mergeDe;
    private final double minArea;
    private final boolean dither;
    private final int[] brand;

    @Activate
    public ColourSolver(Config config) {
        this(config.mergeDeltaE(), config.minAreaPercent(), config.dither(), Colourway.parse(config.brandPalette()));
    }

    ColourSolver(double mergeDeltaE, double minAreaPercent, boolean dither) {
        this(mergeDeltaE, minAreaPercent, dither, new int[0]);
    }

    ColourSolver(double mergeDeltaE, double minAreaPercent, boolean dither, int[] brand) {
        this.mergeDe = Math.clamp(mergeDeltaE, 0, 20);
        this.minArea = Math.clamp(minAreaPercent, 0, 100) / 100;
        this.dither = dither;
        this.brand = brand.clone();
    }

    /** @return a solver with the documented defaults (merge within 2.5 ΔE2000, ignore under 0.1 %, no dithering) */
    public static ColourSolver withDefaults() {
        return new ColourSolver(2.5, 0.1, false);
    }

    /** @return a solver like this one with dithering on or off */
    public ColourSolver withDither(boolean on) {
        return new ColourSolver(mergeDe, minArea * 100, on, brand);
    }

    /** @return a solver like this one that reduces to (at most the line's count of) these brand colours, 0xRRGGBB */
    public ColourSolver withBrandPalette(int... colours) {
        return new ColourSolver(mergeDe, minArea * 100, dither, colours);
    }

    @Override
    public ConstraintReport check(Pattern p, ProductionProfile profile) {
        Findings f = new Findings(ID, profile);
        ColourHistogram colours = ColourHistogram.of(p.tile());
        LabBins bins = LabBins.of(colours);
        check(ColourCensus.of(colours, bins, mergeDe, minArea), profile, f);
        checkBrand(bins, brand(p), f);
        return f.report();
    }

    /** @return the brand palette in force for this pattern: its label's, else the configured one; empty when none */
    private int[] brand(Pattern p) {
        String label = p.labels().get(BRAND_LABEL);
        if (label == null || label.isBlank()) {
            return brand;
        }
        try {
            return Colourway.parse(label.strip().split("[\\s,]+"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("pattern label " + BRAND_LABEL + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@code colour.brand}: the share of the tile in colours farther than the merge distance from every brand
     * colour. Above {@code minAreaPercent} (below it is anti-aliasing along edges) it is an error.
     */
    private void checkBrand(LabBins bins, int[] palette, Findings f) {
        if (palette.length == 0) {
            return;
        }
        double[] lab = PaletteMap.lab(palette);
        long off = 0;
        double worst = 0;
        int worstBin = -1;
        for (int b = 0; b < bins.size(); b++) {
            double nearest = Double.POSITIVE_INFINITY;
            for (int j = 0; j < palette.length; j++) {
                nearest = Math.min(nearest, DeltaE.ciede2000(bins.lab(b, 0), bins.lab(b, 1), bins.lab(b, 2), lab[3 * j], lab[3 * j + 1],
                        lab[3 * j + 2]));
            }
            if (nearest > mergeDe) {
                off += bins.weight(b);
                if (nearest > worst) {
                    worst = nearest;
                    worstBin = b;
                }
            }
        }
        double share = (double) off / bins.total();
        f.measure("colour.offBrandPercent", 100 * share);
        if (share > minArea) {
            f.error(BRAND, Num.of(100 * share, 1) + " % of the design is in colours that are not among the brand's " + palette.length
                    + " colours (farther than " + Num.of(mergeDe) + " ΔE2000 from each; the farthest, L* a* b* "
                    + Num.of(bins.lab(worstBin, 0), 0) + " " + Num.of(bins.lab(worstBin, 1), 0) + " " + Num.of(bins.lab(worstBin, 2), 0)
                    + ", by " + Num.of(worst, 1) + ").",
                    "Repair maps the design into the brand palette (nearest brand colours, ΔE2000 cost reported), or recolour it by hand.",
                    100 * share, 100 * minArea, "%");
        }
    }

    @Override
    public RepairResult repair(Pattern p, ProductionProfile profile) {
        ColourHistogram colours = ColourHistogram.of(p.tile());
        LabBins bins = LabBins.of(colours);
        ColourCensus before = ColourCensus.of(colours, bins, mergeDe, minArea);
        int[] brand = brand(p);
        // with a brand palette any design is re-coloured into the brand's colours, on any line or none
        boolean toBrand = brand.length > 0;
        boolean limited = profile != null && profile.maxColours() != null;
        if (!toBrand && (!limited || before.colours() <= profile.maxColours())) {
            Findings f = new Findings(ID, profile);
            check(before, profile, f);
            return new RepairResult(p, List.of(), f.report());
        }
        int k = limited ? profile.maxColours() : brand.length;
        PaletteReduction.Result r = toBrand ? PaletteReduction.reduceToBrand(p.tile(), colours, bins, brand, k, dither)
                : PaletteReduction.reduce(p.tile(), colours, bins, k, dither);
        Pattern q = p.withTile(r.tile());
        List<String> changes = new ArrayList<>();
        long used = java.util.Arrays.stream(r.area()).filter(a -> a > 0).count(); // brand colours no pixel went to are not printed
        String how = toBrand ? " into " + used + " of the " + brand.length + " brand colours" : " by k-means in CIELAB";
        boolean fewer = before.continuousTone() || before.colours() > used;
        String what = before.continuousTone() ? "reduced a continuous-tone design to " + used + " colours"
                : fewer ? "reduced " + before.colours() + " colours to " + used : "mapped " + before.colours() + " colours";
        changes.add(what + how + (dither ? " with error diffusion" : "") + " (ΔE2000 mean "
                + Num.of(r.meanDe(), 1) + ", 95 % of pixels within " + Num.of(r.p95De(), 1) + ", max " + Num.of(r.maxDe(), 1) + ")");
        changes.add("palette: " + palette(r));
        Findings f = new Findings(ID, profile);
        ColourHistogram after = ColourHistogram.of(q.tile());
        LabBins afterBins = LabBins.of(after);
        check(ColourCensus.of(after, afterBins, mergeDe, minArea), profile, f);
        checkBrand(afterBins, brand, f);
        f.measure("colour.reduction.meanDe2000", r.meanDe()).measure("colour.reduction.p95De2000", r.p95De())
                .measure("colour.reduction.maxDe2000", r.maxDe());
        double tolerance = profile != null && profile.colourToleranceDe() > 0 ? profile.colourToleranceDe() : DEFAULT_TOLERANCE_DE;
        if (r.meanDe() > tolerance) {
            f.warning(REDUCTION, "Reducing to " + r.palette().length + " colours changed the design by " + Num.of(r.meanDe(), 1)
                    + " ΔE2000 on average, more than the " + Num.of(tolerance, 1) + " ΔE2000 colour tolerance"
                    + (profile == null ? "" : " of " + profile.id()) + "; the result may look noticeably different.",
                    "Review the reduced design, regenerate it with " + k + " colours (the request's colours field)"
                            + (toBrand ? ", or widen the brand palette." : ", or choose a line with more "
                                    + (profile.weave() != null ? "yarn colours." : "screens.")),
                    r.meanDe(), tolerance, "ΔE2000");
        }
        return new RepairResult(q, changes, f.report());
    }

    private static void check(ColourCensus c, ProductionProfile profile, Findings f) {
        f.measure("colour.count", c.colours()).measure("colour.distinct", c.distinct())
                .measure("colour.ignoredPercent", c.ignoredFraction() * 100).measure("colour.mergeDe2000", c.mergeDe());
        if (profile == null || profile.maxColours() == null) {
            return;
        }
        int max = profile.maxColours();
        if (c.colours() <= max) {
            if (c.ignoredFraction() > SPECKLE_WARNING) {
                f.warning(COUNT, Num.of(c.ignoredFraction() * 100, 1) + " % of the design lies in colours covering under "
                        + Num.of(c.minAreaFraction() * 100, 2) + " % each (speckle, noise or fine gradients); they are not counted"
                        + " and will print in the nearest of its " + c.colours() + " colours.",
                        "Flatten the speckled areas or gradients, or accept that they print in the nearest counted colour.",
                        c.ignoredFraction() * 100, SPECKLE_WARNING * 100, "%");
            }
            return;
        }
        String counted = c.continuousTone()
                ? "is continuous-tone (photographic, noisy or graded): no palette describes it, even after merging shades within "
                        + Num.of(c.mergeDe()) + " ΔE2000"
                : "has " + c.colours() + " colours after merging shades within " + Num.of(c.mergeDe()) + " ΔE2000"
                        + (c.ignoredFraction() > 0 ? " and ignoring " + Num.of(c.ignoredFraction() * 100, 2)
                                + " % of the area in colours under " + Num.of(c.minAreaFraction() * 100, 2) + " % each (anti-aliasing)" : "");
        f.error(COUNT, "The design " + counted + "; " + profile.id() + " prints at most " + max + per(profile) + ".",
                "Reduce the palette to " + max + " colours (the repair does this by k-means in CIELAB and reports the ΔE2000 change)"
                        + (c.continuousTone() ? ", print it on a digital inkjet line," : "") + " or regenerate it with " + max
                        + " colours (the request's colours field).",
                (double) c.colours(), (double) max, "colours");
    }

    private static String per(ProductionProfile profile) {
        return switch (profile.process()) {
            case ROTARY_SCREEN, FLATBED_SCREEN -> ", one per screen";
            case JACQUARD -> ", one per yarn colour";
            default -> "";
        };
    }

    /** @return e.g. "#f4ecd8 62.5 %, #1d3fbb 25 %", largest area first */
    private static String palette(PaletteReduction.Result r) {
        return IntStream.range(0, r.palette().length).boxed()
                .sorted(Comparator.comparingDouble((Integer j) -> -r.area()[j]).thenComparing(j -> j))
                .map(j -> String.format(Locale.ROOT, "#%06x %s %%", r.palette()[j], Num.of(r.area()[j] * 100, 1)))
                .collect(Collectors.joining(", "));
    }
}
