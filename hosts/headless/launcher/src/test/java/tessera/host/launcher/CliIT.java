package tessera.host.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tessera.imaging.io.ImageFiles;
import tessera.imaging.io.RasterFile;

/** The {@code tessera} command as a user meets it: help, bad input, bundle management. */
class CliIT {
    @TempDir
    static Path tmp;
    static Engine engine;

    @BeforeAll
    static void start() throws Exception {
        Path hot = tmp.resolve("data/hot");
        Files.createDirectories(hot);
        Files.copy(TestBundles.swapgen(tmp.resolve("jars"), "1.0.0"), hot.resolve("swapgen.jar"));
        engine = new Engine(tmp.resolve("data"));
    }

    @AfterAll
    static void stop() throws Exception {
        engine.close();
    }

    @Test
    void helpListsTheCommands() {
        Engine.Result r = engine.cli("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("generate").contains("bundles").contains("Exit codes");
        assertThat(engine.cli("generate", "--help").out()).contains("--prompt").contains("--repeat").contains("--dpi");
    }

    @Test
    void badInputGetsAClearMessageAndExitCode2() throws Exception {
        Engine.Result dpi = engine.cli("generate", "--dpi", "0", "--out", tmp.resolve("x").toString());
        assertThat(dpi.code()).isEqualTo(2);
        assertThat(dpi.err()).contains("dpi: 0 is out of range; allowed 10 to 2400");

        Engine.Result repeat = engine.cli("generate", "--repeat", "zigzag");
        assertThat(repeat.code()).isEqualTo(2);
        assertThat(repeat.err()).contains("'zigzag' is not a repeat type").contains("half-drop");

        Path req = tmp.resolve("bad.json");
        Files.writeString(req, "{\"prompt\":\"gingham\",\"tileWidthCm\":1000}");
        Engine.Result big = engine.cli("generate", "--request", req.toString());
        assertThat(big.code()).isEqualTo(2);
        assertThat(big.err()).contains("tileWidthCm").contains("allowed 0.5 to 500");

        Files.writeString(req, "{\"prompt\":\"gingham\",\"colors\":6}");
        Engine.Result unknown = engine.cli("generate", "--request", req.toString());
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown field 'colors'").contains("colours");

        assertThat(engine.cli("generate", "--nope").code()).isEqualTo(2);
        assertThat(engine.cli("bundles", "install", tmp.resolve("missing.jar").toString()).code()).isNotZero();
    }

    @Test
    void jobWritesItsRecordAndTile() throws Exception {
        Path out = tmp.resolve("job");
        Engine.Result r = engine.cli("generate", "--generator", "swapgen", "--size", "32", "--seed", "7", "-n", "2",
                "--width-cm", "10", "--dpi", "300", "--out", out.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("seed 7").contains("design 2");
        assertThat(out.resolve("job.json")).exists();
        assertThat(out.resolve("design-01-tile.png")).exists();
        assertThat(out.resolve("design-02-tile.png")).exists();
        RasterFile print = ImageFiles.read(out.resolve("design-01-print.tif"));
        assertThat(print.dpiX()).isCloseTo(300, within(0.01));
        assertThat(print.image().width()).isEqualTo(1181); // 10 cm at 300 dpi
        assertThat(print.iccProfile()).isNotNull();
        RasterFile preview = ImageFiles.read(out.resolve("design-01-preview.png"));
        assertThat(preview.image().width()).isEqualTo(3 * 32);
    }

    @Test
    void installListAndUninstallAPlugin() throws Exception {
        Path jar = TestBundles.build(tmp.resolve("jars2"), "tessera.it.throws", "1.0.0", "tessera.it.broken",
                java.util.Map.of("-dsannotations", "tessera.it.broken.ThrowingGenerator"));
        Engine.Result in = engine.cli("bundles", "install", jar.toString());
        assertThat(in.code()).as(in.toString()).isZero();
        assertThat(in.out()).contains("installed tessera.it.throws 1.0.0: active").contains("plugins throws");
        assertThat(engine.cli("bundles", "install", jar.toString()).err()).contains("already installed");
        assertThat(engine.cli("bundles", "list").out()).contains("tessera.it.throws").contains("hot");
        Engine.Result un = engine.cli("bundles", "uninstall", "tessera.it.throws");
        assertThat(un.code()).as(un.toString()).isZero();
        assertThat(engine.cli("bundles", "list").out()).doesNotContain("tessera.it.throws");
        assertThat(engine.cli("bundles", "uninstall", "tessera.pipeline").err()).contains("part of the engine distribution");
    }
}
