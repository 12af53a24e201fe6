package tessera.imaging.io.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.plugins.tiff.BaselineTIFFTagSet;
import javax.imageio.plugins.tiff.TIFFDirectory;
import javax.imageio.plugins.tiff.TIFFField;

import org.w3c.dom.Node;

/**
 * Resolution and ICC profile as a PNG or TIFF file declares them; NaN dpi where the file does not say.
 * {@code separated} is TIFF Photometric = 5 (ink separations, CMYK with InkSet 1), which Java's TIFF
 * reader describes as RGB + alpha at 16 bit, so the decoder must not trust the colour model for it.
 */
record FileMetadata(double dpiX, double dpiY, byte[] icc, boolean separated) {
    static final int TAG_ICC_PROFILE = 34675;

    /** The PNG reader's native metadata tree: built once per file, read by {@link #ofPng} and the pixel decoder's check. */
    static Node pngTree(IIOMetadata meta) {
        return meta.getAsTree("javax_imageio_png_1.0");
    }

    static FileMetadata ofPng(Node root, java.nio.file.Path file) throws IOException {
        double dx = Double.NaN;
        double dy = Double.NaN;
        byte[] icc = null;
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            IIOMetadataNode e = (IIOMetadataNode) n;
            switch (n.getNodeName()) {
                case "pHYs" -> {
                    if ("meter".equals(e.getAttribute("unitSpecifier"))) {
                        dx = snap(Long.parseLong(e.getAttribute("pixelsPerUnitXAxis")) * 0.0254);
                        dy = snap(Long.parseLong(e.getAttribute("pixelsPerUnitYAxis")) * 0.0254);
                    }
                }
                case "iCCP" -> icc = inflate((byte[]) e.getUserObject(), file);
                default -> {
                    // other chunks carry nothing Tessera uses
                }
            }
        }
        return new FileMetadata(dx, dy, icc, false);
    }

    static FileMetadata ofTiff(IIOMetadata meta) {
        TIFFDirectory dir;
        try {
            dir = TIFFDirectory.createFromMetadata(meta);
        } catch (javax.imageio.metadata.IIOInvalidTreeException e) {
            return new FileMetadata(Double.NaN, Double.NaN, null, false);
        }
        TIFFField unitField = dir.getTIFFField(BaselineTIFFTagSet.TAG_RESOLUTION_UNIT);
        int unit = unitField == null ? BaselineTIFFTagSet.RESOLUTION_UNIT_INCH : unitField.getAsInt(0);
        double perInch = switch (unit) {
            case BaselineTIFFTagSet.RESOLUTION_UNIT_INCH -> 1;
            case BaselineTIFFTagSet.RESOLUTION_UNIT_CENTIMETER -> 2.54;
            default -> Double.NaN; // "no absolute unit": an aspect ratio only
        };
        double dx = resolution(dir.getTIFFField(BaselineTIFFTagSet.TAG_X_RESOLUTION)) * perInch;
        double dy = resolution(dir.getTIFFField(BaselineTIFFTagSet.TAG_Y_RESOLUTION)) * perInch;
        TIFFField iccField = dir.getTIFFField(TAG_ICC_PROFILE);
        byte[] icc = iccField == null ? null : iccField.getAsBytes().clone();
        TIFFField photometric = dir.getTIFFField(BaselineTIFFTagSet.TAG_PHOTOMETRIC_INTERPRETATION);
        boolean separated = photometric != null
                && photometric.getAsInt(0) == BaselineTIFFTagSet.PHOTOMETRIC_INTERPRETATION_CMYK;
        return new FileMetadata(dx == 0 ? Double.NaN : dx, dy == 0 ? Double.NaN : dy, icc, separated);
    }

    private static double resolution(TIFFField f) {
        if (f == null) {
            return Double.NaN;
        }
        long[] r = f.getAsRational(0);
        return r[1] == 0 ? Double.NaN : (double) r[0] / r[1];
    }

    /**
     * PNG stores whole pixels per metre, so 300 dpi comes back as 299.9994; within the quantization step
     * (0.0127 dpi) of a whole number we report the whole number a person typed.
     */
    static double snap(double dpi) {
        if (dpi == 0) {
            return Double.NaN;
        }
        double r = Math.rint(dpi);
        return Math.abs(dpi - r) <= 0.0127 ? r : dpi;
    }

    private static byte[] inflate(byte[] compressed, java.nio.file.Path file) throws IOException {
        if (compressed == null) {
            return null;
        }
        Inflater inf = new Inflater();
        try {
            inf.setInput(compressed);
            ByteArrayOutputStream out = new ByteArrayOutputStream(compressed.length * 2);
            byte[] buf = new byte[8192];
            while (!inf.finished()) {
                int k = inf.inflate(buf);
                if (k == 0 && (inf.needsInput() || inf.needsDictionary())) {
                    throw new IOException("Cannot read " + file + ": the embedded ICC profile (iCCP) is truncated");
                }
                out.write(buf, 0, k);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new IOException("Cannot read " + file + ": the embedded ICC profile (iCCP) is not valid zlib data", e);
        } finally {
            inf.end();
        }
    }
}
