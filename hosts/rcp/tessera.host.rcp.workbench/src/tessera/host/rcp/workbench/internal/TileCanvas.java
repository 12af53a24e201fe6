package tessera.host.rcp.workbench.internal;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;

import tessera.api.repeat.RepeatGeometry;

/**
 * The tile laid out in its repeat at real size: one cm on the ruler is one cm on a screen of the given
 * DPI at zoom 1. The ruler runs along the top and left edges in cm (mm ticks once they are 3 px apart).
 */
public final class TileCanvas extends Canvas {
    /** Width of the ruler bands, px. */
    public static final int RULER = 24;

    private double screenDpi;
    private double zoom = 1;
    private boolean seams;
    private RepeatGeometry repeat = RepeatGeometry.BLOCK;
    private double widthCm, heightCm;
    private Highlights highlights = Highlights.NONE;
    /** The tile and its mirrored variants, index = (flipY ? 2 : 0) + (flipX ? 1 : 0). */
    private final Image[] images = new Image[4];

    public TileCanvas(Composite parent) {
        super(parent, SWT.DOUBLE_BUFFERED | SWT.NO_BACKGROUND);
        screenDpi = getDisplay().getDPI().x;
        addPaintListener(e -> paint(e.gc, getClientArea().width, getClientArea().height));
        addDisposeListener(e -> disposeImages());
    }

    /** Shows a tile; the previous one is disposed. */
    public void show(ImageData tile, RepeatGeometry repeat, double widthCm, double heightCm) {
        disposeImages();
        this.repeat = repeat;
        this.widthCm = widthCm;
        this.heightCm = heightCm;
        for (int v = 0; v < 4; v++) {
            images[v] = new Image(getDisplay(), flip(tile, (v & 1) != 0, (v & 2) != 0));
        }
        redraw();
    }

    /** Marks the constraint findings on every copy of the tile (#11: violations highlighted on the canvas). */
    public void setHighlights(Highlights h) {
        this.highlights = h == null ? Highlights.NONE : h;
        redraw();
    }

    /** @param dpi the screen's resolution in dots per inch, > 0 (default: what the display reports) */
    public void setScreenDpi(double dpi) {
        this.screenDpi = dpi;
        redraw();
    }

    /** @param zoom 1 = real size, > 0 */
    public void setZoom(double zoom) {
        this.zoom = zoom;
        redraw();
    }

    public void setSeamsVisible(boolean visible) {
        this.seams = visible;
        redraw();
    }

    /** @return screen pixels per cm at the current zoom */
    public double pixelsPerCm() {
        return screenDpi / 2.54 * zoom;
    }

    /** Paints the canvas into any GC: the paint listener's code, also used by tests to render into an image. */
    void paint(GC gc, int w, int h) {
        Color bg = getDisplay().getSystemColor(SWT.COLOR_WIDGET_BACKGROUND);
        gc.setBackground(getDisplay().getSystemColor(SWT.COLOR_WHITE));
        gc.fillRectangle(0, 0, w, h);
        if (images[0] != null) {
            paintTiles(gc, w, h);
        }
        gc.setClipping((org.eclipse.swt.graphics.Rectangle) null);
        gc.setBackground(bg);
        gc.fillRectangle(0, 0, w, RULER);
        gc.fillRectangle(0, 0, RULER, h);
        paintRuler(gc, w, true);
        paintRuler(gc, h, false);
    }

