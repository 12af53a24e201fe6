package tessera.host.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import tessera.imaging.io.ImageFiles;
import tessera.imaging.io.RasterFile;

/** #6 first steps: {@code tessera check} and {@code tessera export} on files, including real GIMP patterns. */
class PatternCheckIT {
    @TempDir
    static Path tmp;
    static Engine engine;
    static Path tile;

    @BeforeAll
    static void start() throws Exception {
        engine = new Engine(tmp.resolve("data"));
        Engine.Result r = engine.cli("generate", "--prompt", "nordic floral, half-drop", "--width-cm", "16", "--dpi", "150",
                "--seed", "21", "--out", tmp.resolve("made").toString());
        assertThat(r.code()).as(r.toString()).isIn(0, 3);
        tile = tmp.resolve("made/design-01-tile.png");
    }

    @AfterAll
    static void stop() throws Exception {
        engine.close();
    }

    @Test
    void aGeneratedTileChecksAgainstItsProfileUsingItsOwnDpi() {
        Engine.Result r = engine.cli("check", tile.toString(), "--profile", "inkjet-300-cmyk", "--repeat", "half-drop", "--json",
                "--out", tmp.resolve("c1").toString());
        JsonNode c = r.json().get("candidates").get(0);
        assertThat(r.json().get("request").get("tileWidthCm").asDouble()).isCloseTo(16, within(0.01));
        assertThat(c.get("files")).isEmpty();
        assertThat(c.get("checks").toString()).contains("\"solver\":\"seam\"").contains("resolution");
        // 150 dpi artwork for a 300 dpi line needs 2× upsampling: reported, not fatal
        assertThat(c.get("checks").toString()).contains("resolution.upsampling");
    }

    @Test
    void exportWritesProductionFilesThatPassAnIndependentRecheck() throws Exception {
        Path out = tmp.resolve("export");
        Engine.Result r = engine.cli("export", tile.toString(), "--profile", "rotary-64-6", "--repeat", "half-drop", "--out",
                out.toString());
        assertThat(r.code()).as(r.toString()).isIn(0, 3);
        RasterFile print = ImageFiles.read(out.resolve("design-01-print.tif"));
        assertThat(print.dpiX()).isCloseTo(150, within(0.01));
        // the screen-separation exporter: one film per screen plus the colour table
        assertThat(out.resolve("design-01-colours.json")).exists();
        // the real-size preview: a metre of fabric at screen resolution, with its DPI recorded
        RasterFile preview = ImageFiles.read(out.resolve("design-01-preview-real-size.png"));
        assertThat(preview.dpiX()).isCloseTo(96, within(0.05));
        try (var films = Files.list(out)) {
            assertThat(films.filter(f -> f.getFileName().toString().startsWith("design-01-sep-")).count()).isBetween(1L, 6L);
        }
        Engine.Result again = engine.cli("check", out.resolve("design-01-print.tif").toString(), "--profile", "rotary-64-6",
                "--repeat", "half-drop", "--json", "--out", tmp.resolve("c2").toString());
        JsonNode checks = again.json().get("candidates").get(0).get("checks");
        for (JsonNode report : checks) {
            if (!report.get("solver").asText().equals("colours")) { // the tile itself may carry more colours than 6
                assertThat(report.get("passed").asBoolean()).as(report.toString()).isTrue();
            }
        }
    }

    @Test
    void anInkjetExportCarriesACmykPrintWithItsProfile() throws Exception {
        Path out = tmp.resolve("inkjet");
        Engine.Result r = engine.cli("export", tile.toString(), "--profile", "inkjet-300-cmyk", "--repeat", "half-drop", "--out",
                out.toString());
        assertThat(r.code()).as(r.toString()).isIn(0, 3);
        RasterFile cmyk = ImageFiles.read(out.resolve("design-01-print-cmyk.tif"));
        assertThat(cmyk.dpiX()).isCloseTo(300, within(0.01));
        assertThat(cmyk.iccProfile()).isNotNull();
        assertThat(r.out()).contains("inks"); // the ink coverage and gamut check ran as well
    }

    @Test
    void aJacquardExportWritesAWeavingFile() throws Exception {
        Path out = tmp.resolve("jacquard");
        Engine.Result r = engine.cli("export", tile.toString(), "--profile", "jacquard-2688", "--repeat", "half-drop",
                "--out", out.toString());
        assertThat(r.code()).as(r.toString()).isIn(0, 3);
        String wif = Files.readString(out.resolve("design-01.wif"));
        assertThat(wif).contains("[WIF]").contains("Version=1.1").contains("[LIFTPLAN]").contains("[COLOR TABLE]");
        assertThat(r.out()).contains("features"); // the minimum-feature check ran as well
        // the float check found the compound's long floats and its repair bound them, as the WIF records
        assertThat(r.out()).contains("floats").contains("binding points");
        assertThat(wif).contains("Binding Points=");
    }

    @Test
    void aRealGimpPatternWithAVisibleSeamFailsItsCheck() {
        Path marble = Path.of("/usr/share/gimp/2.0/patterns/Stone/marble3.pat");
        Assumptions.assumeTrue(Files.exists(marble) || "true".equals(System.getenv("CI")), "gimp-data not installed");
        Engine.Result r = engine.cli("check", marble.toString(), "--width-cm", "10", "--out", tmp.resolve("c3").toString());
        assertThat(r.code()).as(r.toString()).isEqualTo(3);
        assertThat(r.out()).contains("seam").contains("FAIL");
    }

    @Test
    void badFilesGetAClearMessage() throws Exception {
        Engine.Result missing = engine.cli("check", tmp.resolve("nope.png").toString(), "--out", tmp.resolve("c4").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("nope.png");
        Path text = tmp.resolve("notes.png");
        Files.writeString(text, "not an image");
        Engine.Result junk = engine.cli("check", text.toString(), "--out", tmp.resolve("c5").toString());
        assertThat(junk.code()).isEqualTo(2);
        assertThat(junk.err()).contains("not a PNG or TIFF");
        Engine.Result profile = engine.cli("check", tile.toString(), "--profile", "no-such-line", "--out", tmp.resolve("c6").toString());
        assertThat(profile.code()).isEqualTo(1);
        assertThat(profile.err()).contains("unknown production profile 'no-such-line'").contains("rotary-64-6");
    }
}
