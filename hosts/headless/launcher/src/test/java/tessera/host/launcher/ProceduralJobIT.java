package tessera.host.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import tessera.api.repeat.RepeatGeometry;
import tessera.imaging.io.ImageFiles;
import tessera.imaging.io.RasterFile;
import tessera.imaging.repeat.SeamMetric;

/** #3 done-when: the real host makes a seamless procedural tile and a print TIFF at the requested DPI. */
class ProceduralJobIT {
    @TempDir
    static Path tmp;
    static Engine engine;

    @BeforeAll
    static void start() throws Exception {
        engine = new Engine(tmp.resolve("data"));
    }

    @AfterAll
    static void stop() throws Exception {
        engine.close();
    }

    @Test
    void sageGinghamHalfDropIsSeamlessAndPrintsAtTheRequestedDpi() throws Exception {
        Path out = tmp.resolve("gingham");
        Engine.Result r = engine.cli("generate", "--generator", "procedural", "--prompt", "sage gingham, half-drop",
                "--dpi", "300", "--width-cm", "16", "--seed", "11", "--json", "--out", out.toString());
        assertThat(r.code()).as(r.toString()).isIn(0, 3);
        JsonNode rec = r.json();
        assertThat(rec.get("request").get("repeat").get("type").asText()).isEqualTo("half-drop");
        JsonNode labels = rec.get("candidates").get(0).get("labels");
        assertThat(labels.get("family").asText()).isEqualTo("gingham");
        assertThat(labels.get("palette").asText()).isEqualTo("sage");

        RasterFile tile = ImageFiles.read(out.resolve("design-01-tile.png"));
        // the procedural generator draws at any size, so with no --size it draws at print resolution
        assertThat(tile.image().width()).isEqualTo(1890);
        assertThat(tile.dpiX()).isCloseTo(300, within(0.5));
        assertThat(SeamMetric.score(tile.image(), RepeatGeometry.HALF_DROP)).isLessThan(SeamMetric.THRESHOLD);

        RasterFile print = ImageFiles.read(out.resolve("design-01-print.tif"));
        assertThat(print.dpiX()).isCloseTo(300, within(0.01));
        assertThat(print.image().width()).isEqualTo(1890); // 16 cm at 300 dpi
        assertThat(print.iccProfile()).isNotNull();
        assertThat(SeamMetric.score(print.image(), RepeatGeometry.HALF_DROP)).isLessThan(SeamMetric.THRESHOLD);
        // #7: the files say what made them (XMP, stored uncompressed: tag 700 in the TIFF, iTXt in the PNG)
        String jobId = rec.get("jobId").asText();
        for (String f : new String[] {"design-01-print.tif", "design-01-tile.png", "design-01-preview.png"}) {
            String bytes = new String(java.nio.file.Files.readAllBytes(out.resolve(f)), java.nio.charset.StandardCharsets.ISO_8859_1);
            assertThat(bytes).as(f).contains("digitalsourcetype/algorithmicMedia</Iptc4xmpExt:DigitalSourceType>")
                    .contains("<tessera:generator>procedural</tessera:generator>")
                    .contains("<tessera:jobId>" + jobId + "</tessera:jobId>").contains("<xmp:CreatorTool>Tessera ");
        }
    }

    @Test
    void theSameSeedGivesTheSamePixels() throws Exception {
        String[] args = {"generate", "--generator", "procedural", "--prompt", "jewel paisley", "--seed", "99", "--size", "96",
            "--json", "--out"};
        JsonNode a = engine.cli(concat(args, tmp.resolve("a").toString())).json();
        JsonNode b = engine.cli(concat(args, tmp.resolve("b").toString())).json();
        assertThat(ImageFiles.read(tmp.resolve("a/design-01-tile.png")).image())
                .isEqualTo(ImageFiles.read(tmp.resolve("b/design-01-tile.png")).image());
        assertThat(a.get("candidates").get(0).get("labels")).isEqualTo(b.get("candidates").get(0).get("labels"));
    }

    @Test
    void variationsDifferAndDatasetCommandWritesAnIndex() throws Exception {
        Engine.Result r = engine.cli("generate", "--prompt", "floral", "-n", "3", "--size", "64", "--seed", "3", "--json",
                "--out", tmp.resolve("three").toString());
        JsonNode c = r.json().get("candidates");
        assertThat(c).hasSize(3);
        assertThat(c.get(0).get("seed").asLong()).isNotEqualTo(c.get(1).get("seed").asLong());

        Engine.Result d = engine.cli("dataset", "make", "--count", "30", "--size", "64", "--out", tmp.resolve("ds").toString());
        assertThat(d.code()).as(d.toString()).isZero();
        assertThat(tmp.resolve("ds/index.jsonl")).exists();
        assertThat(java.nio.file.Files.readAllLines(tmp.resolve("ds/index.jsonl"))).hasSize(30);
        assertThat(engine.cli("dataset", "make", "--count", "3", "--size", "50", "--out", tmp.resolve("bad").toString()).code())
                .isEqualTo(2);
    }

    private static String[] concat(String[] a, String last) {
        String[] out = java.util.Arrays.copyOf(a, a.length + 1);
        out[a.length] = last;
        return out;
    }
}
