package tessera.dataset.motif.internal;

import java.util.List;

import tessera.api.image.RgbImage;
import tessera.dataset.motif.Ink;
import tessera.dataset.motif.MotifFamily;
import tessera.dataset.motif.MotifSpec;

/**
 * Renders a spec onto a window of its infinite repeat. The tile is the window at (0, 0) of the tile's
 * own size; tests render shifted windows to check that the print really repeats.
 */
public final class MotifPainter {
    private MotifPainter() {
    }

    /** What was painted: the pixels, the inks used (ground first) and the variant, for the caption. */
    public record Painted(RgbImage image, List<Ink> inks, String style) {
    }

    /**
     * @param tileWidth  repeat width in pixels
     * @param tileHeight repeat height in pixels
     * @param originX    window origin in print pixels (0 for the tile)
     * @param originY    window origin in print pixels
     */
    public static Painted paint(MotifSpec spec, int tileWidth, int tileHeight, int originX, int originY,
            int windowWidth, int windowHeight) {
        Lattice lattice = Lattice.of(spec.repeat(), tileWidth, tileHeight);
        long pixels = (long) tileWidth * tileHeight;
        // supersampling by tile size, never by window, so a window shows exactly the tile's pixels
        int samples = pixels <= 512 * 512 ? 3 : pixels <= 2048 * 2048 ? 2 : 1;
        Canvas canvas = new Canvas(lattice, originX, originY, windowWidth, windowHeight, samples);
        MotifRenderer renderer = rendererFor(spec.family());
        Rng root = new Rng(Rng.mix(spec.seed() * 0x9e3779b97f4a7c15L + spec.family().ordinal()));
        InkSet inks = renderer.chooseInks(spec.palette(), spec.effectiveColours(), root.fork());
        String style = renderer.paint(new Brief(spec, lattice, inks, root.fork()), canvas);
        return new Painted(canvas.toImage(), inks.all(), style);
    }

    static MotifRenderer rendererFor(MotifFamily family) {
        return switch (family) {
            case STRIPES -> new Stripes();
            case PINSTRIPE -> new Pinstripe();
            case GINGHAM -> new Gingham();
            case TARTAN -> new Tartan();
            case POLKA_DOT -> new PolkaDots();
            case CHEVRON -> new Chevron();
            case HERRINGBONE -> new Herringbone();
            case HOUNDSTOOTH -> new Houndstooth();
            case ARGYLE -> new Argyle();
            case FLORAL -> new Floral();
            case PAISLEY -> new Paisley();
            case DAMASK -> new Damask();
            case NORDIC_KNIT -> new FairIsle();
            case GEOMETRIC -> new GeometricTiles();
            case BRUSH_MARKS -> new BrushMarks();
        };
    }
}