    private void paintTiles(GC gc, int w, int h) {
        double tw = widthCm * pixelsPerCm(), th = heightCm * pixelsPerCm();
        gc.setClipping(RULER, RULER, w - RULER, h - RULER);
        var size = images[0].getBounds();
        int cols = (int) Math.ceil((w - RULER) / tw) + 1, rows = (int) Math.ceil((h - RULER) / th) + 1;
        gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_MAGENTA));
        gc.setLineStyle(SWT.LINE_DASH);
        // from -1: a drop or shift leaves the first column or row partly uncovered otherwise
        for (int col = -1; col <= cols; col++) {
            for (int row = -1; row <= rows; row++) {
                TileLayout.Placement p = TileLayout.place(repeat, col, row);
                int x = RULER + (int) Math.round(p.x() * tw), y = RULER + (int) Math.round(p.y() * th);
                int x2 = RULER + (int) Math.round((p.x() + 1) * tw), y2 = RULER + (int) Math.round((p.y() + 1) * th);
                if (x2 <= RULER || y2 <= RULER || x >= w || y >= h) {
                    continue;
                }
                Image img = images[(p.flipY() ? 2 : 0) + (p.flipX() ? 1 : 0)];
                gc.drawImage(img, 0, 0, size.width, size.height, x, y, x2 - x, y2 - y);
                if (seams) {
                    gc.drawRectangle(x, y, x2 - x - 1, y2 - y - 1);
                }
                paintHighlights(gc, p, x, y, x2 - x, y2 - y);
            }
        }
        gc.setLineStyle(SWT.LINE_SOLID);
    }

    /** Each finding's region, in this copy's placement: scaled to the copy and flipped with it. */
    private void paintHighlights(GC gc, TileLayout.Placement p, int x, int y, int w, int h) {
        if (highlights.regions().isEmpty()) {
            return;
        }
        double sx = (double) w / highlights.tileWidth(), sy = (double) h / highlights.tileHeight();
        int lineStyle = gc.getLineStyle(), lineWidth = gc.getLineWidth();
        Color fg = gc.getForeground();
        gc.setLineStyle(SWT.LINE_SOLID);
        for (var r : highlights.regions()) {
            boolean sel = r.equals(highlights.selected());
            int rx = p.flipX() ? highlights.tileWidth() - r.x() - r.width() : r.x();
            int ry = p.flipY() ? highlights.tileHeight() - r.y() - r.height() : r.y();
            gc.setForeground(getDisplay().getSystemColor(sel ? SWT.COLOR_RED : SWT.COLOR_YELLOW));
            gc.setLineWidth(sel ? 3 : 2);
            gc.drawRectangle(x + (int) Math.round(rx * sx), y + (int) Math.round(ry * sy),
                    Math.max(2, (int) Math.round(r.width() * sx) - 1), Math.max(2, (int) Math.round(r.height() * sy) - 1));
        }
        gc.setForeground(fg);
        gc.setLineStyle(lineStyle);
        gc.setLineWidth(lineWidth);
    }

    private void paintRuler(GC gc, int length, boolean horizontal) {
        double perCm = pixelsPerCm();
        gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_BLACK));
        boolean mm = perCm / 10 >= 3;
        int steps = (int) Math.floor((length - RULER) / perCm * (mm ? 10 : 1));
        for (int i = 0; i <= steps; i++) {
            int pos = RULER + (int) Math.round(i * perCm / (mm ? 10 : 1));
            boolean cm = !mm || i % 10 == 0;
            int cmIndex = mm ? i / 10 : i;
            int tick = !cm ? 4 : cmIndex % 5 == 0 ? RULER - 2 : 10;
            if (horizontal) {
                gc.drawLine(pos, RULER - tick, pos, RULER - 1);
            } else {
                gc.drawLine(RULER - tick, pos, RULER - 1, pos);
            }
            if (cm && cmIndex % 5 == 0 && cmIndex > 0 && horizontal) {
                gc.drawText(Integer.toString(cmIndex), pos + 2, 1, true);
            }
        }
        if (horizontal) {
            gc.drawText("cm", 2, 2, true);
        }
    }

    static ImageData flip(ImageData src, boolean flipX, boolean flipY) {
        if (!flipX && !flipY) {
            return src;
        }
        ImageData out = (ImageData) src.clone();
        for (int y = 0; y < src.height; y++) {
            for (int x = 0; x < src.width; x++) {
                int sx = flipX ? src.width - 1 - x : x, sy = flipY ? src.height - 1 - y : y;
                out.setPixel(x, y, src.getPixel(sx, sy));
                if (src.alphaData != null || src.alpha != -1) {
                    out.setAlpha(x, y, src.getAlpha(sx, sy));
                }
            }
        }
        return out;
    }

    private void disposeImages() {
        for (int v = 0; v < 4; v++) {
            if (images[v] != null) {
                images[v].dispose();
            }
            images[v] = null;
        }
    }

    @Override
    public Point computeSize(int wHint, int hHint, boolean changed) {
        return new Point(wHint == SWT.DEFAULT ? 600 : wHint, hHint == SWT.DEFAULT ? 400 : hHint);
    }
}
