package tessera.host.rcp.workbench.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;

import tessera.api.repeat.RepeatGeometry;

/**
 * A job's designs as a grid of swatches: each tile drawn 2 × 2 in its repeat (a half drop shows its drop, a
 * mirror its reflections), so a seam or a lopsided repeat reads at a glance, with its number and seed below.
 * A click picks a design; Ctrl+ or Shift+click marks a second one (interpolate, mix). Picked designs are
 * framed and lettered A and B.
 */
final class VariationGrid extends Canvas {
    /** Side of one swatch (the 2 × 2 repeat) in screen pixels, and the caption and gap around it. */
    static final int SWATCH = 128, CAPTION = 18, GAP = 8;

    /** Per design: the thumbnail as drawn [0] and its mirror images [flipX + 2·flipY], made on first use and kept. */
    private final List<Image[]> tiles = new ArrayList<>();
    private DesignResult job;
    private RepeatGeometry repeat = RepeatGeometry.BLOCK;
    private int a = -1, b = -1;
    private String empty = "";

    /** @param picked called with the design's index and whether it is the second pick */
    VariationGrid(Composite parent, BiConsumer<Integer, Boolean> picked) {
        super(parent, SWT.DOUBLE_BUFFERED);
        addPaintListener(e -> paint(e.gc, getClientArea().width, getClientArea().height));
        addListener(SWT.MouseDown, e -> {
            int i = indexAt(e.x, e.y, getClientArea().width);
            if (e.button == 1 && i >= 0) {
                picked.accept(i, (e.stateMask & (SWT.MOD1 | SWT.SHIFT)) != 0);
            }
        });
        addListener(SWT.Resize, e -> redraw());
        addListener(SWT.Dispose, e -> clear());
    }

    /**
     * Reads and scales a job's designs for {@link #show}: off the UI thread, as a job of large tiles takes seconds to
     * decode. @return one thumbnail per design, none for null
     */
    static List<ImageData> thumbnails(DesignResult result) throws IOException {
        List<ImageData> out = new ArrayList<>();
        if (result != null) {
            for (var tile : result.tiles()) {
                out.add(Thumbnail.of(tile, SWATCH / 2));
            }
        }
        return out;
    }

    /** Shows a job's designs from their {@link #thumbnails}; null shows {@code emptyText}. */
    void show(DesignResult result, List<ImageData> thumbnails, String emptyText) {
        clear();
        job = result;
        empty = emptyText;
        a = b = -1;
        if (result != null) {
            repeat = result.record().request().repeatOrDefault();
            for (ImageData t : thumbnails) {
                tiles.add(new Image[] {new Image(getDisplay(), t), null, null, null});
            }
        }
        redraw();
    }

    /** Frames design {@code first} as A and {@code second} as B (-1: none). */
    void mark(int first, int second) {
        a = first;
        b = second;
        redraw();
    }

    DesignResult job() {
        return job;
    }

    int size() {
        return tiles.size();
    }

    /** As wide as it is given (four swatches when free), as high as its rows at that width: a scroller sizes it. */
    @Override
    public org.eclipse.swt.graphics.Point computeSize(int wHint, int hHint, boolean changed) {
        int w = wHint != SWT.DEFAULT ? wHint : GAP + 4 * (SWATCH + GAP);
        int rows = Math.max(1, (tiles.size() + columns(w) - 1) / columns(w));
        return new org.eclipse.swt.graphics.Point(w, hHint != SWT.DEFAULT ? hHint : GAP + rows * (SWATCH + CAPTION + GAP));
    }

    /** @return swatches a row holds at this width */
    static int columns(int width) {
        return Math.max(1, (width - GAP) / (SWATCH + GAP));
    }

    /** @return the design under a point, or -1 */
    int indexAt(int x, int y, int width) {
        int cols = columns(width), col = (x - GAP) / (SWATCH + GAP), row = (y - GAP) / (SWATCH + CAPTION + GAP);
        if (x < GAP || y < GAP || col >= cols || (x - GAP) % (SWATCH + GAP) >= SWATCH
                || (y - GAP) % (SWATCH + CAPTION + GAP) >= SWATCH) {
            return -1;
        }
        int i = row * cols + col;
        return i < tiles.size() ? i : -1;
    }

