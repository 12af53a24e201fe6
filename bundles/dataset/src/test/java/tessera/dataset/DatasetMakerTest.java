package tessera.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import tessera.api.InvalidValueException;
import tessera.api.image.RgbImage;
import tessera.api.json.TesseraJson;
import tessera.dataset.motif.MotifFamily;
import tessera.dataset.motif.MotifSynthesizer;
import tessera.imaging.io.ImageFiles;

class DatasetMakerTest {
    @TempDir
    Path tmp;

    @Test
    void writesTilesAndAnIndexLineForEach() throws Exception {
        Path dir = tmp.resolve("set");
        List<Integer> progress = new ArrayList<>();
        DatasetSummary s = new DatasetMaker(2).make(40, 64, 7, dir, (done, total) -> {
            assertThat(total).isEqualTo(40);
            progress.add(done);
        });
        assertThat(s.count()).isEqualTo(40);
        assertThat(progress).hasSize(40).isSorted().startsWith(1).endsWith(40);
        List<String> lines = Files.readAllLines(dir.resolve("index.jsonl"), StandardCharsets.UTF_8);
        assertThat(lines).hasSize(40);
        JsonNode first = TesseraJson.mapper().readTree(lines.get(0));
        assertThat(first.fieldNames()).toIterable().containsExactly("file", "caption", "labels", "seed", "sha256", "width", "height");
        assertThat(first.get("file").asText()).isEqualTo("tile-000000.png");
        assertThat(first.get("labels").get("family").asText()).isEqualTo("stripes");

        TileDataset set = TileDataset.open(dir);
        assertThat(set.indexed()).isTrue();
        assertThat(set.entries()).hasSize(40);
        assertThat(set.verify()).isEmpty();
        for (int i = 0; i < 40; i++) {
            DatasetEntry e = set.entries().get(i);
            assertThat(e.labels().get("family")).isEqualTo(MotifFamily.values()[i % MotifFamily.values().length].id());
            assertThat(e.width()).isEqualTo(64);
            assertThat(e.caption()).isEqualTo(e.labels().get("caption"));
        }
        // the PNG holds exactly the synthesized pixels (8-bit), and the seed reproduces them
        DatasetEntry e = set.entries().get(17);
        RgbImage read = set.image(e);
        RgbImage again = MotifSynthesizer.render(DatasetMaker.tileSpec(7, 17), 64, 64).image();
        assertThat(read.toPackedRgb()).isEqualTo(again.toPackedRgb());
        assertThat(DatasetMaker.tileSpec(7, 17).seed()).isEqualTo(e.seed());
    }

    @Test
    void sameSeedSameBytesWhateverTheThreadCount() throws Exception {
        DatasetSummary one = new DatasetMaker(1).make(30, 64, 3, tmp.resolve("a"), DatasetProgress.NONE);
        DatasetSummary two = new DatasetMaker(2).make(30, 64, 3, tmp.resolve("b"), DatasetProgress.NONE);
        DatasetSummary other = new DatasetMaker(2).make(30, 64, 4, tmp.resolve("c"), DatasetProgress.NONE);
        assertThat(two.indexSha256()).isEqualTo(one.indexSha256()).isNotEqualTo(other.indexSha256());
        assertThat(Files.readAllBytes(tmp.resolve("a/index.jsonl"))).isEqualTo(Files.readAllBytes(tmp.resolve("b/index.jsonl")));
    }

    @Test
    void remakingADataSetReplacesIt() throws Exception {
        Path dir = tmp.resolve("set");
        new DatasetMaker().make(5, 64, 1, dir, DatasetProgress.NONE);
        new DatasetMaker().make(3, 128, 2, dir, DatasetProgress.NONE);
        TileDataset set = TileDataset.open(dir);
        assertThat(set.entries()).hasSize(3).allSatisfy(e -> assertThat(e.width()).isEqualTo(128));
    }

    @Test
    void refusesBadSizesCountsAndForeignFolders() throws Exception {
        DatasetMaker maker = new DatasetMaker();
        assertThatThrownBy(() -> maker.make(5, 100, 1, tmp.resolve("x"), DatasetProgress.NONE))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("64, 128 or 256");
        assertThatThrownBy(() -> maker.make(0, 64, 1, tmp.resolve("x"), DatasetProgress.NONE))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("count");
        Path photos = Files.createDirectories(tmp.resolve("photos"));
        Files.writeString(photos.resolve("holiday.txt"), "mine");
        assertThatThrownBy(() -> maker.make(5, 64, 1, photos, DatasetProgress.NONE))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("not empty");
    }

    @Test
    void readsAPlainFolderOfUserPngs() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("mine/sub"));
        RgbImage red = RgbImage.fromPackedRgb(20, 10, filled(200, 0xcc2233));
        ImageFiles.writePng(red, 300, tmp.resolve("mine/blue_floral-01.png"));
        ImageFiles.writePng(red, 300, dir.resolve("b.PNG"));
        Files.writeString(tmp.resolve("mine/notes.txt"), "not an image");
        TileDataset set = TileDataset.open(tmp.resolve("mine"));
        assertThat(set.indexed()).isFalse();
        assertThat(set.entries()).extracting(DatasetEntry::file).containsExactly("blue_floral-01.png", "sub/b.PNG");
        DatasetEntry e = set.entries().get(0);
        assertThat(e.caption()).isEqualTo("blue floral 01");
        assertThat(e.labels()).containsEntry("source", "user");
        assertThat(e.seed()).isNull();
        assertThat(e.width()).isEqualTo(20);
        assertThat(e.height()).isEqualTo(10);
        assertThat(set.image(e).toPackedRgb()).isEqualTo(red.toPackedRgb());
        assertThat(set.verify()).isEmpty();
    }

    @Test
    void verifyFindsChangedAndMissingFiles() throws Exception {
        Path dir = tmp.resolve("set");
        new DatasetMaker().make(4, 64, 1, dir, DatasetProgress.NONE);
        Files.write(dir.resolve("tile-000001.png"), new byte[] {1, 2, 3});
        Files.delete(dir.resolve("tile-000002.png"));
        assertThat(TileDataset.open(dir).verify()).containsExactly(
                "tile-000001.png: changed since it was indexed (SHA-256 differs)", "tile-000002.png: missing");
    }

    @Test
    void aBrokenIndexLineIsReportedWithItsNumber() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("bad"));
        Files.writeString(dir.resolve("index.jsonl"), "{\"file\":\"a.png\",\"sha256\":\"" + "0".repeat(64)
                + "\",\"width\":4,\"height\":4,\"future\":1}\n{\"file\":\"../escape.png\"}\n");
        assertThatThrownBy(() -> TileDataset.open(dir)).isInstanceOf(IOException.class).hasMessageContaining("line 2");
        assertThatThrownBy(() -> TileDataset.open(tmp.resolve("nothing-here"))).isInstanceOf(IOException.class);
    }

    private static int[] filled(int n, int rgb) {
        int[] a = new int[n];
        java.util.Arrays.fill(a, rgb);
        return a;
    }
}
