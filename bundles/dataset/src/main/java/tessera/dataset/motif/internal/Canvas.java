package tessera.dataset.motif.internal;

import tessera.api.image.RgbImage;

/**
 * A window onto the infinite, repeating print: normally the tile itself (origin 0, 0), but any window
 * can be rendered, which is how the tests prove a motif periodic without trusting the renderer.
 * Pixel (x, y) samples the print at (originX + x + ½, originY + y + ½).
 *
 * <p>Colour is composited in gamma-encoded sRGB, like spot inks laid over each other; only the
 * one-pixel anti-aliasing of edges ever mixes two inks.
 */
public final class Canvas {
    private final Lattice lattice;
    private final int width;
    private final int height;
    private final int originX;
    private final int originY;
    private final int samples;
    private final float[] planes;

    /**
     * @param samples supersampling per axis for {@link #paint(InkField, float[][])}, 1..4
     */
    public Canvas(Lattice lattice, int originX, int originY, int width, int height, int samples) {
        this.lattice = lattice;
        this.width = width;
        this.height = height;
        this.originX = originX;
        this.originY = originY;
        this.samples = samples;
        this.planes = new float[3 * width * height];
    }

    public Lattice lattice() {
        return lattice;
    }

    /** Which swatch covers a point of the print; must be invariant under the lattice. */
    @FunctionalInterface
    public interface InkField {
        int swatchAt(double x, double y);
    }

    public void fill(float[] rgb) {
        int n = width * height;
        for (int c = 0; c < 3; c++) {
            java.util.Arrays.fill(planes, c * n, (c + 1) * n, rgb[c]);
        }
    }

    /**
     * Paints every pixel from a field, box-filtered over samples × samples points.
     *
     * @param swatches sRGB triples the field's indices refer to
     */
    public void paint(InkField field, float[][] swatches) {
        int n = width * height;
        // Sample points sit a little off the simple fractions where edges lie (1.5 px threads put an
        // edge on a half pixel; 45° twill lines run through equal x and y offsets), so rounding in
        // k·p cannot flip a sample between a tile and the same point one repeat away. The two
        // nudges differ so that no line of simple slope passes through samples either.
        double nudgeX = 0.0103, nudgeY = 0.0071;
        float inv = 1f / (samples * samples);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                float r = 0, g = 0, b = 0;
                for (int sy = 0; sy < samples; sy++) {
                    double py = originY + y + (sy + 0.5) / samples + nudgeY;
                    for (int sx = 0; sx < samples; sx++) {
                        float[] s = swatches[field.swatchAt(originX + x + (sx + 0.5) / samples + nudgeX, py)];
                        r += s[0];
                        g += s[1];
                        b += s[2];
                    }
                }
                int i = y * width + x;
                planes[i] = r * inv;
                planes[n + i] = g * inv;
                planes[2 * n + i] = b * inv;
            }
        }
    }

    /**
     * Lays ink in a shape at (cx, cy) of the print and at every lattice translate of it that reaches
     * the window.
     */
    public void stamp(Shape shape, double cx, double cy, float[] rgb) {
        double reach = shape.reach();
        int w = lattice.width, h = lattice.height;
        int kMax = (int) Math.ceil((Math.abs(originX) + width + reach + Math.abs(cx)) / w) + 2;
        int lMax = (int) Math.ceil((Math.abs(originY) + height + reach + Math.abs(cy)) / h) + 2;
        for (int k = -kMax; k <= kMax; k++) {
            for (int l = -lMax; l <= lMax; l++) {
                double tx = cx + (double) k * w + (double) l * lattice.shift;
                double ty = cy + (double) k * lattice.drop + (double) l * h;
                stampOnce(shape, tx - originX, ty - originY, reach, rgb);
            }
        }
    }

    private void stampOnce(Shape shape, double cx, double cy, double reach, float[] rgb) {
        int x0 = Math.max(0, (int) Math.floor(cx - reach));
        int x1 = Math.min(width - 1, (int) Math.ceil(cx + reach));
        int y0 = Math.max(0, (int) Math.floor(cy - reach));
        int y1 = Math.min(height - 1, (int) Math.ceil(cy + reach));
        if (x0 > x1 || y0 > y1) {
            return;
        }
        int n = width * height;
        for (int y = y0; y <= y1; y++) {
            double py = y + 0.5 - cy;
            for (int x = x0; x <= x1; x++) {
                float a = (float) shape.coverage(x + 0.5 - cx, py);
                if (a > 0) {
                    int i = y * width + x;
                    planes[i] += (rgb[0] - planes[i]) * a;
                    planes[n + i] += (rgb[1] - planes[n + i]) * a;
                    planes[2 * n + i] += (rgb[2] - planes[2 * n + i]) * a;
                }
            }
        }
    }

    /** Hands the pixels over; the canvas must not be used afterwards. */
    public RgbImage toImage() {
        for (int i = 0; i < planes.length; i++) {
            planes[i] = Math.clamp(planes[i], 0f, 1f);
        }
        return RgbImage.wrap(width, height, planes);
    }
}
