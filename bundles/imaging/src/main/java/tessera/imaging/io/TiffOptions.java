package tessera.imaging.io;

import java.util.Arrays;

import tessera.api.Check;
import tessera.api.InvalidValueException;

/**
 * How to write a TIFF.
 *
 * @param bitDepth    8 or 16 bits per sample
 * @param compression lossless compression
 * @param dpi         resolution in dots per inch, &gt; 0, or NaN to leave it out
 * @param iccProfile  ICC profile to embed (tag 34675). Null means: Java's built-in sRGB profile for an
 *                    RGB source, none for grey; a CMYK source must name its profile
 */
public record TiffOptions(int bitDepth, TiffCompression compression, double dpi, byte[] iccProfile) {
    public TiffOptions {
        if (bitDepth != 8 && bitDepth != 16) {
            throw new InvalidValueException("bitDepth", bitDepth + " is not supported; use 8 or 16");
        }
        Check.notNull("compression", compression);
        if (!Double.isNaN(dpi)) {
            Check.range("dpi", dpi, 1e-3, 1e6);
        }
        iccProfile = iccProfile == null ? null : iccProfile.clone();
    }

    /** @return 8-bit, LZW, sRGB for RGB sources, at the given resolution */
    public static TiffOptions of(double dpi) {
        return new TiffOptions(8, TiffCompression.LZW, dpi, null);
    }

    public TiffOptions withBitDepth(int bits) {
        return new TiffOptions(bits, compression, dpi, iccProfile);
    }

    public TiffOptions withCompression(TiffCompression c) {
        return new TiffOptions(bitDepth, c, dpi, iccProfile);
    }

    /** @param icc profile bytes; must describe the source's colour space (RGB, CMYK or grey) */
    public TiffOptions withIccProfile(byte[] icc) {
        return new TiffOptions(bitDepth, compression, dpi, icc);
    }

    @Override
    public byte[] iccProfile() {
        return iccProfile == null ? null : iccProfile.clone();
    }

    byte[] iccProfileView() {
        return iccProfile;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TiffOptions t && t.bitDepth == bitDepth && t.compression == compression
                && Double.compare(t.dpi, dpi) == 0 && Arrays.equals(t.iccProfile, iccProfile);
    }

    @Override
    public int hashCode() {
        return ((bitDepth * 31 + compression.hashCode()) * 31 + Double.hashCode(dpi)) * 31 + Arrays.hashCode(iccProfile);
    }

    @Override
    public String toString() {
        return "TiffOptions[" + bitDepth + " bit, " + compression + ", " + dpi + " dpi, "
                + (iccProfile == null ? "default ICC" : "ICC " + iccProfile.length + " bytes") + "]";
    }
}
