package tessera.imaging.io;

import java.util.Arrays;

import tessera.api.image.RgbImage;

/**
 * A raster read from a file, with the physical resolution and colour profile the file declared.
 *
 * @param image      the pixels as stored, as gamma-encoded RGB in [0, 1]; grey is spread to three equal
 *                   channels, alpha is composited on white, palette entries are looked up. RGB and grey
 *                   values are not colour-converted, even when the profile is not sRGB; CMYK is converted
 *                   to sRGB through its embedded profile (a relative colorimetric soft proof)
 * @param dpiX       horizontal resolution in dots per inch, or NaN when the file does not say
 * @param dpiY       vertical resolution in dots per inch, or NaN when the file does not say
 * @param iccProfile the embedded ICC profile bytes, or null when the file has none (then sRGB is assumed)
 */
public record RasterFile(RgbImage image, double dpiX, double dpiY, byte[] iccProfile) {
    public RasterFile {
        iccProfile = iccProfile == null ? null : iccProfile.clone();
    }

    /** @return a copy of the embedded ICC profile, or null */
    @Override
    public byte[] iccProfile() {
        return iccProfile == null ? null : iccProfile.clone();
    }

    /** @return true when both axes have a known resolution */
    public boolean hasDpi() {
        return !Double.isNaN(dpiX) && !Double.isNaN(dpiY);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RasterFile r && r.image.equals(image) && Double.compare(r.dpiX, dpiX) == 0
                && Double.compare(r.dpiY, dpiY) == 0 && Arrays.equals(r.iccProfile, iccProfile);
    }

    @Override
    public int hashCode() {
        return ((image.hashCode() * 31 + Double.hashCode(dpiX)) * 31 + Double.hashCode(dpiY)) * 31 + Arrays.hashCode(iccProfile);
    }

    @Override
    public String toString() {
        return "RasterFile[" + image.width() + "×" + image.height() + ", " + dpiX + "×" + dpiY + " dpi, "
                + (iccProfile == null ? "no ICC" : "ICC " + iccProfile.length + " bytes") + "]";
    }
}
