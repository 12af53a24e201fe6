package tessera.plugin.qa.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tessera.api.json.TesseraJson;
import tessera.api.profile.PrintProcess;
import tessera.api.profile.ProductionProfile;
import tessera.api.qa.QaReport;
import tessera.api.qa.QaReport.ColourAccuracy;
import tessera.api.qa.QaReport.Defect;
import tessera.api.qa.QaReport.SeparationOffset;
import tessera.api.qa.QaRequest;
import tessera.imaging.io.ImageFiles;
import tessera.imaging.io.RasterFile;

/**
 * One inspection (#10): the scan is read in bands onto a 75 dpi grid (so a large scan is never held whole),
 * registered to the design under its repeat (coarse on the grid, refined on full-resolution windows),
 * compared in CIELAB after lighting normalisation, run through the defect CNN, and judged against the
 * profile's tolerances. Every user mistake becomes a failed verdict with a reason, never an exception.
 */
final class ScanInspection {
    static final String INSPECTOR = "vision-qa";
    /** The inspection grid's resolution: fine enough for 0.5 mm defects, coarse enough for 2 s per A4 page. */
    static final double GRID_DPI = 75;
    /** Below this normalised cross-correlation the scan does not show the design. */
    static final double MIN_MATCH = 0.45;
    static final double DEFAULT_COLOUR_TOLERANCE = 2.0;
    static final double DEFAULT_REGISTRATION_TOLERANCE_MM = 0.3;
    /** Printed size may differ from the design by this much (fabric shrinks and stretches). */
    static final double SCALE_TOLERANCE = 0.02;
    /** Bound on the inspection grid, so memory does not grow with the scan beyond ~4 MPix of planes. */
    static final double MAX_GRID_PIXELS = 4e6;
    /** A design whose opponent colour planes vary less than this (RMS) is read as one colourway: luma decides. */
    static final double MIN_CHROMA_STD = 0.05;
    /** A placement whose colour fit trails its luma fit by more than this may be on another copy of a motif. */
    static final double COPY_SUSPICION = 0.1;
    private static final boolean DEBUG = Boolean.getBoolean("tessera.qa.debug");

    private ScanInspection() {
    }

    /** What the bench needs besides the report. */
    record Outcome(QaReport report, float[] heat, int gw, int gh, int gridFactor, Similarity map, double imageScore,
            Map<String, Double> stageMs) {
    }

    /** Milliseconds per stage of the inspection on this thread, for bench/qa.sh. */
    private static final ThreadLocal<Map<String, Double>> STAGES = ThreadLocal.withInitial(LinkedHashMap::new);
    private static final ThreadLocal<long[]> CLOCK = ThreadLocal.withInitial(() -> new long[1]);

    private static void lap(String stage) {
        long now = System.nanoTime();
        long[] c = CLOCK.get();
        if (stage != null) {
            STAGES.get().merge(stage, (now - c[0]) / 1e6, Double::sum);
        }
        c[0] = now;
    }

    static Outcome run(QaRequest req, DefectNet net, Path outDir) throws IOException {
        return run(req, net, outDir, ColourTarget.COLORCHECKER);
    }

    /** @param colourReference the ColorChecker reference data (a CGATS .cie file); a missing file skips normalisation */
    static Outcome run(QaRequest req, DefectNet net, Path outDir, Path colourReference) throws IOException {
        STAGES.get().clear();
        lap(null);
        RasterFile source;
        try {
            source = ImageFiles.read(req.source());
        } catch (IOException e) {
            throw new IOException("cannot read the source design " + req.source() + ": " + e.getMessage(), e);
        }
        ScanRaster scan;
        try {
            scan = ScanRaster.open(req.scan());
        } catch (IOException e) {
            throw new IOException("cannot read the scan " + req.scan() + ": " + e.getMessage(), e);
        }
        lap("read-files");
        try (scan) {
            ScannerNormalisation.Prepared prep = ScannerNormalisation.prepare(req.scan(), scan,
                    Double.isNaN(scan.dpi()) ? (source.hasDpi() ? source.dpiX() : 150) : scan.dpi(), colourReference);
            return run(source, prep, req, net, outDir);
        }
    }

