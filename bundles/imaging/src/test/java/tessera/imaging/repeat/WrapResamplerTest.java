package tessera.imaging.repeat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import tessera.api.image.RgbImage;
import tessera.api.repeat.RepeatGeometry;

class WrapResamplerTest {
    @ParameterizedTest
    @EnumSource(ResamplingKernel.class)
    void sameSizeIsTheIdentity(ResamplingKernel kernel) {
        RgbImage tile = Tiles.noise(33, 21, 4);
        RgbImage same = WrapResampler.resample(tile, RepeatGeometry.HALF_DROP, 33, 21, kernel);
        float[] a = tile.planesView();
        float[] b = same.planesView();
        for (int i = 0; i < a.length; i++) {
            assertThat(b[i]).isCloseTo(a[i], within(1e-5f));
        }
    }

    @ParameterizedTest
    @CsvSource({"150, 100", "40, 30", "97, 61", "200, 41"})
    void aSeamlessTileStaysSeamless(int w, int h) {
        RgbImage tile = Tiles.blockSeamless(96, 64);
        double before = SeamMetric.score(tile, RepeatGeometry.BLOCK);
        for (ResamplingKernel k : ResamplingKernel.values()) {
            RgbImage resized = WrapResampler.resample(tile, RepeatGeometry.BLOCK, w, h, k);
            assertThat(SeamMetric.score(resized, RepeatGeometry.BLOCK)).as("%s %dx%d", k, w, h)
                    .isLessThan(Math.max(1.1, before + 0.1));
        }
    }

    @Test
    void upscalingFollowsTheUnderlyingArtwork() {
        // the smooth waves resampled to 3× must match the same waves drawn at 3×, edges included
        RgbImage small = Tiles.blockSeamless(64, 48);
        RgbImage big = WrapResampler.resample(small, RepeatGeometry.BLOCK, 192, 144);
        RgbImage truth = Tiles.of(192, 144, (c, x, y) -> {
            double sx = (x + 0.5) / 3 - 0.5;
            double sy = (y + 0.5) / 3 - 0.5;
            return 0.5 + 0.2 * Math.sin(2 * Math.PI * ((c + 1) * sx / 64 + 2 * sy / 48))
                    + 0.15 * Math.cos(2 * Math.PI * (3 * sx / 64 - (c + 1) * sy / 48));
        });
        float[] a = big.planesView();
        float[] b = truth.planesView();
        for (int i = 0; i < a.length; i++) {
            assertThat(a[i]).isCloseTo(b[i], within(0.01f));
        }
    }

    @Test
    void aNonPeriodicTileIsNotMadeSeamless() {
        RgbImage tile = Tiles.notSeamless(96, 64);
        assertThat(SeamMetric.score(WrapResampler.resample(tile, RepeatGeometry.BLOCK, 150, 100), RepeatGeometry.BLOCK))
                .isGreaterThan(SeamMetric.THRESHOLD);
        assertThat(SeamMetric.score(WrapResampler.resample(tile, RepeatGeometry.BLOCK, 48, 32), RepeatGeometry.BLOCK))
                .isGreaterThan(SeamMetric.THRESHOLD);
    }

    @ParameterizedTest
    @CsvSource({"96, 48", "50, 40", "131, 100", "40, 26"})
    void halfDropTilesKeepTheirDropSeams(int w, int h) {
        RgbImage tile = Tiles.halfDropSeamless(80, 64);
        RgbImage resized = WrapResampler.resample(tile, RepeatGeometry.HALF_DROP, w, h);
        assertThat(SeamMetric.score(resized, RepeatGeometry.HALF_DROP)).isLessThan(1.1);
    }

    @Test
    void halfBrickTilesKeepTheirBrickSeams() {
        RgbImage tile = Tiles.of(64, 80, (c, x, y) -> 0.5 + 0.3 * Math.sin(2 * Math.PI * ((2 * c + 1) * x / 64 + 1.5 * y / 80)));
        assertThat(SeamMetric.score(tile, RepeatGeometry.HALF_BRICK)).isLessThan(1.1);
        assertThat(SeamMetric.score(tile, RepeatGeometry.BLOCK)).isGreaterThan(SeamMetric.THRESHOLD);
        RgbImage resized = WrapResampler.resample(tile, RepeatGeometry.HALF_BRICK, 50, 90);
        assertThat(SeamMetric.score(resized, RepeatGeometry.HALF_BRICK)).isLessThan(1.1);
    }

    @Test
    void halfDropEqualsResamplingItsBlockSuperTile() {
        // a half drop is a block repeat of a 2-column super-tile; both routes must give the same pixels
        RgbImage tile = Tiles.noise(40, 32, 8);
        RgbImage superTile = RepeatLayout.of(tile, RepeatGeometry.HALF_DROP).render(tile, 0, 0, 80, 32);
        RgbImage viaDrop = WrapResampler.resample(tile, RepeatGeometry.HALF_DROP, 30, 24);
        RgbImage viaBlock = WrapResampler.resample(superTile, RepeatGeometry.BLOCK, 60, 24);
        assertSameRegion(viaDrop, viaBlock);
    }

    @Test
    void mirrorEqualsResamplingItsBlockSuperTile() {
        RgbImage tile = Tiles.noise(20, 14, 9);
        RgbImage superTile = RepeatLayout.of(tile, RepeatGeometry.MIRROR).render(tile, 0, 0, 40, 28);
        RgbImage viaMirror = WrapResampler.resample(tile, RepeatGeometry.MIRROR, 33, 9);
        RgbImage viaBlock = WrapResampler.resample(superTile, RepeatGeometry.BLOCK, 66, 18);
        assertSameRegion(viaMirror, viaBlock);
    }

    @Test
    void downscalingFiltersFineDetailInsteadOfAliasing() {
        // one-pixel stripes shrunk by 2.56: a properly prefiltered result is an even grey, no moiré bands
        RgbImage stripes = Tiles.of(64, 16, (c, x, y) -> ((int) x & 1) == 0 ? 0 : 1);
        RgbImage small = WrapResampler.resample(stripes, RepeatGeometry.BLOCK, 25, 16);
        for (int x = 0; x < 25; x++) {
            assertThat(small.get(0, 8, x)).as("x=%d", x).isCloseTo(0.5f, within(0.06f));
        }
    }

    @Test
    void resamplingToDpiKeepsThePhysicalSize() {
        RgbImage tile = Tiles.blockSeamless(100, 60);
        RgbImage print = WrapResampler.resampleToDpi(tile, RepeatGeometry.BLOCK, 150, 300);
        assertThat(print.width()).isEqualTo(200);
        assertThat(print.height()).isEqualTo(120);
    }

    private static void assertSameRegion(RgbImage small, RgbImage big) {
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < small.height(); y++) {
                for (int x = 0; x < small.width(); x++) {
                    assertThat(small.get(c, y, x)).as("c=%d y=%d x=%d", c, y, x).isCloseTo(big.get(c, y, x), within(1e-4f));
                }
            }
        }
    }
}
