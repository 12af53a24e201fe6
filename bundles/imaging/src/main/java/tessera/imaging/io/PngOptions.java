package tessera.imaging.io;

import java.util.Arrays;

import tessera.api.Check;
import tessera.api.InvalidValueException;

/**
 * How to write a PNG.
 *
 * @param bitDepth   8 or 16 bits per sample
 * @param dpi        resolution in dots per inch, &gt; 0, or NaN to leave it out
 * @param iccProfile ICC profile to embed (iCCP), or null to mark the file as sRGB (sRGB chunk)
 */
public record PngOptions(int bitDepth, double dpi, byte[] iccProfile) {
    public PngOptions {
        if (bitDepth != 8 && bitDepth != 16) {
            throw new InvalidValueException("bitDepth", bitDepth + " is not supported; use 8 or 16");
        }
        if (!Double.isNaN(dpi)) {
            Check.range("dpi", dpi, 1e-3, 1e6);
        }
        iccProfile = iccProfile == null ? null : iccProfile.clone();
    }

    /** @return 8-bit sRGB at the given resolution */
    public static PngOptions of(double dpi) {
        return new PngOptions(8, dpi, null);
    }

    /** @return a copy with another bit depth */
    public PngOptions withBitDepth(int bits) {
        return new PngOptions(bits, dpi, iccProfile);
    }

    /** @return a copy embedding the given ICC profile */
    public PngOptions withIccProfile(byte[] icc) {
        return new PngOptions(bitDepth, dpi, icc);
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
        return o instanceof PngOptions p && p.bitDepth == bitDepth && Double.compare(p.dpi, dpi) == 0
                && Arrays.equals(p.iccProfile, iccProfile);
    }

    @Override
    public int hashCode() {
        return (bitDepth * 31 + Double.hashCode(dpi)) * 31 + Arrays.hashCode(iccProfile);
    }

    @Override
    public String toString() {
        return "PngOptions[" + bitDepth + " bit, " + dpi + " dpi, " + (iccProfile == null ? "sRGB" : "ICC " + iccProfile.length + " bytes") + "]";
    }
}