    /** @return the top-left corner of swatch {@code i} at this width */
    static int[] origin(int i, int width) {
        int cols = columns(width);
        return new int[] {GAP + (i % cols) * (SWATCH + GAP), GAP + (i / cols) * (SWATCH + CAPTION + GAP)};
    }

    /** Paints the grid; package-private so tests render it into an image. */
    void paint(GC gc, int w, int h) {
        gc.setBackground(getDisplay().getSystemColor(SWT.COLOR_WIDGET_BACKGROUND));
        gc.fillRectangle(0, 0, w, h);
        gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_WIDGET_FOREGROUND));
        if (tiles.isEmpty()) {
            gc.drawText(empty, GAP, GAP, true);
            return;
        }
        for (int i = 0; i < tiles.size(); i++) {
            int[] o = origin(i, w);
            paintSwatch(gc, tiles.get(i), o[0], o[1]);
            gc.drawText(fit(gc, (i + 1) + " · seed " + job.record().candidates().get(i).seed()), o[0], o[1] + SWATCH + 2, true);
            if (i == a || i == b) {
                Color c = getDisplay().getSystemColor(i == a ? SWT.COLOR_LIST_SELECTION : SWT.COLOR_DARK_MAGENTA);
                gc.setForeground(c);
                gc.setLineWidth(4);
                gc.drawRectangle(o[0] - 2, o[1] - 2, SWATCH + 3, SWATCH + 3);
                gc.setLineWidth(1);
                gc.setBackground(c);
                gc.fillRectangle(o[0], o[1], 16, 16);
                gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_WHITE));
                gc.drawText(i == a ? "A" : "B", o[0] + 4, o[1], true);
                gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_WIDGET_FOREGROUND));
                gc.setBackground(getDisplay().getSystemColor(SWT.COLOR_WIDGET_BACKGROUND));
            }
        }
    }

    /** @return the caption, cut to the swatch's width (the full seed is in the view's recipe line) */
    private static String fit(GC gc, String caption) {
        String s = caption;
        while (s.length() > 4 && gc.textExtent(s).x > SWATCH) {
            s = s.substring(0, s.length() - 2) + "…";
            s = s.replace("……", "…");
        }
        return s;
    }

    /**
     * Two copies across and two down in the job's repeat, clipped to the swatch: copies of neighbouring columns
     * and rows are drawn too, so a half drop's shifted column fills its swatch.
     */
    private void paintSwatch(GC gc, Image[] tile, int x0, int y0) {
        int half = SWATCH / 2;
        var bounds = tile[0].getBounds();
        // within the paint's own clip: a GC reset to no clip draws past the scroller's edge on GTK
        org.eclipse.swt.graphics.Rectangle outer = gc.getClipping();
        gc.setClipping(outer.intersection(new org.eclipse.swt.graphics.Rectangle(x0, y0, SWATCH, SWATCH)));
        for (int row = -1; row <= 2; row++) {
            for (int col = -1; col <= 2; col++) {
                TileLayout.Placement p = TileLayout.place(repeat, col, row);
                int x = x0 + (int) Math.round(p.x() * half), y = y0 + (int) Math.round(p.y() * half);
                if (x >= x0 + SWATCH || y >= y0 + SWATCH || x + half <= x0 || y + half <= y0) {
                    continue;
                }
                int k = (p.flipX() ? 1 : 0) + (p.flipY() ? 2 : 0);
                if (tile[k] == null) { // a mirror repeat's flipped copies, made once rather than on every paint
                    tile[k] = new Image(getDisplay(), TileCanvas.flip(tile[0].getImageData(), p.flipX(), p.flipY()));
                }
                gc.drawImage(tile[k], 0, 0, bounds.width, bounds.height, x, y, half, half);
            }
        }
        gc.setClipping(outer);
    }

    private void clear() {
        for (Image[] t : tiles) {
            for (Image i : t) {
                if (i != null) {
                    i.dispose();
                }
            }
        }
        tiles.clear();
    }

    /** @return the thumbnail of design {@code i} as drawn (one copy of the tile), for tests */
    ImageData thumbnail(int i) {
        return tiles.get(i)[0].getImageData();
    }
}
