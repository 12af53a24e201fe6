package tessera.host.rcp.workbench.internal;

import java.io.IOException;
import java.nio.file.Path;

import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.PaletteData;

import tessera.api.image.RgbImage;
import tessera.imaging.io.ImageFiles;

/**
 * Small views of design, scan and overlay files for the QA view. Files are read with Tessera's own
 * reader (PNG and TIFF with their DPI, as QA reads them), not SWT's, which does not read every TIFF the
 * exporters write.
 */
final class Thumbnail {
    private Thumbnail() {
    }

    /** @return the image scaled (nearest neighbour) so that its longer side is at most {@code maxSide} px */
    static ImageData of(Path file, int maxSide) throws IOException {
        return of(ImageFiles.read(file).image(), maxSide);
    }

    static ImageData of(RgbImage img, int maxSide) {
        double f = Math.min(1, (double) maxSide / Math.max(img.width(), img.height()));
        int w = Math.max(1, (int) Math.round(img.width() * f)), h = Math.max(1, (int) Math.round(img.height() * f));
        int[] rgb = img.toPackedRgb();
        ImageData out = new ImageData(w, h, 24, new PaletteData(0xFF0000, 0xFF00, 0xFF));
        for (int y = 0; y < h; y++) {
            int sy = Math.min(img.height() - 1, (int) (y / f));
            for (int x = 0; x < w; x++) {
                out.setPixel(x, y, rgb[sy * img.width() + Math.min(img.width() - 1, (int) (x / f))]);
            }
        }
        return out;
    }
}