    private static Outcome run(RasterFile source, ScannerNormalisation.Prepared prep, QaRequest req, DefectNet net, Path outDir)
            throws IOException {
        Files.createDirectories(outDir);
        ScanRaster scan = prep.scan();
        ProductionProfile profile = req.profile();
        double colourTol = profile == null ? DEFAULT_COLOUR_TOLERANCE : profile.colourToleranceDe();
        double regTol = profile == null ? DEFAULT_REGISTRATION_TOLERANCE_MM : profile.registrationToleranceMm();
        List<String> reasons = new ArrayList<>();
        double srcDpi = source.hasDpi() ? source.dpiX() : 150;
        double scanDpi = Double.isNaN(scan.dpi()) ? srcDpi : scan.dpi();
        // a very large scan (a metre and more) gets a coarser grid so the comparison planes stay within ~4 MPix
        int f = Math.max(Math.max(1, (int) Math.round(scanDpi / GRID_DPI)),
                (int) Math.ceil(Math.sqrt((double) scan.width() * scan.height() / MAX_GRID_PIXELS)));
        int gw = scan.width() / f;
        int gh = scan.height() / f;
        double mmPerGridPx = f * 25.4 / scanDpi;
        Map<String, String> artifacts = new LinkedHashMap<>();
        ScannerNormalisation.writeArtifact(prep, outDir, artifacts);
        if (gw < 48 || gh < 48) {
            reasons.add(String.format(Locale.ROOT, "scan too small to inspect: %d × %d px at %.0f dpi is %.1f × %.1f mm; "
                    + "scan at least %.0f mm square", scan.width(), scan.height(), scanDpi, scan.width() * 25.4 / scanDpi,
                    scan.height() * 25.4 / scanDpi, 48 * mmPerGridPx));
            return finish(new QaReport(INSPECTOR, false, reasons, null, null, null, null, artifacts), outDir, null, gw, gh, f, null, 0);
        }
        float[] grid = readGrid(scan, f, gw, gh);
        if (prep.fit() != null) {
            prep.fit().apply(grid, gw * gh);
        }
        lap("grid");
        float[] luma = Planes.luma(grid, gw, gh);
        double std = Planes.std(luma);
        if (std < 0.01) {
            reasons.add(String.format(Locale.ROOT, "blank scan: the scan is uniform (luma %.2f ± %.3f); nothing printed is "
                    + "visible. Check that the goods were on the scanner bed and the scan is of the printed side",
                    Planes.mean(luma), std));
            return finish(new QaReport(INSPECTOR, false, reasons, null, null, null, null, artifacts), outDir, null, gw, gh, f, null, 0);
        }
        DesignRepeat design = DesignRepeat.of(source.image(), req.repeat());
        DesignRepeat designLuma = design.with(Planes.luma(source.image().planesView(), design.width(), design.height()));
        double scale0 = srcDpi / scanDpi * f;
        // four peaks per angle in one pass: the first round tries each angle's strongest, the second (when those
        // explain nothing) the rest, without correlating again
        List<Registration.Result> candidates = Registration.coarse(luma, gw, gh, designLuma, scale0, 4, 4);
        lap("register-coarse");
        DesignRepeat lumaBlurred = designLuma.with(Planes.blurRepeat(designLuma, designLuma.plane(0), 0.5 * scale0));
        Similarity g = null;
        double fit = -2;
        // candidates are ranked on a quarter of a large grid; the refinement below compares on all of it
        int stride = (long) gw * gh > 250_000 ? 2 : 1;
        // each candidate's luma fit at that stride, kept for the copy check below (NaN: not computed yet)
        double[] candidateFit = new double[candidates.size()];
        java.util.Arrays.fill(candidateFit, Double.NaN);
        for (int round = 0; round < 2 && fit < MIN_MATCH; round++) {
            for (int c = 0; c < candidates.size(); c++) {
                Registration.Result r = candidates.get(c);
                // round 1: the strongest peak per angle explains nothing (a large defect or banding can outweigh the
                // print in the whitened correlation): the next peaks too (#10)
                if ((r.peak() == 0) != (round == 0)) {
                    continue;
                }
                double cf = fit(luma, lumaBlurred, r.map(), gw, gh, stride);
                candidateFit[c] = cf;
                if (DEBUG) {
                    System.err.printf(Locale.ROOT, "coarse %.1f° fit %.3f sharp %.1f%n", Math.toDegrees(r.map().rotationRad()), cf, r.confidence());
                }
                if (cf > fit) {
                    fit = cf;
                    g = r.map();
                }
            }
        }
        lap("register-pick");
        fit = stride == 1 ? fit : fit(luma, lumaBlurred, g, gw, gh);
        Placed placed = refineOnGrid(luma, designLuma, lumaBlurred, new Placed(g, fit), scale0, gw, gh);
        // a motif printed twice in one tile in different inks is the same picture in luma, and the placement can land
        // on the wrong copy (every ink then reads as off); when the design has colour structure and the placement
        // explains the scan's luma clearly better than its colour, every coarse candidate is ranked on both (#10)
        float[][] designOpponent = Planes.opponent(source.image().planesView(), design.width(), design.height());
        if (Math.hypot(Planes.std(designOpponent[0]), Planes.std(designOpponent[1])) >= MIN_CHROMA_STD) {
            float[][] scanOpponent = Planes.opponent(grid, gw, gh);
            DesignRepeat chroma = design.with(Planes.blurRepeat(design, designOpponent[0], 0.5 * scale0),
                    Planes.blurRepeat(design, designOpponent[1], 0.5 * scale0));
            double colourFit = chromaFit(scanOpponent, chroma, placed.map(), gw, gh, stride);
            if (DEBUG) {
                System.err.printf(Locale.ROOT, "placement: luma fit %.3f, colour fit %.3f%n", placed.fit(), colourFit);
            }
            if (colourFit < placed.fit() - COPY_SUSPICION) {
                double score = placed.fit() + colourFit;
                Registration.Result other = null;
                for (int c = 0; c < candidates.size(); c++) {
                    Registration.Result r = candidates.get(c);
                    double lf = Double.isNaN(candidateFit[c]) ? fit(luma, lumaBlurred, r.map(), gw, gh, stride) : candidateFit[c];
                    double cs = lf + chromaFit(scanOpponent, chroma, r.map(), gw, gh, stride);
                    if (cs > score) {
                        score = cs;
                        other = r;
                    }
                }
                if (other != null) {
                    Placed copy = refineOnGrid(luma, designLuma, lumaBlurred, new Placed(other.map(), fit(luma, lumaBlurred, other.map(), gw, gh)),
                            scale0, gw, gh);
                    double copyColour = chromaFit(scanOpponent, chroma, copy.map(), gw, gh, stride);
                    if (DEBUG) {
                        System.err.printf(Locale.ROOT, "another copy: luma fit %.3f, colour fit %.3f%n", copy.fit(), copyColour);
                    }
                    if (copy.fit() + copyColour > placed.fit() + colourFit) {
                        placed = copy;
                    }
                }
            }
        }
        g = placed.map();
        fit = placed.fit();
        lap("register-grid");
        Similarity full = g.fromGrid(f);
        double residualPx = 0;
        if (f > 1) {
            List<Registration.Patch> windows = windows(scan, 160);
            DesignRepeat tpl = Registration.template(designLuma, Math.max(0.3, 0.6 * srcDpi / scanDpi));
            Similarity next = Registration.refine(windows, tpl, full, 12, 60000).map();
            if (fit(luma, lumaBlurred, next.onGrid(f), gw, gh) >= fit - 0.002) {
                full = next;
            }
            residualPx = windowResidual(windows, tpl, full);
            g = full.onGrid(f);
        }
        lap("register-windows");
        float[] expect = Expectation.renderFitted(design, g, grid, gw, gh);
        Palette palette = Palette.of(design);
        Comparison c = new Comparison(grid, expect, gw, gh, palette);
        double match = trimmedNcc(Planes.luma(c.scanRgb, gw, gh), Planes.luma(expect, gw, gh));
        lap("compare");
        double printScale = full.scale() * scanDpi / srcDpi;
        double rotDeg = Math.toDegrees(full.rotationRad());
        double[] period = Registration.superPeriod(design);
        double u0 = Math.floorMod((long) Math.floor(full.u(0, 0) * 1000), (long) (period[0] * 1000)) / 1000.0;
        double v0 = Math.floorMod((long) Math.floor(full.v(0, 0) * 1000), (long) (period[1] * 1000)) / 1000.0;
        QaReport.Registration reg = new QaReport.Registration(ColourCheck.round(u0 * 25.4 / srcDpi), ColourCheck.round(v0 * 25.4 / srcDpi),
                Math.round(rotDeg * 1000) / 1000.0, Math.round(1e4 / printScale) / 1e4, ColourCheck.round(residualPx),
                ColourCheck.round(Math.max(0, match)));
        if (match < MIN_MATCH) {
            reasons.add(String.format(Locale.ROOT, "the scan does not show this design: after the best registration the "
                    + "scan and the design correlate at %.2f (a match is above %.2f). Check that the right design file "
                    + "and the right scan were given", match, MIN_MATCH));
            Overlay.write(c, expect, new float[gw * gh], List.of(), mmPerGridPx, scanDpi / f, outDir.resolve("qa-overlay.png"));
            artifacts.put("overlay", outDir.resolve("qa-overlay.png").toString());
            return finish(new QaReport(INSPECTOR, false, reasons, reg, null, null, null, artifacts), outDir, null, gw, gh, f, full, 0);
        }
        if (Math.abs(1 / printScale - 1) > SCALE_TOLERANCE) {
            reasons.add(String.format(Locale.ROOT, "printed at %.1f %% of the design's size (tolerance ±%.0f %%): the scan's "
                    + "%.0f dpi and the design's %.0f dpi put one repeat at a different size on the goods",
                    100 / printScale, SCALE_TOLERANCE * 100, scanDpi, srcDpi));
        }
        float[] heat = net.heat(c.features, gw, gh);
        lap("cnn");
        double minFeature = profile == null ? 0.5 : Math.max(0.3, profile.minFeatureMm());
        List<Defect> defects = DefectRegions.find(heat, c, mmPerGridPx, minFeature * minFeature);
        ColourAccuracy colour = ColourCheck.measure(c, palette, heat, colourTol);
        for (QaReport.ColourEntry e : colour.perColour()) {
            if (!e.passed()) {
                reasons.add(String.format(Locale.ROOT, "colour %s printed %.2f ΔE00 off (tolerance %.2f)", e.colour(), e.meanDe(), colourTol));
            }
        }
        List<SeparationOffset> seps = List.of();
        boolean screen = profile == null || profile.process() == PrintProcess.ROTARY_SCREEN || profile.process() == PrintProcess.FLATBED_SCREEN;
        if (screen && palette.flat()) {
            seps = SeparationCheck.measure(c, palette, mmPerGridPx);
            for (SeparationOffset s : seps) {
                double d = Math.hypot(s.dxMm(), s.dyMm());
                if (d > regTol) {
                    reasons.add(String.format(Locale.ROOT, "screen %s is %.2f mm off the key screen (dx %.2f, dy %.2f; tolerance %.2f mm)",
                            s.colour(), d, s.dxMm(), s.dyMm(), regTol));
                }
            }
        }
        if (!defects.isEmpty()) {
            Defect d = defects.get(0);
            reasons.add(String.format(Locale.ROOT, "%d defect%s found; worst: %s at (%.1f, %.1f) mm, %.1f × %.1f mm, score %.2f",
                    defects.size(), defects.size() == 1 ? "" : "s", d.kind(), d.xMm(), d.yMm(), d.widthMm(), d.heightMm(), d.score()));
        }
        lap("colour-screens-regions");
        Path overlay = outDir.resolve("qa-overlay.png");
        Overlay.write(c, expect, heat, defects, mmPerGridPx, scanDpi / f, overlay);
        lap("overlay");
        artifacts.put("overlay", overlay.toString());
        QaReport report = new QaReport(INSPECTOR, reasons.isEmpty(), reasons, reg, seps, colour, defects, artifacts);
        return finish(report, outDir, heat, gw, gh, f, full, imageScore(heat, gw, gh));
    }

