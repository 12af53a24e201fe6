package tessera.imaging.repeat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import tessera.api.InvalidValueException;
import tessera.api.image.RgbImage;
import tessera.api.repeat.RepeatGeometry;
import tessera.api.repeat.RepeatType;
import tessera.imaging.io.PixelSource;

class RepeatLayoutTest {
    private static final int W = 10;
    private static final int H = 6;

    private static RepeatLayout layout(RepeatGeometry g) {
        return new RepeatLayout(g, W, H);
    }

    @Test
    void blockRepeatsOnAPlainGrid() {
        RepeatLayout l = layout(RepeatGeometry.BLOCK);
        assertThat(l.tileX(13, 7)).isEqualTo(3);
        assertThat(l.tileY(13, 7)).isEqualTo(1);
        assertThat(l.tileX(-1, -1)).isEqualTo(9);
        assertThat(l.tileY(-1, -1)).isEqualTo(5);
    }

    @Test
    void halfDropShiftsEveryOtherColumnDownByHalfATile() {
        RepeatLayout l = layout(RepeatGeometry.HALF_DROP);
        // column 1 starts 3 px lower: field (10, 3) is tile (0, 0)
        assertThat(l.tileX(10, 3)).isZero();
        assertThat(l.tileY(10, 3)).isZero();
        assertThat(l.tileY(10, 0)).isEqualTo(3);
        // column 2 is back in line with column 0
        assertThat(l.tileY(20, 0)).isZero();
        assertThat(l.tileY(-10, 0)).isEqualTo(3); // column −1 drops too
    }

    @Test
    void dropWithAnyOffsetAndWholePixelRounding() {
        RepeatLayout third = new RepeatLayout(new RepeatGeometry(RepeatType.DROP, 1.0 / 3), 10, 9);
        assertThat(third.dropOf(1)).isEqualTo(3);
        assertThat(third.dropOf(2)).isEqualTo(6);
        assertThat(third.dropOf(3)).isZero();
        RepeatLayout odd = new RepeatLayout(RepeatGeometry.HALF_DROP, 4, 5);
        assertThat(odd.dropOf(1)).isEqualTo(3); // 2.5 rounds up
        assertThat(odd.dropOf(2)).isZero(); // and the repeat closes after two columns
    }

    @Test
    void halfBrickShiftsEveryOtherRowRightByHalfATile() {
        RepeatLayout l = layout(RepeatGeometry.HALF_BRICK);
        assertThat(l.tileX(5, 6)).isZero();
        assertThat(l.tileY(5, 6)).isZero();
        assertThat(l.tileX(0, 6)).isEqualTo(5);
        assertThat(l.tileX(0, 12)).isZero();
        RepeatLayout quarter = new RepeatLayout(new RepeatGeometry(RepeatType.BRICK, 0.25), 8, 4);
        assertThat(quarter.tileX(2, 4)).isZero();
    }

    @Test
    void mirrorAlternatesTheTileWithItsReflections() {
        RepeatLayout l = layout(RepeatGeometry.MIRROR);
        // [T, flipX(T); flipY(T), flipXY(T)]
        assertThat(new int[] {l.tileX(2, 1), l.tileY(2, 1)}).containsExactly(2, 1);
        assertThat(new int[] {l.tileX(12, 1), l.tileY(12, 1)}).containsExactly(7, 1);
        assertThat(new int[] {l.tileX(2, 7), l.tileY(2, 7)}).containsExactly(2, 4);
        assertThat(new int[] {l.tileX(12, 7), l.tileY(12, 7)}).containsExactly(7, 4);
        assertThat(new int[] {l.tileX(22, 13), l.tileY(22, 13)}).containsExactly(2, 1); // super-tile repeats
    }

    @ParameterizedTest
    @EnumSource(RepeatType.class)
    void everyFieldPixelMapsInsideTheTileAndTheTileSitsAtTheOrigin(RepeatType type) {
        RepeatGeometry g = type == RepeatType.DROP || type == RepeatType.BRICK ? new RepeatGeometry(type, 0.3) : RepeatGeometry.parse(type.id());
        RepeatLayout l = layout(g);
        for (int y = -20; y < 20; y++) {
            for (int x = -30; x < 30; x++) {
                assertThat(l.tileX(x, y)).isBetween(0, W - 1);
                assertThat(l.tileY(x, y)).isBetween(0, H - 1);
            }
        }
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                assertThat(l.tileIndex(x, y)).isEqualTo(y * W + x);
            }
        }
    }

    @Test
    void previewRendersRepeatsAndTheStreamedSourceMatchesIt() {
        RgbImage tile = Tiles.noise(W, H, 1);
        RepeatLayout l = RepeatLayout.of(tile, RepeatGeometry.HALF_DROP);
        RgbImage preview = l.preview(tile, 3, 3);
        assertThat(preview.width()).isEqualTo(30);
        assertThat(preview.height()).isEqualTo(18);
        assertThat(preview.get(1, 3 + 2, 10 + 4)).isEqualTo(tile.get(1, 2, 4));

        PixelSource source = l.source(tile, 30, 18);
        float[] strip = new float[3 * 5 * 30];
        source.readRows(4, 5, strip);
        for (int c = 0; c < 3; c++) {
            for (int r = 0; r < 5; r++) {
                for (int x = 0; x < 30; x++) {
                    assertThat(strip[(c * 5 + r) * 30 + x]).isEqualTo(preview.get(c, 4 + r, x));
                }
            }
        }
    }

    @Test
    void renderAcceptsNegativeOrigins() {
        RgbImage tile = Tiles.noise(W, H, 2);
        RgbImage r = RepeatLayout.of(tile, RepeatGeometry.BLOCK).render(tile, -W, -H, W, H);
        assertThat(r).isEqualTo(tile);
    }

    @Test
    void refusesAMismatchedTileAndOversizedPreviews() {
        RgbImage tile = Tiles.noise(4, 4, 3);
        assertThatThrownBy(() -> layout(RepeatGeometry.BLOCK).render(tile, 0, 0, 4, 4)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("4×4").hasMessageContaining("10×6");
        assertThatThrownBy(() -> RepeatLayout.of(tile, RepeatGeometry.BLOCK).preview(tile, 5000, 1))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("source()");
    }
}
