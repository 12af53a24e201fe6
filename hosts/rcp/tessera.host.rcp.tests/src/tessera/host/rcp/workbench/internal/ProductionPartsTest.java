package tessera.host.rcp.workbench.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tessera.api.constraint.Severity;
import tessera.api.export.ExportedFile;
import tessera.api.image.RgbImage;
import tessera.api.job.ServiceUse;
import tessera.api.pattern.Pattern;
import tessera.api.repeat.RepeatGeometry;
import tessera.imaging.io.ImageFiles;

/**
 * The Constraints, Export, Provenance and QA parts against the real engine bundles in this Equinox (no
 * stand-ins): each part is built in a shell, given a design as the workbench's context gives it, and
 * driven through its own actions; the test waits (bounded) on the display's event loop for the results.
 * The design is made to fail {@code rotary-64-6}: twelve flat colours where the line prints six, in a
 * half-brick repeat the line does not print.
 */
class ProductionPartsTest {
    static final Duration WAIT = Duration.ofMinutes(3);
    static final String PROFILE = "rotary-64-6";

    @TempDir
    Path dir;
    Display display;
    Shell shell;
    CurrentDesign design;

    @BeforeEach
    void open() throws Exception {
        TestRuntime.assumeDisplay();
        TestRuntime.startEngine().await(tessera.api.job.DesignPipeline.class, Duration.ofSeconds(60));
        display = Display.getDefault();
        shell = new Shell(display);
        shell.setLayout(new FillLayout());
        shell.setSize(1000, 600);
        design = twelveColourHalfBrick(dir.resolve("job"));
    }

    @AfterEach
    void close() {
        if (shell != null) {
            shell.dispose();
        }
    }

    @Test
    void constraintsListTheFindingsAndRepairReplacesTheDesign() {
        ConstraintsPart part = new ConstraintsPart();
        part.create(shell);
        shell.open();
        part.design(design);
        pump(() -> part.idle() && !part.reports().isEmpty(), "check");
        assertThat(part.findings()).as("findings of %s", PROFILE)
                .anySatisfy(v -> assertThat(v.rule() + " " + v.severity()).isEqualTo("repeat.type " + Severity.ERROR))
                .anySatisfy(v -> assertThat(v.rule() + " " + v.severity()).isEqualTo("colour.count " + Severity.ERROR));
        var colours = part.findings().stream().filter(v -> v.rule().equals("colour.count")).findFirst().orElseThrow();
        assertThat(colours.measured()).as("colours counted").isEqualTo(12.0);
        assertThat(colours.limit()).isEqualTo(6.0);
        assertThat(colours.fix()).isNotBlank();

        part.repair();
        pump(part::idle, "repair and re-check");
        assertThat(part.current().revision()).as("the repaired design is current").isEqualTo(1);
        assertThat(part.lastChanges()).isNotEmpty();
        assertThat(part.current().tile()).isRegularFile();
        assertThat(part.current().pattern().repeat().type()).as("laid out as the block repeat it equals")
                .isEqualTo(tessera.api.repeat.RepeatType.BLOCK);
        assertThat(part.findings()).as("after one click (one round would leave shades: the block layout brings them back)").noneMatch(v -> v.severity() == Severity.ERROR
                && (v.rule().equals("repeat.type") || v.rule().equals("colour.count")));
    }

    @Test
    void exportWritesTheProfilesProductionFilesIntoTheChosenFolder() throws Exception {
        ExportPart part = new ExportPart();
        part.create(shell);
        shell.open();
        part.design(design);
        part.setColourways("navy: #1d2a44 #e8dcc4 #b5452f #6a8d73");
        Path out = dir.resolve("chosen folder");
        part.exportTo(out);
        pump(() -> part.idle() && !part.written().isEmpty(), "export");
        assertThat(part.folderWritten()).isEqualTo(out);
        // the exporters of every installed plugin for the profile: the pipeline's files, colourways, real-size preview
        // (screen separations need a design within the line's colours, so this twelve-colour one gets none)
        assertThat(part.written()).extracting(ExportedFile::role).contains("tile", "print", "preview", "colourway",
                "colourways", "preview-real-size");
        for (ExportedFile f : part.written()) {
            assertThat(out.resolve(f.path())).as(f.path()).isRegularFile().hasSize(f.bytes());
        }
        assertThat(out.resolve("job.json")).isRegularFile();
    }