    private static Outcome finish(QaReport report, Path outDir, float[] heat, int gw, int gh, int f, Similarity map, double score)
            throws IOException {
        Map<String, String> a = new LinkedHashMap<>(report.artifacts());
        Path json = outDir.resolve("qa-report.json");
        a.put("report", json.toString());
        QaReport r = new QaReport(report.inspector(), report.passed(), report.reasons(), report.registration(), report.separations(),
                report.colour(), report.defects(), a);
        Path tmp = outDir.resolve("qa-report.json.tmp");
        Files.writeString(tmp, TesseraJson.write(r));
        Files.move(tmp, json, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return new Outcome(r, heat, gw, gh, f, map, score, new LinkedHashMap<>(STAGES.get()));
    }

    /** A placement on the inspection grid and how well it explains the scan's luma. */
    private record Placed(Similarity map, double fit) {
    }

    /**
     * Gauss–Newton at decreasing blur from a coarse placement. It can walk off on a design with little structure in
     * some direction; each stage is kept only when it fits the scan better than what it started from.
     */
    private static Placed refineOnGrid(float[] luma, DesignRepeat designLuma, DesignRepeat lumaBlurred, Placed start, double scale0,
            int gw, int gh) {
        Similarity g = start.map();
        double fit = start.fit();
        for (double s : new double[] {3, 1.5, 1, 0.7}) {
            Similarity next = Registration.refine(List.of(new Registration.Patch(luma, 0, 0, gw, gh)),
                    Registration.template(designLuma, Math.max(0.3, s * scale0)), g, s > 1 ? 6 : 10, 30000).map();
            double nf = fit(luma, lumaBlurred, next, gw, gh);
            if (DEBUG) {
                System.err.printf(Locale.ROOT, "refine σ %.1f fit %.3f → %.3f (%s)%n", s, fit, nf, next);
            }
            if (nf >= fit) {
                g = next;
                fit = nf;
            }
        }
        return new Placed(g, fit);
    }

    /** Box-averages the scan onto the grid, band by band. */
    static float[] readGrid(ScanRaster scan, int f, int gw, int gh) throws IOException {
        float[] grid = new float[3 * gw * gh];
        int bandRows = Math.max(1, 256 / f);
        int gn = gw * gh;
        for (int j0 = 0; j0 < gh; j0 += bandRows) {
            int rows = Math.min(bandRows, gh - j0);
            float[] band = scan.read(0, j0 * f, gw * f, rows * f);
            float[] small = Planes.boxDown(band, gw * f, rows * f, 3, f, gw, rows);
            for (int c = 0; c < 3; c++) {
                System.arraycopy(small, c * gw * rows, grid, c * gn + j0 * gw, gw * rows);
            }
        }
        return grid;
    }

    /** Full-resolution luma windows on a 3 × 3 layout inside the scan, for the sub-pixel refinement. */
    private static List<Registration.Patch> windows(ScanRaster scan, int side) throws IOException {
        List<Registration.Patch> out = new ArrayList<>();
        int s = Math.min(side, Math.min(scan.width(), scan.height()) / 3);
        for (int j = 0; j < 3; j++) {
            for (int i = 0; i < 3; i++) {
                int x = (int) ((scan.width() - s) * (0.15 + 0.35 * i));
                int y = (int) ((scan.height() - s) * (0.15 + 0.35 * j));
                out.add(new Registration.Patch(Planes.luma(scan.read(x, y, s, s), s, s), x, y, s, s));
            }
        }
        return out;
    }

    /** RMS over the windows of how far each window's own fit moves its centre from the global fit, in scan pixels. */
    private static double windowResidual(List<Registration.Patch> windows, DesignRepeat tpl, Similarity global) {
        double sum = 0;
        for (Registration.Patch p : windows) {
            Similarity local = Registration.refine(List.of(p), tpl, global, 6, 6000).map();
            double cx = p.x0() + p.w() / 2.0;
            double cy = p.y0() + p.h() / 2.0;
            double[] back = global.inverse(local.u(cx, cy), local.v(cx, cy));
            sum += (back[0] - cx) * (back[0] - cx) + (back[1] - cy) * (back[1] - cy);
        }
        return Math.sqrt(sum / windows.size());
    }

    /** How well a registration explains the scan: correlation of the grid's luma with the design's through it. */
    private static double fit(float[] luma, DesignRepeat lumaBlurred, Similarity g, int gw, int gh) {
        return fit(luma, lumaBlurred, g, gw, gh, 1);
    }

    /** @param stride every stride-th row and column: enough to rank coarse candidates (up to 45 of them on A4) */
    private static double fit(float[] luma, DesignRepeat lumaBlurred, Similarity g, int gw, int gh, int stride) {
        float[][] ae = sampled(luma, lumaBlurred, 0, g, gw, gh, stride);
        return ncc(ae[0], ae[1]);
    }

    /**
     * A scan plane and the design's plane {@code plane} through {@code g}, on every {@code stride}-th row and column of
     * the grid: {scan, design}. At stride 1 the scan plane is returned as it is.
     */
    private static float[][] sampled(float[] scan, DesignRepeat design, int plane, Similarity g, int gw, int gh, int stride) {
        int sw = (gw + stride - 1) / stride;
        int sh = (gh + stride - 1) / stride;
        float[] a = stride == 1 ? scan : new float[sw * sh];
        float[] e = new float[sw * sh];
        java.util.stream.IntStream.range(0, sh).parallel().forEach(j -> {
            int y = j * stride;
            for (int i = 0; i < sw; i++) {
                int x = i * stride;
                e[j * sw + i] = design.sample(plane, g.u(x, y), g.v(x, y));
                if (stride > 1) {
                    a[j * sw + i] = scan[y * gw + x];
                }
            }
        });
        return new float[][] {a, e};
    }

    /**
     * How well a registration explains the scan's colour: the joint correlation of the scan's two opponent planes with
     * the design's through it (sums over both planes, so a plane with little variance weighs little).
     */
    static double chromaFit(float[][] scan, DesignRepeat design, Similarity g, int gw, int gh, int stride) {
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int p = 0; p < 2; p++) {
            float[][] ae = sampled(scan[p], design, p, g, gw, gh, stride);
            double[] m = comoments(ae[0], ae[1]);
            sab += m[0];
            saa += m[1];
            sbb += m[2];
        }
        return saa == 0 || sbb == 0 ? 0 : sab / Math.sqrt(saa * sbb);
    }

