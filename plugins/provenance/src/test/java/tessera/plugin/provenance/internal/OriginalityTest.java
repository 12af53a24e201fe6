package tessera.plugin.provenance.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tessera.api.image.RgbImage;
import tessera.api.pattern.Pattern;
import tessera.api.provenance.ProvenanceReport;
import tessera.api.provenance.ScanRequest;
import tessera.api.repeat.RepeatGeometry;
import tessera.dataset.DatasetMaker;
import tessera.imaging.io.ImageFiles;
import tessera.plugin.provenance.internal.manifest.ManifestFiles;
import tessera.plugin.provenance.internal.originality.OriginalityIndex;
import tessera.plugin.provenance.internal.scan.Limits;

/** #7: a training tile fed back as output is flagged, shifted or not; a fresh tile passes. */
class OriginalityTest {
    @TempDir
    static Path tmp;
    static OriginalityChecker checker;

    @BeforeAll
    static void index() throws Exception {
        new DatasetMaker(2).make(64, 64, 11, tmp.resolve("train"), (d, t) -> { });
        var audit = new DatasetAuditorComponent(Limits.defaults(), 2, "test").scan(new ScanRequest(tmp.resolve("train"), null,
                tmp.resolve("m.json")));
        checker = new OriginalityChecker(java.util.List.of(OriginalityIndex.of(ManifestFiles.read(audit.manifest()), audit.manifestSha256())));
        new DatasetMaker(2).make(8, 64, 999_001, tmp.resolve("fresh"), (d, t) -> { });
    }

    private static Pattern pattern(RgbImage tile) {
        return new Pattern(tile, RepeatGeometry.BLOCK, 10, 10, null);
    }

    @Test
    void aTrainingTileFedBackIsFlagged() throws Exception {
        RgbImage tile = ImageFiles.read(tmp.resolve("train/tile-000005.png")).image();
        ProvenanceReport r = checker.check(pattern(tile), null);
        assertThat(r.passed()).isFalse();
        assertThat(r.nearest().getFirst().item()).isEqualTo("tile-000005.png");
        assertThat(r.nearest().getFirst().distance()).isZero();
        assertThat(r.findings()).anyMatch(f -> f.contains("memorised copy"));
    }

    @Test
    void aCyclicallyShiftedTrainingTileIsFlaggedToo() throws Exception {
        RgbImage tile = ImageFiles.read(tmp.resolve("train/tile-000007.png")).image();
        int w = tile.width(), h = tile.height();
        int[] rgb = tile.toPackedRgb(), shifted = new int[rgb.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                shifted[((y + h / 3) % h) * w + (x + w / 2) % w] = rgb[y * w + x];
            }
        }
        ProvenanceReport r = checker.check(pattern(RgbImage.fromPackedRgb(w, h, shifted)), null);
        assertThat(r.passed()).as(r.toString()).isFalse();
        assertThat(r.nearest()).anyMatch(n -> n.item().equals("tile-000007.png"));
    }

    @Test
    void freshTilesPass() throws Exception {
        for (int i = 0; i < 8; i++) {
            RgbImage tile = ImageFiles.read(tmp.resolve("fresh/tile-%06d.png".formatted(i))).image();
            ProvenanceReport r = checker.check(pattern(tile), null);
            assertThat(r.passed()).as("fresh tile %d: %s", i, r).isTrue();
            assertThat(r.nearest()).isNotEmpty();
        }
    }
}
