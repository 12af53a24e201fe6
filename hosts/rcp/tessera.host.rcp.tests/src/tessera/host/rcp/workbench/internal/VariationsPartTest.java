package tessera.host.rcp.workbench.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.eclipse.e4.core.contexts.EclipseContextFactory;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.MApplicationFactory;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tessera.api.design.DesignRequest;
import tessera.api.job.DesignPipeline;
import tessera.api.job.JobListener;
import tessera.api.json.TesseraJson;
import tessera.api.repeat.RepeatGeometry;
import tessera.imaging.io.ImageFiles;

/**
 * The Variations view against the real pipeline and GAN in this Equinox: the grid is rendered into an image
 * and its pixels read; picks, moves and presets go through the part's own actions and the engine; the test
 * waits (bounded) on the display's event loop for the part's worker.
 */
class VariationsPartTest {
    static final Duration WAIT = Duration.ofMinutes(3);
    /** A block repeat, so each swatch's four copies sit exactly on the swatch's quarters. */
    static final DesignForm GAN = new DesignForm("sage gingham check", "gan", null, 77L, 4, 64, "block", 24.0);

    @TempDir
    Path dir;
    Display display;
    Shell shell;
    DesignPipeline pipeline;
    MApplication app;
    VariationsPart part;

    @BeforeEach
    void open() throws Exception {
        TestRuntime.assumeDisplay();
        pipeline = TestRuntime.startEngine().await(DesignPipeline.class, Duration.ofSeconds(60));
        display = Display.getDefault();
        shell = new Shell(display);
        shell.setLayout(new FillLayout());
        shell.setSize(1000, 760);
        app = MApplicationFactory.INSTANCE.createApplication();
        app.setContext(EclipseContextFactory.create("variations-test"));
        part = new VariationsPart();
        part.app = app;
        part.create(shell);
        shell.layout(true, true);
        shell.open();
    }

    @AfterEach
    void close() {
        if (part != null) {
            part.dispose();
        }
        if (shell != null) {
            shell.dispose();
        }
    }

    @Test
    void gridShowsEachDesignOnceAsATwoByTwoRepeat() throws Exception {
        DesignResult job = generate(GAN, "job");
        show(job);
        ImageData img = render(part.designs());
        int half = VariationGrid.SWATCH / 2, w = part.designs().getSize().x;
        assertThat(part.designs().size()).isEqualTo(4);
        for (int i = 0; i < 4; i++) {
            int[] o = VariationGrid.origin(i, w);
            ImageData tile = part.designs().thumbnail(i);
            for (int[] p : new int[][] {{9, 13}, {40, 50}, {60, 3}}) {
                int expected = tile.getPixel(p[0], p[1]);
                // the same tile pixel in all four copies of the swatch (drawn at 1:1: 64 px tile, 64 px copy)
                for (int[] copy : new int[][] {{0, 0}, {half, 0}, {0, half}, {half, half}}) {
                    assertThat(rgb(img, o[0] + copy[0] + p[0], o[1] + copy[1] + p[1])).as("design %d copy %s pixel %s", i + 1,
                            java.util.Arrays.toString(copy), java.util.Arrays.toString(p))
                            .isEqualTo(rgb(tile, expected));
                }
            }
        }
        assertThat(part.designs().thumbnail(0).data).as("four different designs").isNotEqualTo(part.designs().thumbnail(1).data);
        int[] fifth = VariationGrid.origin(4, w);
        assertThat(rgb(img, fifth[0] + 30, fifth[1] + 30)).as("nothing where a fifth swatch would be")
                .isEqualTo(rgb(img, fifth[0] - VariationGrid.GAP / 2, fifth[1] + 30));
    }

    @Test
    void pickMakesTheDesignCurrentInTheApplicationContext() throws Exception {
        DesignResult job = generate(GAN, "job");
        show(job);
        part.pick(2, false);
        CurrentDesign current = app.getContext().get(CurrentDesign.class);
        assertThat(current).as("the design the canvas, constraints and export views follow").isNotNull();
        assertThat(current.tile()).isEqualTo(job.tiles().get(2));
        assertThat(current.label()).startsWith("design 3 of 4");
        assertThat(current.origin().seed()).isEqualTo(job.record().candidates().get(2).seed());
        assertThat(current.generator().id()).isEqualTo("gan");
        part.pick(0, true);
        assertThat(app.getContext().get(CurrentDesign.class)).as("a second pick (Ctrl+click) marks B only").isSameAs(current);
        assertThat(part.canInterpolate()).isTrue();
    }

