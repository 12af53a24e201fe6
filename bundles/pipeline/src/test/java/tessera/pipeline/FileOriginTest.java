package tessera.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tessera.api.export.OutputProvenance;
import tessera.api.image.RgbImage;
import tessera.api.job.DesignOrigin;
import tessera.imaging.io.ImageFiles;
import tessera.imaging.io.PixelSource;
import tessera.imaging.io.PngOptions;
import tessera.imaging.io.TiffOptions;
import tessera.imaging.io.XmpPacket;

/** #11: the origin a file Tessera wrote names in its XMP, and what a damaged or foreign packet gives instead. */
class FileOriginTest {
    private static final String SHA = "0123456789abcdef".repeat(4);

    @TempDir
    Path dir;

    private static RgbImage tile() {
        return RgbImage.of(8, 8, new float[3 * 64]);
    }

    private Path png(XmpPacket xmp) throws Exception {
        Path f = Files.createTempFile(dir, "t", ".png");
        ImageFiles.writePng(PixelSource.of(tile()), PngOptions.of(150), xmp, f);
        return f;
    }

    @Test
    void anExportedFileLeadsBackToTheJobAndDesignThatGeneratedIt() throws Exception {
        // as a job that exports an earlier design writes it: its own job id, and the generation job as origin
        OutputProvenance p = new OutputProvenance("Tessera 1.1.0", "gan", "1.1.0.202611", "gan-motif-64", SHA,
                "trainedAlgorithmicMedia", "export-job", "3", "gen-job", 4, 1234567890123L, "sage <leaves> & stems");
        Path tif = dir.resolve("print.tif");
        ImageFiles.writeTiff(PixelSource.of(tile()), TiffOptions.of(150), XmpPacket.of(p), tif);
        DesignOrigin o = FileOrigin.read(tif);
        assertThat(o.known()).isTrue();
        assertThat(o.source()).isEqualTo(DesignOrigin.FILE);
        assertThat(o.generator().id()).isEqualTo("gan");
        assertThat(o.generator().version()).isEqualTo("1.1.0.202611");
        assertThat(o.generator().modelId()).isEqualTo("gan-motif-64");
        assertThat(o.modelVersion()).isEqualTo("3");
        assertThat(o.manifestSha256()).isEqualTo(SHA);
        assertThat(o.jobId()).isEqualTo("gen-job");
        assertThat(o.candidate()).isEqualTo(4);
        assertThat(o.seed()).isEqualTo(1234567890123L);
        assertThat(o.prompt()).isEqualTo("sage <leaves> & stems");
        assertThat(o.note()).contains("print.tif");

        // a generation job's own file: its job id is the origin
        OutputProvenance made = new OutputProvenance("Tessera 1.1.0", "procedural", "1.1.0", null, null, "algorithmicMedia",
                "gen-job", null, null, 0, 7L, null);
        assertThat(FileOrigin.read(png(XmpPacket.of(made))).jobId()).isEqualTo("gen-job");
    }

    @Test
    void aPacketThatDoesNotHoldTogetherGivesNoOriginAndANote() throws Exception {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("generator", "gan");
        f.put("seed", "seventy-seven");
        DesignOrigin badSeed = FileOrigin.read(png(new XmpPacket("Tessera 1.1.0", null, f)));
        assertThat(badSeed.known()).isFalse();
        assertThat(badSeed.note()).contains("seed").contains("seventy-seven").contains("no known origin");

        f.put("seed", "7");
        f.put("trainingManifestSha256", "not-a-digest");
        assertThat(FileOrigin.read(png(new XmpPacket("Tessera 1.1.0", null, f))).note()).contains("manifestSha256");

        f.put("trainingManifestSha256", SHA);
        f.put("generator", "Not An Id!");
        assertThat(FileOrigin.read(png(new XmpPacket("Tessera 1.1.0", null, f))).note()).contains("generator");

        DesignOrigin foreign = FileOrigin.read(png(new XmpPacket("Adobe Photoshop 26.0", null, Map.of("other", "x"))));
        assertThat(foreign.known()).isFalse();
        assertThat(foreign.note()).contains("no Tessera generator").contains("Adobe Photoshop 26.0");

        assertThat(FileOrigin.read(png(null))).as("no XMP at all: nothing to say").isNull();
    }

    @Test
    void aDamagedTiffDirectoryGivesANoteNotAFailure() throws Exception {
        Path tif = dir.resolve("cut.tif");
        ImageFiles.writeTiff(PixelSource.of(tile()), TiffOptions.of(150), XmpPacket.of(new OutputProvenance("Tessera",
                "procedural", "1", null, null, null, "j")), tif);
        byte[] b = Files.readAllBytes(tif);
        // point the first IFD past the end of the file
        b[4] = (byte) 0xff;
        b[5] = (byte) 0xff;
        b[6] = (byte) 0xff;
        b[7] = (byte) 0x0f;
        Files.write(tif, b);
        DesignOrigin o = FileOrigin.read(tif);
        assertThat(o.known()).isFalse();
        assertThat(o.note()).contains("cut.tif").contains("past the end");
    }
}
