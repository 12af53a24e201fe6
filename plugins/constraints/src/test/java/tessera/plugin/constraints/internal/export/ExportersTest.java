package tessera.plugin.constraints.internal.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import tessera.api.export.ExportContext;
import tessera.api.export.ExportedFile;
import tessera.api.export.OutputProvenance;
import tessera.api.image.RgbImage;
import tessera.api.json.TesseraJson;
import tessera.api.pattern.Pattern;
import tessera.api.profile.ProductionProfile;
import tessera.api.repeat.RepeatGeometry;
import tessera.imaging.colour.DeltaE;
import tessera.imaging.colour.LabImage;
import tessera.imaging.icc.CmykProfile;
import tessera.imaging.icc.CmykSeparation;
import tessera.imaging.icc.RenderingIntent;
import tessera.imaging.io.ImageFiles;
import tessera.imaging.io.PixelSource;
import tessera.imaging.io.RasterFile;
import tessera.imaging.repeat.PrintLayout;
import tessera.plugin.constraints.internal.Designs;
import tessera.plugin.constraints.internal.ink.LineIcc;

class ExportersTest {
    private static final int GROUND = 0xf4ecd8;
    private static final int BLUE = 0x1d3fbb;
    private static final int RED = 0xd62828;
    /** 120 print pixels at 150 dpi. */
    private static final double CM_150 = 120 * 2.54 / 150;
    /** 120 print pixels at 300 dpi. */
    private static final double CM_300 = 120 * 2.54 / 300;

    @TempDir
    Path dir;

    private ExportContext context() {
        return new ExportContext(dir, "design-01", new OutputProvenance("Tessera test", "procedural", "1.0.0", null, null,
                "algorithmicMedia", "job-1"));
    }

    /** Three colours with anti-aliased edges, 256 px, printed at 120 px: resampling adds in-between shades. */
    private static Pattern threeColours() {
        return Designs.pattern(Designs.antiAliasedDiscs(256, GROUND, BLUE, RED), RepeatGeometry.BLOCK, CM_150, CM_150);
    }

