package tessera.host.server.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import tessera.api.InvalidValueException;
import tessera.api.job.DesignOrigin;
import tessera.api.pattern.Pattern;
import tessera.api.repeat.RepeatGeometry;
import tessera.imaging.io.ImageFiles;
import tessera.imaging.io.RasterFile;
import tessera.pipeline.FileOrigin;

/** A design uploaded for check or export: PNG or TIFF bytes plus query parameters. */
final class PatternUpload {
    private PatternUpload() {
    }

    /** An uploaded design and the origin its XMP names (null when it carries none), as {@code tessera export} reads it. */
    record Upload(Pattern pattern, DesignOrigin origin) {
    }

    static Upload read(Call call) throws IOException {
        Path file = call.bodyToFile(call.settings().maxUploadBytes(), "image upload", ".img");
        try {
            checkPixels(file, call.settings(), "the image");
            RasterFile raster = ImageFiles.read(file);
            // read while the upload is on disk: a design Tessera generated keeps naming its generator, model and seed
            DesignOrigin origin = FileOrigin.read(file);
            Double widthCm = number(call, "widthCm");
            Double heightCm = number(call, "heightCm");
            double w;
            if (widthCm != null) {
                w = widthCm;
            } else if (Double.isFinite(raster.dpiX()) && raster.dpiX() > 0) {
                w = raster.image().width() / raster.dpiX() * 2.54;
            } else {
                throw new ApiError(400, "the image does not say its resolution (no DPI); give the repeat's width with ?widthCm=");
            }
            double h = heightCm != null ? heightCm : w * raster.image().height() / raster.image().width();
            String repeat = call.query("repeat");
            return new Upload(new Pattern(raster.image(), RepeatGeometry.parse(repeat == null ? "block" : repeat), w, h,
                    Map.of("source", "upload")), origin);
        } catch (InvalidValueException e) {
            throw new ApiError(400, e.getMessage());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** #12: the dimensions come from the header, so a decompression bomb is refused before it is decoded. */
    static void checkPixels(Path file, Settings settings, String what) throws IOException {
        long[] wh = dimensions(file);
        long pixels = wh[0] * wh[1];
        if (pixels > settings.maxImagePixels()) {
            throw new ApiError(413, what + " is " + wh[0] + "x" + wh[1] + " = " + pixels + " pixels; the limit is "
                    + settings.maxImagePixels() + " pixels");
        }
    }

    private static long[] dimensions(Path file) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new ApiError(415, "the upload is not a PNG or TIFF image");
            }
            ImageReader r = readers.next();
            try {
                r.setInput(in, true, true);
                return new long[] {r.getWidth(0), r.getHeight(0)};
            } catch (IOException | RuntimeException e) {
                throw new ApiError(400, "the image cannot be read: " + e.getMessage());
            } finally {
                r.dispose();
            }
        }
    }

    private static Double number(Call call, String name) {
        String v = call.query(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Double.valueOf(v);
        } catch (NumberFormatException e) {
            throw new ApiError(400, name + ": '" + v + "' is not a number");
        }
    }
}
