package tessera.plugin.provenance.internal.scan;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import tessera.plugin.provenance.internal.originality.TileFingerprint;

/**
 * Image size from the header, and the originality fingerprint from pixels decoded at a bounded size: the
 * header's dimensions are checked against the pixel limit before any pixel is decoded (decompression
 * bombs declare huge sizes), and large images are subsampled while decoding.
 */
final class ImageProbe {
    private static final int TARGET = 512; // decoded side used for fingerprints; the fingerprint reduces to 32

    record Result(int width, int height, TileFingerprint fingerprint) {
    }

    /** @return null when no JDK image reader takes the file (e.g. SVG, PSD) */
    static Result read(Path file, long maxPixels) throws IOException, UnreadableFileException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                return null;
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int w = reader.getWidth(0), h = reader.getHeight(0);
                if (w <= 0 || h <= 0) {
                    throw new UnreadableFileException("image header declares " + w + "×" + h + " pixels");
                }
                if ((long) w * h > maxPixels) {
                    throw new UnreadableFileException("image declares " + w + "×" + h + " pixels, over the "
                            + maxPixels / 1_000_000 + " MP limit (decompression bomb?)");
                }
                ImageReadParam p = reader.getDefaultReadParam();
                int step = Math.max(1, Math.max(w, h) / TARGET);
                p.setSourceSubsampling(step, step, 0, 0);
                BufferedImage img = reader.read(0, p);
                return new Result(w, h, TileFingerprint.of(img));
            } catch (IllegalArgumentException | IllegalStateException | IndexOutOfBoundsException e) {
                throw new UnreadableFileException("malformed image: " + e.getMessage(), e);
            } finally {
                reader.dispose();
            }
        }
    }
}