    @Test
    void separationsAreDisjointCoverEveryPixelMatchThePaletteAndRecomposeTheTile() throws IOException {
        ProductionProfile profile = Designs.profile("flatbed-hand-6");
        Pattern p = threeColours();
        List<ExportedFile> files = ScreenSeparations.withDefaults().export(p, profile, context());

        List<ExportedFile> seps = files.stream().filter(f -> f.role().equals(ScreenSeparations.ROLE)).toList();
        assertThat(seps).hasSize(3);
        assertThat(seps.get(0).path()).isEqualTo("design-01-sep-01-f4ecd8.tif"); // the ground covers most
        assertThat(files).last().satisfies(f -> {
            assertThat(f.role()).isEqualTo(ScreenSeparations.TABLE_ROLE);
            assertThat(f.path()).isEqualTo("design-01-colours.json");
            assertThat(f.mediaType()).isEqualTo("application/json");
        });
        assertThat(files).hasSize(4);
        for (ExportedFile f : files) {
            Path file = dir.resolve(f.path());
            assertThat(f.bytes()).isEqualTo(Files.size(file));
            assertThat(f.sha256()).hasSize(64).isEqualTo(sha256Of(file));
        }

        RgbImage print = new PrintLayout(p.repeat(), p.widthCm(), p.heightCm(), profile.minDpi()).tileAtPrintResolution(p.tile());
        int w = print.width();
        int h = print.height();
        assertThat(w).isEqualTo(120);
        int[] composed = new int[w * h];
        int[] inks = new int[w * h];
        Set<Integer> palette = new HashSet<>();
        for (ExportedFile f : seps) {
            assertThat(f.mediaType()).isEqualTo("image/tiff");
            int colour = Integer.parseInt(f.path().substring(f.path().length() - 10, f.path().length() - 4), 16);
            palette.add(colour);
            RasterFile r = ImageFiles.read(dir.resolve(f.path()));
            assertThat(r.dpiX()).isEqualTo(150);
            assertThat(r.dpiY()).isEqualTo(150);
            assertThat(r.image().width()).isEqualTo(w);
            assertThat(r.image().height()).isEqualTo(h);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    float v = r.image().get(0, y, x);
                    assertThat(v == 0f || v == 1f).as("pixel %d,%d is %s: separations are two-level", x, y, v).isTrue();
                    if (v == 0f) {
                        inks[y * w + x]++;
                        composed[y * w + x] = colour;
                    }
                }
            }
        }
        assertThat(palette).containsExactlyInAnyOrder(GROUND, BLUE, RED);
        assertThat(inks).as("every pixel on exactly one screen").containsOnly(1);
        double meanDe = DeltaE.meanCiede2000(LabImage.of(RgbImage.fromPackedRgb(w, h, composed)), LabImage.of(print));
        assertThat(meanDe).as("re-composed separations against the print tile").isLessThan(1.0);
    }

    @Test
    void colourTableListsEachScreen() throws IOException {
        ProductionProfile profile = Designs.profile("rotary-64-6");
        ScreenSeparations.withDefaults().export(threeColours(), profile, context());
        JsonNode table = TesseraJson.mapper().readTree(dir.resolve("design-01-colours.json").toFile());
        assertThat(table.get("profile").asText()).isEqualTo("rotary-64-6");
        assertThat(table.get("dpi").asDouble()).isEqualTo(150);
        assertThat(table.get("widthPx").asInt()).isEqualTo(120);
        assertThat(table.get("provenance").get("jobId").asText()).isEqualTo("job-1");
        JsonNode screens = table.get("screens");
        assertThat(screens.size()).isEqualTo(3);
        double area = 0;
        List<String> hexes = new ArrayList<>();
        for (int i = 0; i < screens.size(); i++) {
            JsonNode s = screens.get(i);
            assertThat(s.get("screen").asInt()).isEqualTo(i + 1);
            String hex = s.get("srgb").asText();
            hexes.add(hex);
            assertThat(s.get("file").asText()).isEqualTo(String.format(Locale.ROOT, "design-01-sep-%02d-%s.tif", i + 1, hex.substring(1)));
            assertThat(dir.resolve(s.get("file").asText())).exists();
            assertThat(s.get("lab").size()).isEqualTo(3);
            assertThat(s.get("lab").get(0).asDouble()).isBetween(0.0, 100.0);
            area += s.get("areaPercent").asDouble();
        }
        assertThat(hexes).containsExactlyInAnyOrder("#f4ecd8", "#1d3fbb", "#d62828");
        assertThat(screens.get(0).get("areaPercent").asDouble()).isGreaterThan(screens.get(1).get("areaPercent").asDouble());
        assertThat(area).isCloseTo(100, org.assertj.core.data.Offset.offset(0.01));
        // the ground is light: L* above the blue's
        assertThat(screens.get(0).get("lab").get(0).asDouble()).isGreaterThan(80);
    }

    @Test
    void moreColoursThanScreensWritesNothing() throws IOException {
        Pattern twelve = Designs.pattern(Designs.bands(120, 24, Designs.TWELVE), RepeatGeometry.BLOCK, CM_150, CM_150 / 5);
        assertThat(ScreenSeparations.withDefaults().export(twelve, Designs.profile("rotary-64-6"), context())).isEmpty();
        assertThat(ScreenSeparations.withDefaults().export(twelve, Designs.profile("flatbed-12"), context())).hasSize(13);
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.filter(f -> f.getFileName().toString().contains("-sep-"))).hasSize(12);
        }
    }

    @Test
    void cmykTiffReadsBackCloseToTheSourceWithItsDpiAndProfile() throws Exception {
        // the muted bands lie inside FOGRA39's gamut (not all inside the line's own uncoated FOGRA29): the round trip is measured there
        ProductionProfile line = Designs.profile("inkjet-300-cmyk");
        ProductionProfile profile = Designs.withIcc(line, LineIcc.FOGRA39);
        Pattern p = Designs.pattern(muted(120, 120), RepeatGeometry.BLOCK, CM_300, CM_300);
        List<ExportedFile> files = CmykPrintTiff.withDefaults().export(p, profile, context());
        assertThat(files).singleElement().satisfies(f -> {
            assertThat(f.path()).isEqualTo("design-01-print-cmyk.tif");
            assertThat(f.role()).isEqualTo(CmykPrintTiff.ROLE);
            assertThat(f.mediaType()).isEqualTo("image/tiff");
            assertThat(f.bytes()).isEqualTo(Files.size(dir.resolve(f.path())));
            assertThat(f.sha256()).isEqualTo(sha256Of(dir.resolve(f.path())));
        });
        RasterFile r = ImageFiles.read(dir.resolve("design-01-print-cmyk.tif"));
        assertThat(r.dpiX()).isEqualTo(300);
        assertThat(r.dpiY()).isEqualTo(300);
        assertThat(r.iccProfile()).as("the line's profile is embedded").isEqualTo(CmykProfile.fogra39().bytes());
        RgbImage print = new PrintLayout(p.repeat(), p.widthCm(), p.heightCm(), profile.minDpi()).tileAtPrintResolution(p.tile());
        assertThat(r.image().width()).isEqualTo(120);
        assertThat(r.image().height()).isEqualTo(120);
        double meanDe = DeltaE.meanCiede2000(LabImage.of(r.image()), LabImage.of(print));
        assertThat(meanDe).as("perceptual soft proof against the source").isLessThan(3.0);

        // relative colorimetric keeps in-gamut colours: the round trip is within the table's accuracy
        List<ExportedFile> exact = new CmykPrintTiff(RenderingIntent.RELATIVE_COLORIMETRIC).export(p, profile, context());
        RasterFile back = ImageFiles.read(dir.resolve(exact.get(0).path()));
        assertThat(DeltaE.meanCiede2000(LabImage.of(back.image()), LabImage.of(print))).as("colorimetric soft proof").isLessThan(1.5);

        // each shipped line's TIFF carries that line's own profile, read back from the file
        java.util.Set<String> embedded = new HashSet<>();
        for (String id : List.of("inkjet-300-cmyk", "sublimation-300-cmyk", "sublimation-600-fluo")) {
            ProductionProfile own = Designs.profile(id);
            List<ExportedFile> out = CmykPrintTiff.withDefaults().export(p, own, context());
            byte[] icc = ImageFiles.read(dir.resolve(out.get(0).path())).iccProfile();
            assertThat(icc).as(id).isEqualTo(LineIcc.of(own).bytes());
            embedded.add(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(icc)));
        }
        assertThat(embedded).hasSize(3);
    }

    @Test
    void colourwaysFromLabelsAndConfigurationWriteOnePngEachAndTheirMappings() throws IOException {
        RgbImage discs = Designs.antiAliasedDiscs(128, 0xf4ecd8, 0x1d3fbb, 0xd62828);
        Pattern p = new Pattern(discs, RepeatGeometry.BLOCK, 10, 10, java.util.Map.of("colourway.Navy Night", "#1d2a44 #e8dcc4 #b5452f"));
        Colourways exporter = new Colourways(Colourways.parse(List.of("sand: #e8dcc4, #7a4a1e #2a9d3f")));
        List<ExportedFile> files = exporter.export(p, Designs.profile("rotary-64-6"), context());
        assertThat(files).extracting(ExportedFile::path).containsExactly("design-01-colourway-sand.png",
                "design-01-colourway-navy-night.png", "design-01-colourways.json");
        RasterFile navy = ImageFiles.read(dir.resolve("design-01-colourway-navy-night.png"));
        assertThat(navy.dpiX()).isCloseTo(p.dpiX(), org.assertj.core.data.Offset.offset(0.5));
        assertThat(navy.image().toPackedRgb()[0] & 0xffffff).isEqualTo(0x1d2a44);
        JsonNode doc = TesseraJson.mapper().readTree(dir.resolve("design-01-colourways.json").toFile());
        JsonNode first = doc.get("colourways").get(1).get("colours").get(0);
        assertThat(first.get("from").asText()).isEqualTo("#f4ecd8");
        assertThat(first.get("to").asText()).isEqualTo("#1d2a44");
        assertThat(first.get("areaPercent").asDouble()).isBetween(50.0, 95.0);
        // nothing asked, nothing written
        assertThat(new Colourways(java.util.Map.of()).export(Designs.pattern(discs, RepeatGeometry.BLOCK, 10, 10), null, context())).isEmpty();
    }

    @Test
    void theRealSizePreviewLaysTheRepeatOutOverAMetreWithACentimetreRulerAndItsDpi() throws IOException {
        // a 20 × 10 cm half drop: at 96 dpi 756 × 378 px a tile, dropping half a tile every other column
        Pattern p = Designs.pattern(Designs.antiAliasedDiscs(200, 0xf4ecd8, 0x1d3fbb, 0xd62828), RepeatGeometry.HALF_DROP, 20, 10);
        assertThat(RealSizePreview.withDefaults().export(p, null, context())).isEmpty(); // production files need a line
        List<ExportedFile> files = RealSizePreview.withDefaults().export(p, Designs.profile("inkjet-300-cmyk"), context());
        assertThat(files).singleElement().satisfies(f -> {
            assertThat(f.path()).isEqualTo("design-01-preview-real-size.png");
            assertThat(f.role()).isEqualTo(RealSizePreview.ROLE);
        });
        RasterFile png = ImageFiles.read(dir.resolve("design-01-preview-real-size.png"));
        assertThat(png.dpiX()).isCloseTo(96, org.assertj.core.data.Offset.offset(0.05));
        int r = RealSizePreview.RULER;
        RgbImage img = png.image();
        assertThat(img.width()).isEqualTo(r + 3780); // 100 cm at 96 dpi
        assertThat(img.height()).isEqualTo(r + 1890);
        // the ruler: a long tick at 10 cm, paper between ticks
        assertThat(img.get(0, r - 12, r + 378)).isLessThan(0.2f);
        assertThat(img.get(0, r - 12, r + 378 + 19)).isEqualTo(1f);
        assertThat(img.get(0, r - 2, r + 19)).isEqualTo(1f); // half a centimetre: no tick
        // the fabric repeats as a half drop: one tile across is half a tile down
        int tw = 756;
        int th = 378;
        for (int[] at : new int[][] {{40, 60}, {300, 200}, {500, 30}}) {
            for (int c = 0; c < 3; c++) {
                assertThat(img.get(c, r + at[1] + th / 2, r + at[0] + tw)).isEqualTo(img.get(c, r + at[1], r + at[0]));
                assertThat(img.get(c, r + at[1] + th, r + at[0])).isEqualTo(img.get(c, r + at[1], r + at[0]));
            }
        }
    }

    @Test
    void cmykPrintsKeepTheLinesInkLimit() {
        // rich black separates far above 250 %; the written strips hold the sublimation line's limit
        RgbImage black = Designs.bands(64, 16, 0x050505, 0x0d0d12);
        PixelSource inks = CmykSeparation.fogra39().separate(PixelSource.of(black));
        float[] raw = new float[4 * 64 * 16];
        inks.readRows(0, 16, raw);
        float[] limited = new float[raw.length];
        CmykPrintTiff.inkLimited(inks, 2.5).readRows(0, 16, limited);
        int n = 64 * 16;
        double rawMax = 0;
        double limitedMax = 0;
        for (int i = 0; i < n; i++) {
            rawMax = Math.max(rawMax, raw[i] + raw[n + i] + raw[2 * n + i] + raw[3 * n + i]);
            limitedMax = Math.max(limitedMax, limited[i] + limited[n + i] + limited[2 * n + i] + limited[3 * n + i]);
        }
        assertThat(rawMax).isGreaterThan(2.9);
        assertThat(limitedMax).isLessThanOrEqualTo(2.5 + 1e-5);
    }

    /** Bands of muted textile colours inside the FOGRA39 gamut, so the proof measures the round trip, not gamut clipping. */
    private static RgbImage muted(int w, int h) {
        return Designs.bands(w, h, 0x808080, 0xc89678, 0x4d664d, 0x9980b3, 0xb3b380, 0x334d80, 0xe6d9cc, 0x664033);
    }

    @Test
    void exportersWriteNothingForOtherProcessesOrWithoutAProfile() throws IOException {
        Pattern p = threeColours();
        ScreenSeparations seps = ScreenSeparations.withDefaults();
        CmykPrintTiff cmyk = CmykPrintTiff.withDefaults();
        assertThat(seps.export(p, null, context())).isEmpty();
        assertThat(cmyk.export(p, null, context())).isEmpty();
        assertThat(seps.export(p, Designs.profile("inkjet-300-cmyk"), context())).isEmpty();
        assertThat(seps.export(p, Designs.profile("jacquard-2688"), context())).isEmpty();
        assertThat(cmyk.export(p, Designs.profile("rotary-64-6"), context())).isEmpty();
        assertThat(cmyk.export(p, Designs.profile("flatbed-12"), context())).isEmpty();
        assertThat(cmyk.export(p, Designs.profile("jacquard-2688"), context())).isEmpty();
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s).isEmpty();
        }
    }

    /** Computed here, not with the code under test. */
    private static String sha256Of(java.nio.file.Path file) throws java.io.IOException {
        try {
            return java.util.HexFormat.of().formatHex(
                    java.security.MessageDigest.getInstance("SHA-256").digest(java.nio.file.Files.readAllBytes(file)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
