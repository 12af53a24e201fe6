package tessera.plugin.qa.internal;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import tessera.api.image.RgbImage;
import tessera.imaging.io.ImageFiles;
import tessera.imaging.io.RasterFile;

/**
 * A scan read by regions, so that a 1.5 m × 1.5 m scan is never held whole (#10): a large TIFF is read strip by
 * strip through the JDK's TIFF reader; anything else up to {@link #IN_MEMORY_LIMIT} pixels is decoded once.
 */
abstract class ScanRaster implements AutoCloseable {
    /** Up to this many pixels a scan is decoded whole (an A4 page at 600 dpi fits). */
    static final long IN_MEMORY_LIMIT = 40_000_000L;

    abstract int width();

    abstract int height();

    /** @return dpi, or NaN when the file does not say */
    abstract double dpi();

    /** @return sRGB planes of the region, 3 × w × h */
    abstract float[] read(int x, int y, int w, int h) throws IOException;

    @Override
    public void close() throws IOException {
    }

    static ScanRaster open(Path file) throws IOException {
        try {
            return openChecked(file);
        } catch (RuntimeException e) {
            // ImageIO's readers throw unchecked exceptions on some broken files: still the user's file, not our bug
            throw new IOException(file + " is not a readable PNG or TIFF (" + e + ")", e);
        }
    }

    private static ScanRaster openChecked(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " does not exist or is not a file");
        }
        String n = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (n.endsWith(".tif") || n.endsWith(".tiff")) {
            TiffStrips t = TiffStrips.open(file);
            if (t != null && (long) t.width() * t.height() > IN_MEMORY_LIMIT) {
                return t;
            }
            if (t != null) {
                t.close();
            }
        }
        RasterFile r = ImageFiles.read(file);
        return of(r.image(), r.hasDpi() ? r.dpiX() : Double.NaN);
    }

    static ScanRaster of(RgbImage img, double dpi) {
        return new ScanRaster() {
            @Override
            int width() {
                return img.width();
            }

            @Override
            int height() {
                return img.height();
            }

            @Override
            double dpi() {
                return dpi;
            }

            @Override
            float[] read(int x, int y, int w, int h) {
                float[] p = img.planesView();
                int iw = img.width();
                int ih = img.height();
                float[] out = new float[3 * w * h];
                for (int c = 0; c < 3; c++) {
                    for (int j = 0; j < h; j++) {
                        System.arraycopy(p, (c * ih + y + j) * iw + x, out, (c * h + j) * w, w);
                    }
                }
                return out;
            }
        };
    }

    /** A window of another raster (the scan beside a colour target); closing it leaves the raster open. */
    static ScanRaster crop(ScanRaster r, int x0, int y0, int w, int h) {
        return new ScanRaster() {
            @Override
            int width() {
                return w;
            }

            @Override
            int height() {
                return h;
            }

            @Override
            double dpi() {
                return r.dpi();
            }

            @Override
            float[] read(int x, int y, int rw, int rh) throws IOException {
                return r.read(x0 + x, y0 + y, rw, rh);
            }
        };
    }

    /** Region reads of an 8-bit RGB or grey TIFF through ImageIO's source region, which decodes only the strips it needs. */
    static final class TiffStrips extends ScanRaster {
        private final ImageInputStream in;
        private final ImageReader reader;
        private final int w;
        private final int h;
        private final double dpi;

        private TiffStrips(ImageInputStream in, ImageReader reader, double dpi) throws IOException {
            this.in = in;
            this.reader = reader;
            this.w = reader.getWidth(0);
            this.h = reader.getHeight(0);
            this.dpi = dpi;
        }

        static TiffStrips open(Path file) throws IOException {
            ImageInputStream in = ImageIO.createImageInputStream(file.toFile());
            Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName("tiff");
            if (in == null || !it.hasNext()) {
                return null;
            }
            ImageReader r = it.next();
            r.setInput(in, false, true);
            return new TiffStrips(in, r, tiffDpi(r));
        }

        private static double tiffDpi(ImageReader r) {
            try {
                var meta = r.getImageMetadata(0);
                var root = (org.w3c.dom.Element) meta.getAsTree("javax_imageio_1.0");
                var list = root.getElementsByTagName("HorizontalPixelSize");
                if (list.getLength() > 0) {
                    double mm = Double.parseDouble(((org.w3c.dom.Element) list.item(0)).getAttribute("value"));
                    return mm > 0 ? 25.4 / mm : Double.NaN;
                }
            } catch (IOException | RuntimeException e) {
                // no resolution in the file: the caller assumes the design's
            }
            return Double.NaN;
        }

        @Override
        int width() {
            return w;
        }

        @Override
        int height() {
            return h;
        }

        @Override
        double dpi() {
            return dpi;
        }

        @Override
        float[] read(int x, int y, int rw, int rh) throws IOException {
            ImageReadParam p = reader.getDefaultReadParam();
            p.setSourceRegion(new Rectangle(x, y, rw, rh));
            BufferedImage img = reader.read(0, p);
            Raster r = img.getRaster();
            int bands = r.getNumBands();
            float[] out = new float[3 * rw * rh];
            int[] row = new int[rw * bands];
            for (int j = 0; j < rh; j++) {
                r.getPixels(0, j, rw, 1, row);
                for (int i = 0; i < rw; i++) {
                    for (int c = 0; c < 3; c++) {
                        out[(c * rh + j) * rw + i] = row[i * bands + (bands >= 3 ? c : 0)] / 255f;
                    }
                }
            }
            return out;
        }

        @Override
        public void close() throws IOException {
            reader.dispose();
            in.close();
        }
    }
}