    static double ncc(float[] a, float[] b) {
        double[] m = comoments(a, b);
        return m[1] == 0 || m[2] == 0 ? 0 : m[0] / Math.sqrt(m[1] * m[2]);
    }

    /** {Σ(a − ā)(b − b̄), Σ(a − ā)², Σ(b − b̄)²}. */
    private static double[] comoments(float[] a, float[] b) {
        double ma = Planes.mean(a);
        double mb = Planes.mean(b);
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            double x = a[i] - ma;
            double y = b[i] - mb;
            sab += x * y;
            saa += x * x;
            sbb += y * y;
        }
        return new double[] {sab, saa, sbb};
    }

    /**
     * Correlation over the three quarters of the pixels that fit {@code a ≈ α·b + β} best. Large defects (missing ink
     * over a third of a low-contrast print) pull the plain correlation of a correctly registered scan under the
     * match threshold and it read as the wrong design (#10); on a wrong design the kept pixels still do not
     * correlate, since dropping residuals keeps the scan near its own fit, not near the design.
     */
    static double trimmedNcc(float[] a, float[] b) {
        int n = a.length;
        float[] r = Planes.fitResiduals(a, b);
        // the quartile from every fourth residual, by selection: sorting even a quarter of an A4 grid costs more than
        // the rest of this
        double[] sample = new double[(n + 3) / 4];
        for (int i = 0; i < sample.length; i++) {
            sample[i] = r[4 * i];
        }
        float cut = (float) Planes.select(sample, 3 * sample.length / 4);
        int k = 0;
        float[] ka = new float[n];
        float[] kb = new float[n];
        for (int i = 0; i < n; i++) {
            if (r[i] <= cut) {
                ka[k] = a[i];
                kb[k++] = b[i];
            }
        }
        return ncc(java.util.Arrays.copyOf(ka, k), java.util.Arrays.copyOf(kb, k));
    }

    /** The image's defect score: the highest 3 × 3 mean of the heat map (one hot pixel alone is noise). */
    static double imageScore(float[] heat, int w, int h) {
        double best = 0;
        for (int y = 1; y < h - 1; y++) {
            for (int x = 1; x < w - 1; x++) {
                double s = 0;
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        s += heat[(y + dy) * w + x + dx];
                    }
                }
                best = Math.max(best, s / 9);
            }
        }
        return best;
    }
}
