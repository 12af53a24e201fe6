package tessera.imaging.io.internal;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.nio.charset.StandardCharsets;

/**
 * Checks that an ICC profile fits the pixels it will be embedded with (ICC.1:2010 §7.2.6: the data
 * colour space signature at byte 16), so a CMYK file never goes out carrying an RGB profile.
 */
public final class IccBytes {
    private IccBytes() {
    }

    /**
     * @return the profile to embed: {@code icc} if it matches, Java's sRGB profile when {@code icc} is null
     *         and the pixels are RGB, null for grey without a profile
     * @throws IllegalArgumentException when the profile does not match or is missing for CMYK
     */
    public static byte[] forChannels(int channels, byte[] icc) {
        String expected = switch (channels) {
            case 1 -> "GRAY";
            case 3 -> "RGB ";
            case 4 -> "CMYK";
            default -> throw new IllegalArgumentException("pixels have " + channels + " channels; files hold 1 (grey), 3 (RGB) or 4 (CMYK)");
        };
        if (icc == null) {
            return switch (channels) {
                case 3 -> ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
                case 4 -> throw new IllegalArgumentException("CMYK values mean nothing without their press profile;"
                        + " pass the profile used for the separation (e.g. CmykProfile.fogra39().bytes()) with withIccProfile");
                default -> null;
            };
        }
        String actual = colourSpace(icc);
        if (!expected.equals(actual)) {
            throw new IllegalArgumentException("the ICC profile describes '" + actual.trim() + "' data but the pixels are '"
                    + expected.trim() + "'; embed a profile of the pixels' colour space");
        }
        return icc;
    }

    /** @return the four-character data colour space signature, e.g. "RGB ", "CMYK", "GRAY" */
    public static String colourSpace(byte[] icc) {
        if (icc.length < 128) {
            throw new IllegalArgumentException("an ICC profile has a 128-byte header; these " + icc.length + " bytes are not a profile");
        }
        return new String(icc, 16, 4, StandardCharsets.US_ASCII);
    }
}
