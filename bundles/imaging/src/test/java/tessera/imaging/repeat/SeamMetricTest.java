package tessera.imaging.repeat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import tessera.api.InvalidValueException;
import tessera.api.image.RgbImage;
import tessera.api.repeat.RepeatGeometry;

class SeamMetricTest {
    @Test
    void periodicArtworkScoresAboutOne() {
        assertThat(SeamMetric.score(Tiles.blockSeamless(96, 64), RepeatGeometry.BLOCK)).isLessThan(1.1);
    }

    @Test
    void noiseIsNotMistakenForASeam() {
        for (long seed = 1; seed <= 5; seed++) {
            assertThat(SeamMetric.score(Tiles.noise(128, 128, seed), RepeatGeometry.BLOCK)).isBetween(0.7, 1.1);
        }
    }

    @Test
    void flatColourScoresExactlyOne() {
        RgbImage flat = Tiles.of(16, 16, (c, x, y) -> 0.3);
        assertThat(SeamMetric.score(flat, RepeatGeometry.BLOCK)).isEqualTo(1.0);
    }

    @Test
    void checksWithAnEdgeOnTheBorderAreSeamless() {
        // the band edge on the border is as strong as the band edges inside: a design edge, not a seam
        SeamMetric.SeamScore s = SeamMetric.measure(Tiles.gingham(64, 64), RepeatGeometry.BLOCK);
        assertThat(s.score()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.05));
        assertThat(s.seamless()).isTrue();
    }

    @Test
    void aNonPeriodicTileShowsItsSeams() {
        SeamMetric.SeamScore s = SeamMetric.measure(Tiles.notSeamless(96, 64), RepeatGeometry.BLOCK);
        assertThat(s.vertical()).isGreaterThan(3);
        assertThat(s.horizontal()).isGreaterThan(3);
        assertThat(s.seamless()).isFalse();
    }

    @Test
    void theRepeatGeometryDecidesWhetherATileIsSeamless() {
        RgbImage tile = Tiles.halfDropSeamless(64, 64);
        SeamMetric.SeamScore halfDrop = SeamMetric.measure(tile, RepeatGeometry.HALF_DROP);
        SeamMetric.SeamScore block = SeamMetric.measure(tile, RepeatGeometry.BLOCK);
        assertThat(halfDrop.score()).isLessThan(1.1);
        assertThat(block.vertical()).isGreaterThan(SeamMetric.THRESHOLD); // opposite phase at the side edges
        assertThat(block.horizontal()).isLessThan(1.1); // top and bottom meet the same in both
    }

    @Test
    void mirrorRepeatsHaveNoValueSeam() {
        assertThat(SeamMetric.score(Tiles.notSeamless(40, 40), RepeatGeometry.MIRROR)).isLessThan(1.0);
    }

    @Test
    void aSeamAlongPartOfTheBorderStillCounts() {
        // seamless except a dark motif cut by the right edge in the top quarter
        RgbImage base = Tiles.blockSeamless(128, 128);
        float[] p = base.planes();
        for (int c = 0; c < 3; c++) {
            for (int y = 4; y < 28; y++) {
                for (int x = 118; x < 128; x++) {
                    p[(c * 128 + y) * 128 + x] = 0.05f;
                }
            }
        }
        RgbImage cut = RgbImage.wrap(128, 128, p);
        assertThat(SeamMetric.measure(cut, RepeatGeometry.BLOCK).vertical()).isGreaterThan(SeamMetric.THRESHOLD);
    }

    @Test
    void tinyTilesAreRejected() {
        assertThatThrownBy(() -> SeamMetric.score(Tiles.noise(3, 8, 1), RepeatGeometry.BLOCK)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("4 × 4");
    }
}
