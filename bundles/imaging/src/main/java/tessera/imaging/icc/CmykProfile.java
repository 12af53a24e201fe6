package tessera.imaging.icc;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A CMYK output (press) profile. The shipped {@link #fogra39()} describes ISO 12647-2 offset on coated
 * paper (FOGRA39) and serves as the default print condition; real jobs should use the printer's own
 * profile via {@link #of(byte[])}.
 */
public final class CmykProfile {
    private static final String FOGRA39_RESOURCE = "/icc/tessera-fogra39.icc";
    private static volatile CmykProfile fogra39;

    private final byte[] bytes;
    private final ICC_Profile profile;

    private CmykProfile(byte[] bytes, ICC_Profile profile) {
        this.bytes = bytes;
        this.profile = profile;
    }

    /**
     * @return the shipped FOGRA39 profile (coated offset, total ink 330 %), built by Tessera with ArgyllCMS
     *         from the FOGRA39L characterization data; see {@code icc/README.txt}
     */
    public static CmykProfile fogra39() {
        CmykProfile p = fogra39;
        if (p == null) {
            try (InputStream in = CmykProfile.class.getResourceAsStream(FOGRA39_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("bundle resource " + FOGRA39_RESOURCE + " is missing; the tessera.imaging jar is incomplete");
                }
                p = of(in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read bundle resource " + FOGRA39_RESOURCE, e);
            }
            fogra39 = p;
        }
        return p;
    }

    /**
     * @param icc the bytes of an ICC profile whose data colour space is CMYK
     * @throws IllegalArgumentException when the bytes are not an ICC profile or not a CMYK one
     */
    public static CmykProfile of(byte[] icc) {
        ICC_Profile p;
        try {
            p = ICC_Profile.getInstance(icc.clone());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("these " + icc.length + " bytes are not an ICC profile; use the .icc/.icm file"
                    + " the printer supplied for the paper and ink set", e);
        }
        if (p.getColorSpaceType() != ColorSpace.TYPE_CMYK) {
            throw new IllegalArgumentException("the ICC profile '" + description(p) + "' is not a CMYK profile; a separation"
                    + " needs the printer's CMYK output profile");
        }
        return new CmykProfile(icc.clone(), p);
    }

    /** @return a copy of the profile bytes, for embedding in a TIFF */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** @return the profile's description (the 'desc' tag), e.g. for reports */
    public String description() {
        return description(profile);
    }

    ICC_Profile profile() {
        return profile;
    }

    static String description(ICC_Profile p) {
        byte[] desc = p.getData(ICC_Profile.icSigProfileDescriptionTag);
        if (desc == null || desc.length < 12) {
            return "(no description)";
        }
        String type = new String(desc, 0, 4, StandardCharsets.US_ASCII);
        if ("desc".equals(type)) { // ICC v2 textDescriptionType: ASCII count at 8, text at 12
            int n = ((desc[8] & 0xff) << 24) | ((desc[9] & 0xff) << 16) | ((desc[10] & 0xff) << 8) | (desc[11] & 0xff);
            return new String(desc, 12, Math.max(0, Math.min(n, desc.length - 12) - 1), StandardCharsets.US_ASCII);
        }
        return "(" + type.trim() + " description)";
    }

    @Override
    public String toString() {
        return "CmykProfile[" + description() + "]";
    }
}
