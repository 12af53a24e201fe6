package tessera.plugin.constraints.internal.repeat;

import java.util.Optional;

import tessera.api.image.RgbImage;
import tessera.api.pattern.Pattern;
import tessera.api.repeat.RepeatGeometry;
import tessera.imaging.repeat.RepeatLayout;

/**
 * Lays a half-drop, brick, drop or mirror pattern out as the block repeat it equals, e.g. a half drop
 * W × H as a block 2W × H whose right column is dropped by H/2. The printed fabric is identical (the
 * pixels come from imaging's {@link RepeatLayout}), which makes this a safe repair for a line that
 * prints block repeats only.
 */
public final class StraightRepeat {
    /** Beyond this many tiles the block repeat is too large to be a sensible repair. */
    static final int MAX_TILES = 16;

    private StraightRepeat() {
    }

    /** @return the pattern as a block repeat, or empty when that is too large or not whole pixels */
    public static Optional<Pattern> of(Pattern p) {
        RepeatPeriod period = RepeatPeriod.of(p);
        if (!period.closes() || period.across() * period.down() > MAX_TILES) {
            return Optional.empty();
        }
        RepeatLayout layout = RepeatLayout.of(p.tile(), p.repeat());
        // the block must close in whole pixels: column 'across' drops (row 'down' shifts) a whole tile
        if (layout.dropOf(period.across()) != 0 || layout.shiftOf(period.down()) != 0) {
            return Optional.empty();
        }
        long w = (long) period.across() * p.tile().width();
        long h = (long) period.down() * p.tile().height();
        double widthCm = period.across() * p.widthCm();
        double heightCm = period.down() * p.heightCm();
        if (w > 16384 || h > 16384 || w * h > RgbImage.MAX_PIXELS || widthCm > 500 || heightCm > 500) {
            return Optional.empty();
        }
        RgbImage tile = layout.render(p.tile(), 0, 0, (int) w, (int) h);
        return Optional.of(new Pattern(tile, RepeatGeometry.BLOCK, widthCm, heightCm, p.labels()));
    }
}