    @Test
    void interpolationStripRunsFromOnePickedDesignToTheOther() throws Exception {
        DesignResult job = generate(GAN, "job");
        show(job);
        part.pick(0, false);
        part.pick(3, true);
        part.interpolate(5);
        pump(() -> part.idle() && part.explored().size() > 0, "interpolate");
        DesignResult strip = part.explored().job();
        assertThat(strip.tiles()).as("status: %s", part.status()).hasSize(5);
        assertThat(strip.record().request().options()).containsEntry("mode", "interpolate")
                .containsEntry("from", "code:" + job.record().candidates().get(0).latent())
                .containsEntry("to", "code:" + job.record().candidates().get(3).latent());
        int[] a = pixels(job.tiles().get(0)), b = pixels(job.tiles().get(3));
        assertThat(pixels(strip.tiles().get(0))).as("the strip starts at A, pixel for pixel").isEqualTo(a);
        // the far end's wave phases are A's plus the shorter-arc difference, B's up to float rounding
        assertThat(maxChannelDifference(pixels(strip.tiles().get(4)), b)).as("the strip ends at B (≤ 2 of 255)")
                .isLessThanOrEqualTo(2);
        for (int i = 1; i < 4; i++) {
            int[] mid = pixels(strip.tiles().get(i));
            assertThat(maxChannelDifference(mid, a)).as("in-between %d differs from A", i).isGreaterThan(16);
            assertThat(maxChannelDifference(mid, b)).as("in-between %d differs from B", i).isGreaterThan(16);
        }
        ImageData img = render(part.explored());
        assertThat(part.explored().size()).isEqualTo(5);
        int[] last = VariationGrid.origin(4, part.explored().getSize().x);
        ImageData lastTile = part.explored().thumbnail(4);
        assertThat(rgb(img, last[0] + 20, last[1] + 20)).as("the strip's fifth swatch is drawn")
                .isEqualTo(rgb(lastTile, lastTile.getPixel(20, 20)));

        // a design of the strip is picked like any other and its record makes it again
        part.pickExplored(2, false);
        assertThat(app.getContext().get(CurrentDesign.class).tile()).isEqualTo(strip.tiles().get(2));
        DesignResult again = DesignRun.run(pipeline, strip.record().request(), dir.resolve("again"), JobListener.NONE);
        assertThat(pixels(again.tiles().get(2))).as("the strip's recorded request regenerates it").isEqualTo(
                pixels(strip.tiles().get(2)));
        // #11: a blend's record keeps its code, so it is moved from like any design
        assertThat(part.canVary()).as("a blend's recorded code starts a move: %s", part.varyTooltip()).isTrue();
        Variation blend = new Variation(strip, 2);
        assertThat(strip.record().candidates().get(2).latent()).as("the blend's code is in its record").isNotBlank();
        DesignResult itself = DesignRun.run(pipeline, LatentExplorer.mix(blend, blend, 1), dir.resolve("itself"),
                JobListener.NONE);
        assertThat(pixels(itself.tiles().get(0))).as("the blend's style on its own layout is the blend").isEqualTo(
                pixels(strip.tiles().get(2)));
        part.vary("small", 3);
        pump(() -> part.idle() && part.explored().job() != strip, "vary the blend");
        assertThat(part.explored().job().record().request().options()).containsEntry("mode", "ring")
                .containsEntry("around", "code:" + strip.record().candidates().get(2).latent());
        assertThat(part.explored().job().tiles()).as("status: %s", part.status()).hasSize(3);
    }

