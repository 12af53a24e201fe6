package tessera.plugin.qa.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tessera.api.image.RgbImage;
import tessera.api.qa.QaReport;
import tessera.api.qa.QaRequest;
import tessera.compute.cpu.CpuDevices;
import tessera.imaging.colour.Srgb;
import tessera.imaging.io.ImageFiles;

/**
 * #10 scanner normalisation: a simulated scan under a colour cast, with a ColorChecker rendered from argyll-ref's
 * reference values beside the print, is corrected from the chart so the design colours' ΔE2000 drops; without the
 * reference file the inspection says so and goes on.
 */
class ColourTargetTest {
    /** A scanner that reads blue low, with some crosstalk, and clips no white: linear RGB in → linear RGB out (rows). */
    private static final double[][] CAST = {{1.02, 0.04, 0.00}, {0.02, 0.95, 0.03}, {0.00, 0.06, 0.80}};
    private static DefectNet net;

    @BeforeAll
    static void setUp() throws IOException {
        Assumptions.assumeTrue(Files.isRegularFile(ColourTarget.COLORCHECKER) || "true".equals(System.getenv("CI")),
                "argyll-ref is not installed (.ci/run installs it)");
        net = DefectNet.load(CpuDevices.shared(), Path.of("src/main/resources/" + VisionQaInspector.WEIGHTS));
    }

    @AfterAll
    static void close() {
        if (net != null) {
            net.close();
        }
    }

    @Test
    void readsTheTwentyFourReferencePatches() throws IOException {
        ColourTarget.Reference ref = ColourTarget.reference(ColourTarget.COLORCHECKER);
        assertThat(ref.linear()).hasNumberOfRows(24);
        // D01 is the white patch (L* 96.5 in D50), D06 black (20.5): adapted to D65 the lightness stays
        assertThat(ref.labD65()[18].l()).isCloseTo(96.5, within(0.5));
        assertThat(ref.labD65()[23].l()).isCloseTo(20.5, within(0.5));
        assertThat(ColourTarget.reference(Path.of("/nonexistent/ColorChecker.cie"))).isNull();
    }

    @Test
    void findsTheChartsTurnAndUndoesTheCast() throws IOException {
        ColourTarget.Reference ref = ColourTarget.reference(ColourTarget.COLORCHECKER);
        for (int turn : new int[] {0, 90, 180, 270}) {
            boolean upright = turn == 90 || turn == 270;
            int w = upright ? 120 : 180;
            int h = upright ? 180 : 120;
            float[] chart = chart(ref, turn, w, h);
            cast(chart, w * h);
            ColourTarget.Fit fit = ColourTarget.fit(ColourTarget.patches(chart, w, h, new int[] {0, 0, w, h}), ref, upright);
            assertThat(fit.orientation()).isEqualTo(turn);
            assertThat(fit.deBefore()).as("the cast is visible").isGreaterThan(3);
            assertThat(fit.deAfter()).as(ColourTarget.describe(fit)).isLessThan(1.0);
        }
    }