    @Test
    void exportOfAGeneratedDesignNamesItsGeneratorAsTesseraGenerateDoes() throws Exception {
        var pipeline = TestRuntime.startEngine().await(tessera.api.job.DesignPipeline.class, Duration.ofSeconds(60));
        DesignResult job = DesignRun.run(pipeline, new DesignForm("sage gingham check", "gan", PROFILE, 77L, 2, 64,
                "block", 24.0).toRequest(), dir.resolve("gan-job"), tessera.api.job.JobListener.NONE);
        ExportPart part = new ExportPart();
        part.create(shell);
        shell.open();
        part.design(CurrentDesign.of(job, 1));
        Path out = dir.resolve("gan-export");
        part.exportTo(out);
        pump(() -> part.idle() && !part.written().isEmpty(), "export");
        var exported = tessera.api.json.TesseraJson.read(out.resolve("job.json"), tessera.api.job.JobRecord.class);
        var generated = job.record();
        ServiceUse made = generated.services().stream().filter(s -> s.role().equals("generator")).findFirst().orElseThrow();
        assertThat(made.modelId()).as("the generation record names the GAN's model").isNotBlank();
        var origin = exported.origin();
        assertThat(origin).as("the export's record names the design's origin").isNotNull();
        assertThat(origin.generator()).as("the generator, version, bundle and model of the generation job").isEqualTo(made);
        assertThat(origin.jobId()).isEqualTo(generated.jobId());
        assertThat(origin.candidate()).as("design 2").isEqualTo(1);
        assertThat(origin.source()).isEqualTo(tessera.api.job.DesignOrigin.HOST);
        assertThat(exported.request().generator()).isEqualTo("gan");
        assertThat(exported.request().prompt()).isEqualTo(generated.request().prompt());
        var c = exported.candidates().get(0);
        long seed = generated.candidates().get(1).seed();
        assertThat(c.seed()).as("design 2's own seed").isEqualTo(seed);
        assertThat(origin.seed()).isEqualTo(seed);
        assertThat(c.labels()).containsEntry("model", generated.candidates().get(1).labels().get("model"));
        // the files themselves name gan, its model and the seed, as those of a tessera generate job do
        for (String f : new String[] {"design-01-tile.png", "design-01-print.tif"}) {
            var xmp = tessera.imaging.io.XmpPacket.read(out.resolve(f));
            assertThat(xmp.tessera()).as(f).containsEntry("generator", "gan").containsEntry("modelId", made.modelId())
                    .containsEntry("seed", Long.toString(seed)).containsEntry("originJobId", generated.jobId());
            assertThat(xmp.digitalSourceType()).as(f).isEqualTo("trainedAlgorithmicMedia");
        }
        assertThat(c.files()).as("the files are the export's").isNotEmpty();
    }

    @Test
    void provenanceShowsTheModelCardAndTheDesignsOriginality() {
        ProvenancePart part = new ProvenancePart();
        part.create(shell);
        shell.open();
        part.design(new CurrentDesign(design.pattern(), design.tile(), PROFILE,
                new ServiceUse("generator", "gan", "1.1.0", "tessera.plugin.gan", null), 0, "test"));
        pump(() -> part.idle() && !part.models().isEmpty(), "provenance");
        assertThat(part.models()).anySatisfy(m -> {
            assertThat(m.generator()).isEqualTo("gan");
            assertThat(m.card()).as("the GAN's card, from its tessera.model.card property").isNotNull();
            assertThat(m.card().trainingManifestSha256()).hasSize(64);
            assertThat(m.lineage()).as("the checker's lineage verdict on the card's manifest").isNotNull();
        });
        assertThat(part.models()).anySatisfy(m -> {
            assertThat(m.generator()).isEqualTo("procedural");
            assertThat(m.card()).isNull();
        });
        assertThat(part.originality()).as("the provenance plugin's checker on the design").isNotEmpty();
    }

    @Test
    void qaComparesTheScanWithTheSourceAndListsTheStain() throws Exception {
        QaPart part = new QaPart();
        part.create(shell);
        shell.open();
        part.design(design);
        Path scan = StudioScript.simulatedScan(design.tile(), dir.resolve("scan.png"));
        part.inspect(design.tile(), scan);
        pump(() -> part.idle() && part.report() != null, "qa");
        assertThat(part.report().passed()).as("a stained scan fails: %s", part.report().reasons()).isFalse();
        assertThat(part.report().artifacts().get("overlay")).isNotNull();
        assertThat(Path.of(part.report().artifacts().get("overlay"))).isRegularFile();
    }

    private void pump(BooleanSupplier done, String what) {
        TestRuntime.pumpUntil(display, done, WAIT, what);
    }

    /** 12 vertical bands of flat colour, 256 px for 10 cm (65 dpi), half-brick: fails rotary-64-6 twice. */
    static CurrentDesign twelveColourHalfBrick(Path folder) throws Exception {
        int[] palette = {0x1d2a44, 0xe8dcc4, 0xb5452f, 0x6a8d73, 0xd9a441, 0x3b6ea5, 0x8c3b6e, 0xf2f2f2, 0x222222,
            0x7fb8a4, 0xc96f53, 0x5a4a8a};
        int n = 256;
        int[] rgb = new int[n * n];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                rgb[y * n + x] = palette[x * palette.length / n];
            }
        }
        RgbImage tile = RgbImage.fromPackedRgb(n, n, rgb);
        Files.createDirectories(folder);
        Path file = folder.resolve("design-01-tile.png");
        Pattern p = new Pattern(tile, RepeatGeometry.HALF_BRICK, 10, 10, Map.of());
        ImageFiles.writePng(tile, p.dpiX(), file);
        return new CurrentDesign(p, file, PROFILE, null, 0, "test design");
    }
}
