package tessera.plugin.qa.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Logger;

import tessera.api.json.TesseraJson;

/**
 * A colour target beside the goods on the scanner bed (#10). Its box comes with the scan as {@code SCAN.chart.json}
 * ({@link ChartBox}, millimetres from the scan's top left). The chart is cut off the inspected area (the largest
 * strip of the scan beside it), and its patches give the scanner correction the inspection applies before ΔE2000.
 * Without the reference data (Debian's {@code argyll-ref}) the chart is still cut off and the inspection goes on
 * unnormalised, saying so.
 */
final class ScannerNormalisation {
    private static final Logger LOG = Logger.getLogger("tessera.plugin.qa");
    static final String SIDECAR = ".chart.json";
    static final String ARTIFACT = "qa-colour-target.json";

    /** Where the chart lies in the scan, in mm from the top-left corner. */
    record ChartBox(String chart, double xMm, double yMm, double widthMm, double heightMm) {
    }

    /**
     * @param scan the area to inspect (the whole scan when there is no chart)
     * @param fit  the correction to apply, or null
     * @param note what happened, for the artifact and the log
     */
    record Prepared(ScanRaster scan, ColourTarget.Fit fit, String note, Map<String, Object> details) {
    }

    private ScannerNormalisation() {
    }

    static Path sidecar(Path scanFile) {
        return scanFile.resolveSibling(scanFile.getFileName() + SIDECAR);
    }

    static Prepared prepare(Path scanFile, ScanRaster scan, double dpi, Path reference) throws IOException {
        Path side = sidecar(scanFile);
        if (!Files.isRegularFile(side)) {
            return new Prepared(scan, null, null, null);
        }
        ChartBox box;
        try {
            box = TesseraJson.read(side, ChartBox.class);
        } catch (tessera.api.json.InvalidJsonException e) {
            throw new IOException(side + " is not a chart box (" + e.getMessage() + "); write {\"chart\": \"ColorChecker\", "
                    + "\"xMm\": …, \"yMm\": …, \"widthMm\": …, \"heightMm\": …}", e);
        }
        double pxPerMm = dpi / 25.4;
        int x = (int) Math.round(box.xMm() * pxPerMm);
        int y = (int) Math.round(box.yMm() * pxPerMm);
        int w = (int) Math.round(box.widthMm() * pxPerMm);
        int h = (int) Math.round(box.heightMm() * pxPerMm);
        if (x < 0 || y < 0 || w < 12 || h < 12 || x + w > scan.width() || y + h > scan.height()) {
            throw new IOException(String.format(Locale.ROOT, "%s: the chart box %.1f, %.1f, %.1f × %.1f mm is not inside the %.1f × %.1f mm scan",
                    side, box.xMm(), box.yMm(), box.widthMm(), box.heightMm(), scan.width() / pxPerMm, scan.height() / pxPerMm));
        }
        int[] area = largestStripBeside(scan.width(), scan.height(), x, y, w, h);
        ScanRaster inspected = ScanRaster.crop(scan, area[0], area[1], area[2], area[3]);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("chartBoxMm", box);
        details.put("inspectedAreaMm", new double[] {area[0] / pxPerMm, area[1] / pxPerMm, area[2] / pxPerMm, area[3] / pxPerMm});
        ColourTarget.Reference ref = ColourTarget.reference(reference);
        if (ref == null) {
            String note = "a colour target is in the scan (" + side.getFileName() + "), but the ColorChecker reference " + reference
                    + " is missing (Debian package argyll-ref): no scanner normalisation; colours are judged as scanned";
            LOG.warning(note);
            details.put("note", note);
            return new Prepared(inspected, null, note, details);
        }
        ColourTarget.Fit fit = ColourTarget.fit(ColourTarget.patches(scan.read(x, y, w, h), w, h, new int[] {0, 0, w, h}), ref, h > w);
        details.put("reference", ref.file().toString());
        String note;
        if (fit == null || !(fit.deAfter() < fit.deBefore())) {
            note = "the colour target's patches do not fit the ColorChecker reference"
                    + (fit == null ? "" : String.format(Locale.ROOT, " (%.2f ΔE00 after fitting)", fit.deAfter()))
                    + ": no scanner normalisation; check the chart box in " + side.getFileName();
            fit = null;
        } else {
            note = "scanner normalised: " + ColourTarget.describe(fit);
            details.put("orientationDeg", fit.orientation());
            details.put("patchesMeanDe00Before", fit.deBefore());
            details.put("patchesMeanDe00After", fit.deAfter());
            details.put("patchesMaxDe00After", fit.maxAfter());
            details.put("linearRgbMatrix3x3", fit.matrix());
        }
        details.put("note", note);
        LOG.info(note);
        return new Prepared(inspected, fit, note, details);
    }

    static void writeArtifact(Prepared p, Path outDir, Map<String, String> artifacts) throws IOException {
        if (p.details() == null) {
            return;
        }
        Path f = outDir.resolve(ARTIFACT);
        Files.writeString(f, TesseraJson.write(p.details()));
        artifacts.put("colourTarget", f.toString());
    }

    /** The largest of the four strips beside the box (left, right, above, below): x, y, w, h. */
    static int[] largestStripBeside(int sw, int sh, int x, int y, int w, int h) {
        int[][] strips = {{0, 0, x, sh}, {x + w, 0, sw - x - w, sh}, {0, 0, sw, y}, {0, y + h, sw, sh - y - h}};
        int[] best = strips[0];
        for (int[] s : strips) {
            if ((long) s[2] * s[3] > (long) best[2] * best[3]) {
                best = s;
            }
        }
        return best;
    }
}