    @Test
    void aScanUnderACastIsNormalisedFromItsChart(@TempDir Path tmp) throws IOException {
        SimulatedSet set = new SimulatedSet(true);
        // a design without a near-white ink: the simulator's lighting and grain clip such a ground at the 8-bit
        // ceiling, which no colour correction can undo (a known limit, docs/qa.md); this test is about the scanner
        SimulatedSet.Sample s = null;
        for (long i = 600; s == null || s.design().inks().length < 2 || lightest(s.design().inks()) > 88; i++) {
            s = set.sample(i, 320, 0, 0, 0);
        }
        ColourTarget.Reference ref = ColourTarget.reference(ColourTarget.COLORCHECKER);
        // the print on top, a 180 × 120 px (30 × 20 mm) chart below it on white bed, the whole scan under the cast
        int w = 320;
        int h = 320 + 140;
        float[] scan = new float[3 * w * h];
        java.util.Arrays.fill(scan, 0.96f);
        float[] print = s.scan().image().planesView();
        float[] chart = chart(ref, 180, 180, 120);
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 320; y++) {
                System.arraycopy(print, (c * 320 + y) * 320, scan, (c * h + y) * w, 320);
            }
            for (int y = 0; y < 120; y++) {
                System.arraycopy(chart, (c * 120 + y) * 180, scan, (c * h + 330 + y) * w + 70, 180);
            }
        }
        cast(scan, w * h);
        Path dir = Files.createDirectories(tmp.resolve("cast"));
        DesignRepeat d = s.design().repeat();
        float[] planes = new float[3 * d.width() * d.height()];
        for (int c = 0; c < 3; c++) {
            System.arraycopy(d.plane(c), 0, planes, c * d.width() * d.height(), d.width() * d.height());
        }
        Path src = dir.resolve("design.png");
        Path png = dir.resolve("scan.png");
        ImageFiles.writePng(RgbImage.wrap(d.width(), d.height(), planes), SimulatedSet.DESIGN_DPI, src);
        ImageFiles.writePng(RgbImage.wrap(w, h, scan), SimulatedSet.SCAN_DPI, png);
        double mm = 25.4 / SimulatedSet.SCAN_DPI;
        Files.writeString(ScannerNormalisation.sidecar(png), String.format(java.util.Locale.ROOT,
                "{\"chart\": \"ColorChecker\", \"xMm\": %.3f, \"yMm\": %.3f, \"widthMm\": %.3f, \"heightMm\": %.3f}",
                68 * mm, 328 * mm, 184 * mm, 124 * mm));
        QaRequest req = new QaRequest(src, png, d.repeat(), null);

        QaReport plain = ScanInspection.run(req, net, dir.resolve("without"), Path.of("/nonexistent/ColorChecker.cie")).report();
        QaReport normalised = ScanInspection.run(req, net, dir.resolve("with"), ColourTarget.COLORCHECKER).report();

        assertThat(Files.readString(Path.of(plain.artifacts().get("colourTarget")))).contains("argyll-ref").contains("no scanner normalisation");
        assertThat(Files.readString(Path.of(normalised.artifacts().get("colourTarget")))).contains("scanner normalised");
        assertThat(plain.colour()).as(plain.reasons().toString()).isNotNull();
        assertThat(normalised.colour()).as(normalised.reasons().toString()).isNotNull();
        // per design colour: the patch measurement the verdict uses (the pixel mean also holds edges and grain)
        double before = plain.colour().perColour().stream().mapToDouble(QaReport.ColourEntry::meanDe).average().orElseThrow();
        double after = normalised.colour().perColour().stream().mapToDouble(QaReport.ColourEntry::meanDe).average().orElseThrow();
        assertThat(before).as("design colours under the cast: " + plain.colour()).isGreaterThan(2.0);
        assertThat(after).as("after normalisation: " + normalised.colour()).isLessThan(0.25 * before).isLessThan(1.0);
        assertThat(normalised.colour().perColour()).allSatisfy(e -> assertThat(e.meanDe()).as(e.colour()).isLessThan(1.0));
    }

    private static double lightest(int[] inks) {
        double l = 0;
        for (int ink : inks) {
            l = Math.max(l, PrintSimulator.lab(PrintSimulator.unpack(ink)).l());
        }
        return l;
    }

    /** A ColorChecker 24 rendered from the reference: black frame, each patch 80 % of its cell, turned clockwise. */
    static float[] chart(ColourTarget.Reference ref, int turn, int w, int h) {
        boolean upright = turn == 90 || turn == 270;
        int rows = upright ? 6 : 4;
        int cols = upright ? 4 : 6;
        int[] order = ColourTarget.order(turn);
        float[] out = new float[3 * w * h];
        java.util.Arrays.fill(out, 0.05f);
        for (int p = 0; p < 24; p++) {
            int at = order[p];
            int r = at / cols;
            int c = at % cols;
            double cw = w / (double) cols;
            double ch = h / (double) rows;
            for (int y = (int) (r * ch + 0.1 * ch); y < (int) (r * ch + 0.9 * ch); y++) {
                for (int x = (int) (c * cw + 0.1 * cw); x < (int) (c * cw + 0.9 * cw); x++) {
                    for (int k = 0; k < 3; k++) {
                        out[k * w * h + y * w + x] = (float) Srgb.toEncoded(Math.clamp(ref.linear()[p][k], 0, 1));
                    }
                }
            }
        }
        return out;
    }

    static void cast(float[] rgb, int n) {
        for (int i = 0; i < n; i++) {
            double[] lin = {Srgb.toLinear(rgb[i]), Srgb.toLinear(rgb[n + i]), Srgb.toLinear(rgb[2 * n + i])};
            for (int k = 0; k < 3; k++) {
                double v = CAST[k][0] * lin[0] + CAST[k][1] * lin[1] + CAST[k][2] * lin[2];
                rgb[k * n + i] = (float) (Math.rint(Srgb.toEncoded(Math.clamp(v, 0, 1)) * 255) / 255);
            }
        }
    }
}
