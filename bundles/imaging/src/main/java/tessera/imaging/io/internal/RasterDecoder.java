package tessera.imaging.io.internal;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;

import javax.imageio.IIOException;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.ImageIO;

import tessera.api.image.RgbImage;
import tessera.imaging.io.RasterFile;

/**
 * Reads PNG and TIFF through ImageIO and turns whatever layout the file has (grey, grey+alpha, RGB,
 * RGBA, palette; 8 or 16 bit) into an {@link RgbImage}, taking the raw samples rather than letting
 * Java colour-convert them, so the values are exactly what the file stores.
 */
public final class RasterDecoder {
    /** What the reader accepts, for error messages. */
    public static final String ACCEPTED = "Tessera reads PNG and TIFF (baseline, LZW, Deflate or PackBits), 8 or 16 bit,"
            + " grey, grey+alpha, RGB, RGBA or palette, and CMYK TIFF with its ICC profile embedded";

    private RasterDecoder() {
    }

    public static RasterFile read(Path file) throws IOException {
        FileFormat format = FileFormat.sniff(file);
        if (format != FileFormat.PNG && format != FileFormat.TIFF) {
            throw new IOException("Cannot read " + file + ": " + format.describe() + ". " + ACCEPTED + ".");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                throw new IOException("Cannot read " + file + ": the file cannot be opened. " + ACCEPTED + ".");
            }
            ImageReader reader = readerFor(format, file);
            try {
                reader.setInput(in, true, false);
                checkSize(reader.getWidth(0), reader.getHeight(0), file); // before decoding a 20000² print into memory
                IIOMetadata meta = reader.getImageMetadata(0);
                org.w3c.dom.Node png = format == FileFormat.PNG ? FileMetadata.pngTree(meta) : null;
                FileMetadata m = png != null ? FileMetadata.ofPng(png, file) : FileMetadata.ofTiff(meta);
                int channels = png != null ? plainPngChannels(png) : 0;
                RgbImage rgb;
                if (channels > 0) {
                    try {
                        rgb = PngPixels.decode(file, reader.getWidth(0), reader.getHeight(0), channels);
                    } catch (IOException e) {
                        throw new IIOException(e.getMessage(), e);
                    }
                } else {
                    BufferedImage image = reader.read(0);
                    rgb = m.separated() ? separated(image, m.icc(), file) : toRgb(image, file);
                }
                return new RasterFile(rgb, m.dpiX(), m.dpiY(), m.icc());
            } catch (IIOException | RuntimeException e) {
                throw new IOException("Cannot read " + file + ": the " + format.name()
                        + " data is damaged or uses a feature Tessera does not read (" + e.getMessage() + "). "
                        + ACCEPTED + ".", e);
            } finally {
                reader.dispose();
            }
        }
    }

    /** 1 or 3 when the PNG's header is one {@link PngPixels} decodes (8-bit grey or RGB, not interlaced), else 0. */
    private static int plainPngChannels(org.w3c.dom.Node root) {
        for (org.w3c.dom.Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeName().equals("IHDR") && n instanceof javax.imageio.metadata.IIOMetadataNode e) {
                int depth = Integer.parseInt(e.getAttribute("bitDepth"));
                String type = e.getAttribute("colorType");
                int colourType = switch (type) {
                    case "Grayscale" -> 0;
                    case "RGB" -> 2;
                    default -> -1;
                };
                int interlace = "none".equals(e.getAttribute("interlaceMethod")) ? 0 : 1;
                return PngPixels.handles(depth, colourType, interlace) ? (colourType == 0 ? 1 : 3) : 0;
            }
        }
        return 0;
    }

    static ImageReader readerFor(FileFormat format, Path file) throws IOException {
        Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName(format == FileFormat.PNG ? "png" : "tiff");
        if (!it.hasNext()) {
            throw new IOException("Cannot read " + file + ": this Java runtime has no " + format.name() + " reader");
        }
        // The JDK's own reader first: its metadata tree is where the ICC profile and resolution are
        // read from. Other ImageIO plugins on the class path (jai-imageio, which Tika brings) register
        // TIFF readers too, and theirs drop the ICC tag and refuse CMYK.
        ImageReader first = it.next();
        ImageReader chosen = first;
        while (!chosen.getClass().getName().startsWith("com.sun.imageio.") && it.hasNext()) {
            chosen = it.next();
        }
        if (!chosen.getClass().getName().startsWith("com.sun.imageio.")) {
            chosen = first;
        }
        if (chosen != first) {
            first.dispose();
        }
        return chosen;
    }

    private static RgbImage separated(BufferedImage image, byte[] icc, Path file) throws IOException {
        Raster r = image.getRaster();
        if (r.getNumBands() != 4) {
            throw new IOException("Cannot read " + file + ": it has " + r.getNumBands() + " ink channels; Tessera reads"
                    + " CMYK separations (4 channels, no extra channels)");
        }
        return CmykProof.toRgb(r, icc, file);
    }

    private static void checkSize(int w, int h, Path file) throws IOException {
        if ((long) w * h > RgbImage.MAX_PIXELS || w > 16384 || h > 16384) {
            throw new IOException("Cannot read " + file + ": " + w + "×" + h + " px is larger than a tile may be (16384 × 16384);"
                    + " read the design tile, not the laid-out print");
        }
    }

    static RgbImage toRgb(BufferedImage image, Path file) throws IOException {
        ColorModel cm = image.getColorModel();
        Raster r = image.getRaster();
        int w = image.getWidth();
        int h = image.getHeight();
        float[] out = new float[3 * w * h];
        if (cm instanceof IndexColorModel icm) {
            palette(icm, r, w, h, out);
            return RgbImage.wrap(w, h, out);
        }
        int csType = cm.getColorSpace().getType();
        int colourBands = cm.getNumColorComponents();
        boolean grey = csType == java.awt.color.ColorSpace.TYPE_GRAY && colourBands == 1;
        boolean rgb = csType == java.awt.color.ColorSpace.TYPE_RGB && colourBands == 3;
        if (!grey && !rgb) {
            throw new IOException("Cannot read " + file + ": its colour space has " + colourBands
                    + " components of type " + csType + " (Lab and YCbCr files are not read). " + ACCEPTED + ".");
        }
        int bands = r.getNumBands();
        if (!cm.hasAlpha() && interleavedBytes(r, grey ? 1 : 3, out)) {
            return RgbImage.wrap(w, h, out);
        }
        float[][] samples = new float[bands][];
        for (int b = 0; b < bands; b++) {
            samples[b] = r.getSamples(0, 0, w, h, b, new float[w * h]);
            float max = maxOf(r.getSampleModel(), b);
            if (max != 1f) {
                float[] s = samples[b];
                for (int i = 0; i < s.length; i++) {
                    s[i] /= max; // divide, not multiply by 1/max: 51/255f must give exactly 0.2f as RgbImage does
                }
            }
        }
        int n = w * h;
        float[] alpha = cm.hasAlpha() ? samples[bands - 1] : null;
        boolean premultiplied = cm.isAlphaPremultiplied();
        for (int c = 0; c < 3; c++) {
            float[] s = samples[grey ? 0 : c];
            for (int i = 0; i < n; i++) {
                float v = s[i];
                if (alpha != null) {
                    float a = alpha[i];
                    v = (premultiplied ? v : v * a) + (1f - a); // composited on white paper
                }
                out[c * n + i] = Math.clamp(v, 0f, 1f);
            }
        }
        return RgbImage.wrap(w, h, out);
    }

    /**
     * The common layout of an 8-bit TIFF (or an interlaced PNG: bytes, pixel-interleaved, no alpha) read straight from
     * the data buffer, rows in parallel: {@code Raster.getSamples} goes through the sample model pixel by pixel, and on an A4
     * scan (8.7 MPix) that was a third of reading the file (#10).
     *
     * @return false when the raster has another layout (the general path then reads it)
     */
    private static boolean interleavedBytes(Raster r, int colours, float[] out) {
        if (!(r.getSampleModel() instanceof java.awt.image.ComponentSampleModel sm) || !(r.getDataBuffer() instanceof DataBufferByte db)
                || db.getNumBanks() != 1 || r.getNumBands() != colours || r.getSampleModelTranslateX() != 0
                || r.getSampleModelTranslateY() != 0) {
            return false;
        }
        for (int b = 0; b < colours; b++) {
            if (sm.getSampleSize(b) != 8 || sm.getBankIndices()[b] != 0) {
                return false;
            }
        }
        byte[] data = db.getData();
        int base = db.getOffset();
        int w = r.getWidth();
        int h = r.getHeight();
        int n = w * h;
        int pixelStride = sm.getPixelStride();
        int scanline = sm.getScanlineStride();
        int[] offsets = sm.getBandOffsets();
        java.util.stream.IntStream.range(0, h).parallel().forEach(y -> {
            for (int c = 0; c < 3; c++) {
                int src = base + y * scanline + offsets[colours == 1 ? 0 : c];
                int dst = c * n + y * w;
                for (int x = 0; x < w; x++, src += pixelStride) {
                    out[dst + x] = (data[src] & 0xff) / 255f; // as the general path: 51/255f is exactly 0.2f
                }
            }
        });
        return true;
    }

    static float maxOf(java.awt.image.SampleModel sm, int band) {
        int type = sm.getDataType();
        if (type == DataBuffer.TYPE_FLOAT || type == DataBuffer.TYPE_DOUBLE) {
            return 1f;
        }
        int bits = sm.getSampleSize(band);
        return (float) ((1L << bits) - 1);
    }

    private static void palette(IndexColorModel icm, Raster r, int w, int h, float[] out) {
        int n = w * h;
        int[] idx = r.getSamples(0, 0, w, h, 0, new int[n]);
        int size = icm.getMapSize();
        float[][] lut = new float[3][size];
        for (int i = 0; i < size; i++) {
            float a = icm.getAlpha(i) / 255f;
            lut[0][i] = (icm.getRed(i) / 255f) * a + 1f - a;
            lut[1][i] = (icm.getGreen(i) / 255f) * a + 1f - a;
            lut[2][i] = (icm.getBlue(i) / 255f) * a + 1f - a;
        }
        for (int c = 0; c < 3; c++) {
            float[] l = lut[c];
            for (int i = 0; i < n; i++) {
                out[c * n + i] = l[Math.min(idx[i], size - 1)];
            }
        }
    }

    /** File types told apart by their first bytes, so the error names what the file really is. */
    enum FileFormat {
        PNG, TIFF, BIGTIFF, JPEG, GIF, BMP, WEBP, EMPTY, UNKNOWN;

        static FileFormat sniff(Path file) throws IOException {
            byte[] head = new byte[12];
            int n;
            try (InputStream in = Files.newInputStream(file)) {
                n = in.readNBytes(head, 0, head.length);
            } catch (NoSuchFileException e) {
                throw new IOException("Cannot read " + file + ": the file does not exist", e);
            }
            if (n == 0) {
                return EMPTY;
            }
            int b0 = head[0] & 0xff;
            int b1 = head[1] & 0xff;
            if (n >= 8 && b0 == 0x89 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G') {
                return PNG;
            }
            if (n >= 4 && (b0 == 'I' && b1 == 'I' || b0 == 'M' && b1 == 'M')) {
                int magic = b0 == 'I' ? (head[2] & 0xff) | (head[3] & 0xff) << 8 : (head[2] & 0xff) << 8 | (head[3] & 0xff);
                return magic == 42 ? TIFF : magic == 43 ? BIGTIFF : UNKNOWN;
            }
            if (b0 == 0xff && b1 == 0xd8) {
                return JPEG;
            }
            if (b0 == 'G' && b1 == 'I' && head[2] == 'F') {
                return GIF;
            }
            if (b0 == 'B' && b1 == 'M') {
                return BMP;
            }
            if (n >= 12 && b0 == 'R' && head[8] == 'W' && head[9] == 'E' && head[10] == 'B' && head[11] == 'P') {
                return WEBP;
            }
            return UNKNOWN;
        }

        String describe() {
            return switch (this) {
                case EMPTY -> "the file is empty";
                case UNKNOWN -> "it is not a PNG or TIFF file (unrecognised first bytes)";
                case BIGTIFF -> "it is a BigTIFF file, which the Java TIFF reader does not support";
                default -> "it is a " + name() + " file";
            };
        }
    }
}