    @Test
    void savedBrandPresetRegeneratesThePickedDesign() throws Exception {
        DesignResult job = generate(GAN, "job");
        show(job);
        part.pick(1, false);
        String id = "studio-test-" + Long.toHexString(System.nanoTime());
        part.savePreset(id, "Studio test");
        pump(() -> part.idle() && part.saved() != null, "save preset");
        BrandPresets.Saved saved = part.saved();
        Path presets = Path.of(System.getProperty("tessera.gan.presets"));
        assertThat(saved.file()).as("in the folder the GAN reads presets from").isEqualTo(presets.resolve(id + ".json"));
        assertThat(Files.readString(saved.file())).contains("\"centre\"", "\"halfWidth\"", "\"model\"");
        assertThat(saved.samePixels()).as("the part's own check: %s", part.status()).isTrue();

        // independently, as `tessera generate --generator gan --preset ID --seed 77 -n 2` would: design 2 is the pick
        DesignRequest withPreset = new DesignRequest(GAN.prompt(), "gan", id, GAN.seed(), 2, 64, 64, RepeatGeometry.BLOCK,
                24.0, null, null, null, null, null, Map.of());
        DesignResult made = DesignRun.run(pipeline, withPreset, dir.resolve("from-preset"), JobListener.NONE);
        assertThat(made.record().candidates().get(1).labels()).containsEntry("preset", id);
        assertThat(pixels(made.tiles().get(1))).as("design 2 from the preset").isEqualTo(pixels(job.tiles().get(1)));
        assertThat(pixels(made.tiles().get(0))).as("the preset keeps the style; another seed another layout")
                .isNotEqualTo(pixels(job.tiles().get(1)));
        Files.deleteIfExists(saved.file());
    }

    @Test
    void explorerIsDisabledForTheProceduralGeneratorAndSaysWhy() throws Exception {
        DesignResult job = generate(new DesignForm("navy ikat stripes", "procedural", null, 4242L, 2, 64, "block", 16.0), "job");
        show(job);
        part.pick(0, false);
        part.pick(1, true);
        assertThat(part.canVary()).isFalse();
        assertThat(part.canInterpolate()).isFalse();
        assertThat(part.varyTooltip()).contains("procedural generator has no latent space");
        assertThat(app.getContext().get(CurrentDesign.class).tile()).as("picking still works").isEqualTo(job.tiles().get(0));
    }

    private DesignResult generate(DesignForm form, String name) throws Exception {
        DesignResult r = DesignRun.run(pipeline, form.toRequest(), dir.resolve(name), JobListener.NONE);
        TesseraJson.write(r.record()); // the record is complete JSON, as the Variations view reads it back
        return r;
    }

    /** The Design view's job arrives; its thumbnails are decoded off the UI thread, so the grid fills a moment later. */
    private void show(DesignResult job) {
        part.job(job);
        pump(() -> part.idle() && part.designs().job() == job, "the designs of " + job.outDir().getFileName());
    }

    private void pump(BooleanSupplier done, String what) {
        TestRuntime.pumpUntil(display, done, WAIT, what);
    }

    /** The grid's own paint code into an image (reading the screen back races the X server under Xvfb). */
    private ImageData render(VariationGrid grid) {
        var size = grid.getSize();
        assertThat(size.x).as("grid laid out").isGreaterThan(VariationGrid.SWATCH * 2);
        Image image = new Image(display, size.x, Math.max(size.y, VariationGrid.SWATCH * 2));
        GC gc = new GC(image);
        try {
            grid.paint(gc, size.x, Math.max(size.y, VariationGrid.SWATCH * 2));
            return image.getImageData();
        } finally {
            gc.dispose();
            image.dispose();
        }
    }

    private static int rgb(ImageData img, int x, int y) {
        return rgb(img, img.getPixel(x, y));
    }

    private static int rgb(ImageData img, int pixel) {
        var c = img.palette.getRGB(pixel);
        return c.red << 16 | c.green << 8 | c.blue;
    }

    private static int[] pixels(Path tile) throws Exception {
        return ImageFiles.read(tile).image().toPackedRgb();
    }

    private static int maxChannelDifference(int[] x, int[] y) {
        assertThat(x).hasSameSizeAs(y);
        int max = 0;
        for (int i = 0; i < x.length; i++) {
            for (int s = 0; s <= 16; s += 8) {
                max = Math.max(max, Math.abs((x[i] >> s & 0xFF) - (y[i] >> s & 0xFF)));
            }
        }
        return max;
    }
}
