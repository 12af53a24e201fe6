package tessera.host.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import tessera.api.image.RgbImage;
import tessera.imaging.io.ImageFiles;
import tessera.imaging.io.RasterFile;

/**
 * #10 through the real host: {@code tessera qa} on a generated half-drop design and scans made here (two
 * repeats wide, turned 0.6°, shifted by a fraction of a pixel; one with an ink spot), plus the bad inputs a
 * print room produces: the wrong design, a blank scan, an unreadable file, an unknown profile.
 */
class QaIT {
    @TempDir
    static Path tmp;
    static Engine engine;
    static Path design;
    static Path other;

    @BeforeAll
    static void start() throws Exception {
        engine = new Engine(tmp.resolve("data"));
        Engine.Result r = engine.cli("generate", "--prompt", "nordic floral, half-drop", "--width-cm", "4", "--dpi", "150",
                "--seed", "31", "--out", tmp.resolve("made").toString());
        assertThat(r.code()).as(r.toString()).isIn(0, 3);
        design = tmp.resolve("made/design-01-tile.png");
        r = engine.cli("generate", "--prompt", "bold geometric stripes, half-drop", "--width-cm", "4", "--dpi", "150",
                "--seed", "77", "--out", tmp.resolve("other").toString());
        assertThat(r.code()).as(r.toString()).isIn(0, 3);
        other = tmp.resolve("other/design-01-tile.png");
    }

    @AfterAll
    static void stop() throws Exception {
        engine.close();
    }

