package tessera.imaging.repeat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tessera.api.InvalidValueException;
import tessera.api.image.RgbImage;
import tessera.api.repeat.RepeatGeometry;
import tessera.imaging.icc.CmykSeparation;
import tessera.imaging.io.ImageFiles;
import tessera.imaging.io.PixelSource;
import tessera.imaging.io.RasterFile;
import tessera.imaging.io.TiffOptions;

class PrintLayoutTest {
    @TempDir
    Path dir;

    @Test
    void physicalSizeBecomesWholePixels() {
        PrintLayout p = new PrintLayout(RepeatGeometry.BLOCK, 64, 32, 300);
        assertThat(p.tileWidthPx()).isEqualTo(7559); // 64 cm / 2.54 × 300 = 7559.06
        assertThat(p.tileHeightPx()).isEqualTo(3780);
        assertThat(p.actualTileWidthCm()).isCloseTo(64, within(2.54 / 300 / 2));
        assertThat(p.pixelsFor(150)).isEqualTo(17717);
    }

    @Test
    void halfRepeatsGetAnEvenCountAlongTheOffset() {
        assertThat(new PrintLayout(RepeatGeometry.HALF_DROP, 64, 64, 300).tileHeightPx() % 2).isZero();
        assertThat(new PrintLayout(RepeatGeometry.HALF_BRICK, 64, 64, 300).tileWidthPx() % 2).isZero();
    }

    @Test
    void refusesTilesLargerThanATileMayBe() {
        assertThatThrownBy(() -> new PrintLayout(RepeatGeometry.BLOCK, 200, 10, 600).tileWidthPx())
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("lower the dpi");
    }

    @Test
    void printIsStreamedAtTheTileScale() throws IOException {
        RgbImage tile = Tiles.halfDropSeamless(64, 64);
        PrintLayout layout = new PrintLayout(RepeatGeometry.HALF_DROP, 2, 2, 100); // 78.7 px: 79 wide, 78 high (even)
        PixelSource print = layout.print(tile, 10, 5);
        assertThat(print.width()).isEqualTo(394);
        assertThat(print.height()).isEqualTo(197);

        Path rgb = dir.resolve("print.tif");
        ImageFiles.writeTiff(print, TiffOptions.of(100), rgb);
        RasterFile back = ImageFiles.read(rgb);
        assertThat(back.image().width()).isEqualTo(394);
        assertThat(back.dpiX()).isEqualTo(100.0);
        assertThat(layout.tileWidthPx()).isEqualTo(79);
        assertThat(layout.tileHeightPx()).isEqualTo(78);
        RgbImage scaled = layout.tileAtPrintResolution(tile);
        // second column of repeats, dropped by half the tile height
        assertThat(back.image().get(0, 39 + 5, 79 + 3)).isCloseTo(scaled.get(0, 5, 3), within(0.5f / 255 + 1e-6f));

        Path cmyk = dir.resolve("print-cmyk.tif");
        CmykSeparation.fogra39().writeTiff(layout.print(tile, 10, 5), TiffOptions.of(100), cmyk);
        assertThat(cmyk).isNotEmptyFile();
    }
}
