package tessera.host.rcp.workbench.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.PaletteData;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tessera.api.repeat.RepeatGeometry;

/**
 * Renders the Canvas part into an image and reads its pixels: where the repeat puts each tile, the real
 * size on a screen of known DPI, zoom and the cm ruler. The tile is red above and blue below its middle,
 * so a tile dropped by half a repeat shows blue where a block repeat shows red.
 */
class CanvasPartRenderTest {
    /** 20 screen px per cm at zoom 1: round numbers for the checks below. */
    static final double DPI = 20 * 2.54;
    static final int R = TileCanvas.RULER;
    static final RGB RED = new RGB(255, 0, 0), BLUE = new RGB(0, 0, 255);

    @TempDir
    Path dir;
    Display display;
    Shell shell;
    CanvasPart part;
    Path tile;

    @BeforeEach
    void open() throws Exception {
        TestRuntime.assumeDisplay();
        display = Display.getDefault();
        shell = new Shell(display);
        shell.setSize(640, 420);
        part = new CanvasPart();
        part.create(shell);
        part.canvas().setScreenDpi(DPI);
        shell.layout(true, true);
        shell.open();
        tile = dir.resolve("tile.png");
        writeTile(tile, 40, 40);
    }

    @AfterEach
    void close() {
        if (shell != null) {
            shell.dispose();
        }
    }

    @Test
    void halfDropMovesEveryOtherColumnDownByHalfARepeat() {
        part.show(new TileView(tile, RepeatGeometry.HALF_DROP, 4, 4, "test"));
        ImageData img = render();
        // 4 cm at 20 px/cm: 80 px tiles. Column 0 starts at the top; column 1 starts 40 px higher/lower.
        assertColour(img, R + 10, R + 10, RED);
        assertColour(img, R + 10, R + 50, BLUE);
        assertColour(img, R + 80 + 10, R + 10, BLUE);
        assertColour(img, R + 80 + 10, R + 50, RED);
        assertColour(img, R + 160 + 10, R + 10, RED);
    }

    @Test
    void blockRepeatKeepsRowsAligned() {
        part.show(new TileView(tile, RepeatGeometry.BLOCK, 4, 4, "test"));
        ImageData img = render();
        assertColour(img, R + 80 + 10, R + 10, RED);
        assertColour(img, R + 80 + 10, R + 50, BLUE);
    }

    @Test
    void realSizeFollowsTheRepeatWidthAndZoom() {
        // a 2 cm repeat is 40 px at zoom 1: the third tile row's top half starts at 80 px
        part.show(new TileView(tile, RepeatGeometry.BLOCK, 2, 2, "test"));
        ImageData one = render();
        assertColour(one, R + 5, R + 80 + 5, RED);
        assertColour(one, R + 5, R + 80 + 25, BLUE);
        part.canvas().setZoom(2); // 80 px tiles
        ImageData two = render();
        assertColour(two, R + 5, R + 30, RED);
        assertColour(two, R + 5, R + 50, BLUE);
    }

    @Test
    void rulerHasATickEveryCentimetre() {
        part.show(new TileView(tile, RepeatGeometry.BLOCK, 4, 4, "test"));
        ImageData img = render();
        for (int cm = 1; cm <= 4; cm++) {
            int x = R + cm * 20;
            assertThat(dark(img, x, R - 3)).as("tick at %d cm (x=%d)", cm, x).isTrue();
            assertThat(dark(img, x + 10, R - 3)).as("no tick half way after %d cm", cm).isFalse();
        }
    }

    @Test
    void constraintRegionsAreMarkedOnEveryCopyOfTheTile() {
        part.show(new TileView(tile, RepeatGeometry.BLOCK, 4, 4, "test"));
        // a finding at tile pixels 10..30 of a 40 px tile: 20..60 screen px in each 80 px copy
        part.highlights(new Highlights(40, 40, java.util.List.of(new tessera.api.constraint.Region(10, 10, 20, 20)), null));
        ImageData img = render();
        for (int copy = 0; copy < 2; copy++) {
            int x0 = R + copy * 80 + 20;
            assertThat(yellow(img, x0, R + 50) || yellow(img, x0 + 1, R + 50)).as("left edge of the mark in copy %d", copy)
                    .isTrue();
            assertColour(img, x0 + 20, R + 30, RED); // inside the mark the tile shows through
        }
        part.highlights(Highlights.NONE);
        assertColour(render(), R + 20, R + 50, BLUE);
    }

    private static boolean yellow(ImageData img, int x, int y) {
        RGB c = img.palette.getRGB(img.getPixel(x, y));
        return c.red > 200 && c.green > 200 && c.blue < 80;
    }

    private ImageData render() {
        var size = part.canvas().getSize();
        assertThat(size.x).as("canvas laid out").isGreaterThan(300);
        Image image = new Image(display, size.x, size.y);
        // The canvas's own paint code into an image. Reading the screen back with GC.copyArea raced the
        // X server under Xvfb (a stale frame after a zoom change), so the image is painted directly.
        GC gc = new GC(image);
        try {
            part.canvas().paint(gc, size.x, size.y);
            return image.getImageData();
        } finally {
            gc.dispose();
            image.dispose();
        }
    }

    private static void assertColour(ImageData img, int x, int y, RGB want) {
        RGB got = img.palette.getRGB(img.getPixel(x, y));
        assertThat(Math.abs(got.red - want.red) + Math.abs(got.green - want.green) + Math.abs(got.blue - want.blue))
                .as("colour at (%d, %d): got %s, want %s", x, y, got, want).isLessThanOrEqualTo(24);
    }

    private static boolean dark(ImageData img, int x, int y) {
        RGB c = img.palette.getRGB(img.getPixel(x, y));
        return c.red + c.green + c.blue < 200;
    }

    static void writeTile(Path file, int w, int h) throws Exception {
        ImageData data = new ImageData(w, h, 24, new PaletteData(0xFF0000, 0xFF00, 0xFF));
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                data.setPixel(x, y, data.palette.getPixel(y < h / 2 ? RED : BLUE));
            }
        }
        ImageLoader loader = new ImageLoader();
        loader.data = new ImageData[] {data};
        loader.save(file.toString(), SWT.IMAGE_PNG);
        assertThat(Files.size(file)).isPositive();
    }
}