    /** The printed half-drop layout seen by a scanner: bilinear samples through a small rotation and offset, no blur. */
    static RgbImage scanOf(RgbImage tile, int w, int h, double deg, double tx, double ty) {
        int tw = tile.width();
        int th = tile.height();
        float[] out = new float[3 * w * h];
        double c = Math.cos(Math.toRadians(deg));
        double s = Math.sin(Math.toRadians(deg));
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double u = c * x - s * y + tx;
                double v = s * x + c * y + ty;
                int x0 = (int) Math.floor(u);
                int y0 = (int) Math.floor(v);
                double fx = u - x0;
                double fy = v - y0;
                for (int ch = 0; ch < 3; ch++) {
                    double a = at(tile, ch, x0, y0);
                    double b = at(tile, ch, x0 + 1, y0);
                    double d = at(tile, ch, x0, y0 + 1);
                    double e = at(tile, ch, x0 + 1, y0 + 1);
                    out[(ch * h + y) * w + x] = (float) ((a + (b - a) * fx) * (1 - fy) + (d + (e - d) * fx) * fy);
                }
            }
        }
        // sharp, as a good scanner or a resampled file is: the inspection fits the expected print's blur to the scan
        // and the model was trained on sharp scans too (#10; this scan had to be blurred before)
        return RgbImage.wrap(w, h, out);
    }

    private static double at(RgbImage t, int ch, int u, int v) {
        int col = Math.floorDiv(u, t.width());
        v -= (int) Math.round(col * 0.5 * t.height());
        return t.get(ch, Math.floorMod(v, t.height()), Math.floorMod(u, t.width()));
    }

    private static Path write(String name, RgbImage img, double dpi) throws Exception {
        Path p = tmp.resolve(name);
        ImageFiles.writePng(img, dpi, p);
        return p;
    }

    private Engine.Result qa(Path source, Path scan, String out, String... more) {
        String[] base = {"qa", "--source", source.toString(), "--scan", scan.toString(), "--repeat", "half-drop", "--out",
            tmp.resolve(out).toString(), "--json"};
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return engine.cli(all);
    }

    @Test
    void aCleanScanRegistersAndShowsNoDefect() throws Exception {
        RgbImage tile = ImageFiles.read(design).image();
        Path scan = write("clean.png", scanOf(tile, 2 * tile.width(), 2 * tile.height(), 0.6, 13.3, 7.7), 150);
        Engine.Result r = qa(design, scan, "clean", "--profile", "flatbed-12");
        assertThat(r.code()).as(r.toString()).isIn(0, 3);
        JsonNode j = r.json();
        assertThat(j.get("registration").get("confidence").asDouble()).as(r.toString()).isGreaterThan(0.9);
        assertThat(j.get("registration").get("rotationDeg").asDouble()).isCloseTo(0.6, org.assertj.core.api.Assertions.within(0.05)); // scan → design, as the scan was made
        assertThat(j.get("defects")).as(r.toString()).isEmpty();
        assertThat(j.get("colour").get("meanDe").asDouble()).isLessThan(2.0);
        RasterFile overlay = ImageFiles.read(Path.of(j.get("artifacts").get("overlay").asText()));
        assertThat(overlay.image().width()).isGreaterThan(2 * tile.width() / 2);
    }

    @Test
    void anInkSpotFailsWithABoxWhereItWasPlanted() throws Exception {
        RgbImage tile = ImageFiles.read(design).image();
        RgbImage clean = scanOf(tile, 2 * tile.width(), 2 * tile.height(), 0.6, 13.3, 7.7);
        float[] p = clean.planes();
        int w = clean.width();
        int h = clean.height();
        int cx = w / 3;
        int cy = h / 2;
        int rad = 9; // 1.5 mm at 150 dpi
        for (int y = cy - rad; y <= cy + rad; y++) {
            for (int x = cx - rad; x <= cx + rad; x++) {
                if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= rad * rad) {
                    for (int ch = 0; ch < 3; ch++) {
                        p[(ch * h + y) * w + x] = 0.08f;
                    }
                }
            }
        }
        Path scan = write("spot.png", RgbImage.wrap(w, h, p), 150);
        Engine.Result r = qa(design, scan, "spot");
        assertThat(r.code()).as(r.toString()).isEqualTo(3);
        JsonNode defects = r.json().get("defects");
        assertThat(defects).as(r.toString()).isNotEmpty();
        double mmPerPx = 25.4 / 150;
        boolean hit = false;
        for (JsonNode d : defects) {
            double x0 = d.get("xMm").asDouble();
            double y0 = d.get("yMm").asDouble();
            hit |= cx * mmPerPx >= x0 - 1 && cx * mmPerPx <= x0 + d.get("widthMm").asDouble() + 1
                    && cy * mmPerPx >= y0 - 1 && cy * mmPerPx <= y0 + d.get("heightMm").asDouble() + 1;
        }
        assertThat(hit).as("a box around the spot at " + cx * mmPerPx + ", " + cy * mmPerPx + " mm: " + defects).isTrue();
    }

    /** {@code tessera train qa} end to end: a tiny model for two steps, written as a model bundle for the hot folder. */
    @Test
    void trainQaWritesAModelBundle() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(Path.of("/usr/share/gimp/2.0/patterns"))
                || "true".equals(System.getenv("CI")), "CI installs gimp-data, mypaint-data and krita-data");
        // a manifest of our own: the provenance scan of all of /usr/share is not what this test is about
        Path manifest = tmp.resolve("textures.manifest.json");
        Files.writeString(manifest, "{}");
        Path jar = tmp.resolve("qa-it.jar");
        Engine.Result r = engine.cli("train", "qa", "--data", "/usr/share", "--out", jar.toString(), "--steps", "2", "--batch", "2",
                "--side", "64", "--checkpoint-every", "1", "--manifest", manifest.toString(), "--model-version", "9.0.0");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err()).contains("step 0/2");
        assertThat(r.out()).contains("wrote " + jar);
        try (java.util.jar.JarFile j = new java.util.jar.JarFile(jar.toFile())) {
            java.util.jar.Attributes a = j.getManifest().getMainAttributes();
            assertThat(a.getValue("Tessera-Qa-Model")).isEqualTo("model/qa-defect.card.json");
            assertThat(a.getValue("Bundle-Version")).isEqualTo("9.0.0");
            assertThat(j.getEntry("model/qa-defect.safetensors")).isNotNull();
            assertThat(new String(j.getInputStream(j.getEntry("model/qa-defect.card.json")).readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8)).contains("\"trainingSteps\" : 2").contains("tessera train qa --data /usr/share");
        }
    }

    @Test
    void badInputGetsAClearVerdictOrError() throws Exception {
        RgbImage tile = ImageFiles.read(design).image();
        Path scan = write("clean2.png", scanOf(tile, 2 * tile.width(), 2 * tile.height(), 0.6, 13.3, 7.7), 150);
        Engine.Result wrong = qa(other, scan, "wrong");
        assertThat(wrong.code()).as(wrong.toString()).isEqualTo(3);
        assertThat(wrong.out()).contains("does not show this design");

        float[] white = new float[3 * 300 * 300];
        java.util.Arrays.fill(white, 0.95f);
        Engine.Result blank = qa(design, write("blank.png", RgbImage.wrap(300, 300, white), 150), "blank");
        assertThat(blank.code()).as(blank.toString()).isEqualTo(3);
        assertThat(blank.out()).contains("blank scan");

        Path junk = tmp.resolve("junk.tif");
        Files.writeString(junk, "II*\0 this is not a scan");
        Engine.Result unreadable = qa(design, junk, "junk");
        assertThat(unreadable.code()).as(unreadable.toString()).isEqualTo(2);
        assertThat(unreadable.err()).contains("cannot read the scan").contains("junk.tif");

        Engine.Result missing = qa(design, tmp.resolve("nope.png"), "nope");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("does not exist");

        Engine.Result profile = qa(design, scan, "p", "--profile", "no-such-line");
        assertThat(profile.code()).isEqualTo(2);
        assertThat(profile.err()).contains("unknown profile").contains("flatbed-12");

        // the scan's file says 300 dpi but holds a 150 dpi picture: the goods look half the size
        Engine.Result size = qa(design, write("wrongdpi.png", ImageFiles.read(scan).image(), 300), "size");
        assertThat(size.code()).as(size.toString()).isEqualTo(3);
    }
}
