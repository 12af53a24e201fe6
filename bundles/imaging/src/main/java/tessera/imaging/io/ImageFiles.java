package tessera.imaging.io;

import java.io.IOException;
import java.nio.file.Path;

import tessera.api.image.RgbImage;
import tessera.imaging.io.internal.AtomicWrite;
import tessera.imaging.io.internal.IccBytes;
import tessera.imaging.io.internal.PngEncoder;
import tessera.imaging.io.internal.RasterDecoder;
import tessera.imaging.io.internal.TiffEncoder;

/**
 * Reading and writing raster files. Every write is atomic: the file appears complete or not at all.
 */
public final class ImageFiles {
    private ImageFiles() {
    }

    /**
     * Writes an 8-bit sRGB PNG with its print resolution (pHYs) and the sRGB chunk.
     *
     * @param image the tile
     * @param dpi   resolution in dots per inch, &gt; 0
     * @param file  target; written to a temporary file in the same folder, then moved into place
     */
    public static void writePng(RgbImage image, double dpi, Path file) throws IOException {
        writePng(image, PngOptions.of(dpi), file);
    }

    /** Writes a PNG with the given bit depth, resolution and ICC profile; atomic like {@link #writePng(RgbImage, double, Path)}. */
    public static void writePng(RgbImage image, PngOptions options, Path file) throws IOException {
        writePng(PixelSource.of(image), options, file);
    }

    /**
     * Writes a PNG from a streamed source (grey or RGB), e.g. a large repeat preview.
     *
     * @param source 1 or 3 channels
     */
    public static void writePng(PixelSource source, PngOptions options, Path file) throws IOException {
        writePng(source, options, null, file);
    }

    /**
     * Writes a PNG carrying provenance as XMP (an iTXt chunk before the image data).
     *
     * @param xmp the packet, or null for none
     */
    public static void writePng(PixelSource source, PngOptions options, XmpPacket xmp, Path file) throws IOException {
        if (source.channels() != 1 && source.channels() != 3) {
            throw new IllegalArgumentException("PNG holds grey or RGB, not " + source.channels()
                    + " channels; write CMYK with writeTiff");
        }
        if (options.iccProfileView() != null) {
            IccBytes.forChannels(source.channels(), options.iccProfileView());
        }
        byte[] packet = xmp == null ? null : xmp.bytes();
        AtomicWrite.write(file, out -> PngEncoder.write(source, options.bitDepth(), options.dpi(), options.iccProfileView(),
                packet, out));
    }

    /** Writes a TIFF of the tile; see {@link #writeTiff(PixelSource, TiffOptions, Path)}. */
    public static void writeTiff(RgbImage image, TiffOptions options, Path file) throws IOException {
        writeTiff(PixelSource.of(image), options, file);
    }

    /**
     * Writes a TIFF, pulling the pixels strip by strip so that memory stays at one strip (about 1 MiB of
     * samples) whatever the print size. Resolution goes into XResolution/YResolution with
     * ResolutionUnit = inch, the profile into tag 34675. Atomic like {@link #writePng(RgbImage, double, Path)}.
     *
     * @param source 1 (grey), 3 (sRGB) or 4 (CMYK) channels
     * @throws IllegalArgumentException if the ICC profile does not describe the source's colour space
     * @throws IOException              if the file cannot be written or exceeds the 4 GiB of a classic TIFF
     */
    public static void writeTiff(PixelSource source, TiffOptions options, Path file) throws IOException {
        writeTiff(source, options, null, file);
    }

    /**
     * Writes a TIFF carrying provenance as XMP (tag 700); otherwise as
     * {@link #writeTiff(PixelSource, TiffOptions, Path)}.
     *
     * @param xmp the packet, or null for none
     */
    public static void writeTiff(PixelSource source, TiffOptions options, XmpPacket xmp, Path file) throws IOException {
        byte[] icc = IccBytes.forChannels(source.channels(), options.iccProfileView());
        byte[] packet = xmp == null ? null : xmp.bytes();
        AtomicWrite.writeSeekable(file, ch -> TiffEncoder.write(source, options.bitDepth(), options.compression(),
                options.dpi(), icc, packet, ch));
    }

    /**
     * Reads a PNG or TIFF (8 or 16 bit; grey, grey+alpha, RGB, RGBA or palette) as RGB, compositing
     * alpha on white, with the resolution and ICC profile the file declares.
     *
     * @throws IOException naming the file, what is wrong with it and which formats are accepted
     */
    public static RasterFile read(Path file) throws IOException {
        return RasterDecoder.read(file);
    }
}
