package tessera.imaging.icc;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.IOException;
import java.nio.file.Path;

import tessera.api.image.RgbImage;
import tessera.imaging.io.ImageFiles;
import tessera.imaging.io.PixelSource;
import tessera.imaging.io.TiffOptions;

/**
 * Separates sRGB artwork into the inks of a CMYK press profile and proofs CMYK back to sRGB, through
 * Java's ICC colour management. Java picks the intent by profile class (ColorConvertOp: perceptual
 * from a display profile, relative colorimetric from an output profile); for a relative colorimetric
 * separation we hand it a copy of the press profile whose perceptual table (B2A0) is the colorimetric
 * one (B2A1). Images are separated through a {@link SeparationTable} sampled from that transform.
 * Instances are thread-safe; each conversion creates its own transform.
 */
public final class CmykSeparation {
    private final CmykProfile profile;
    private final RenderingIntent intent;
    private final ICC_Profile forward;
    private volatile SeparationTable table;
    private IccTransform singleForward;
    private IccTransform singleBackward;

    /**
     * @param profile the press profile
     * @param intent  how out-of-gamut colours are mapped in the sRGB → CMYK direction; proofs are
     *                always relative colorimetric
     */
    public CmykSeparation(CmykProfile profile, RenderingIntent intent) {
        this.profile = profile;
        this.intent = intent;
        ICC_Profile p = ICC_Profile.getInstance(profile.bytes());
        if (intent == RenderingIntent.RELATIVE_COLORIMETRIC) {
            byte[] colorimetric = p.getData(ICC_Profile.icSigBToA1Tag);
            if (colorimetric != null) {
                p.setData(ICC_Profile.icSigBToA0Tag, colorimetric);
            }
        }
        this.forward = p;
    }

    /** @return a perceptual separation for the shipped FOGRA39 coated-offset profile */
    public static CmykSeparation fogra39() {
        return new CmykSeparation(CmykProfile.fogra39(), RenderingIntent.PERCEPTUAL);
    }

    public CmykProfile profile() {
        return profile;
    }

    public RenderingIntent intent() {
        return intent;
    }

    /** @return the tile separated into ink coverages */
    public CmykImage separate(RgbImage rgb) {
        int w = rgb.width();
        int h = rgb.height();
        float[] out = new float[4 * w * h];
        table().apply(rgb.planesView(), out, w * h);
        return CmykImage.wrap(w, h, out, profile);
    }

    /**
     * @param rgb a 3-channel sRGB source, e.g. a repeat laid out over a whole print
     * @return a 4-channel source that separates each strip as it is pulled, for streamed CMYK TIFFs
     */
    public PixelSource separate(PixelSource rgb) {
        if (rgb.channels() != 3) {
            throw new IllegalArgumentException("separation needs an RGB source; this one has " + rgb.channels() + " channels");
        }
        SeparationTable t = table();
        return new PixelSource() {
            private float[] strip = new float[0];

            @Override
            public int width() {
                return rgb.width();
            }

            @Override
            public int height() {
                return rgb.height();
            }

            @Override
            public int channels() {
                return 4;
            }

            @Override
            public void readRows(int y, int rows, float[] planes) {
                int n = 3 * rows * rgb.width();
                if (strip.length < n) {
                    strip = new float[n];
                }
                rgb.readRows(y, rows, strip);
                t.apply(strip, planes, rows * rgb.width());
            }
        };
    }

    /**
     * @return ink coverages {C, M, Y, K} in [0, 1] for one gamma-encoded sRGB colour, straight through the
     *         ICC transform (images go through a table within 0.04 ink and 0.7 ΔE00 of it)
     */
    public float[] separate(float r, float g, float b) {
        float[] out = new float[4];
        synchronized (this) { // one cached transform: building one costs milliseconds, using it microseconds
            if (singleForward == null) {
                singleForward = newForward();
            }
            singleForward.apply(new float[] {r, g, b}, out, 1, 1);
        }
        return out;
    }

    /** @return a soft proof: how the inks will look, as sRGB (relative colorimetric, paper white = white) */
    public RgbImage proof(CmykImage cmyk) {
        int w = cmyk.width();
        int h = cmyk.height();
        float[] out = new float[3 * w * h];
        newBackward().apply(cmyk.planesView(), out, w, h);
        return RgbImage.wrap(w, h, out);
    }

    /** @return sRGB {r, g, b} of one ink combination, each in [0, 1] */
    public float[] proof(float c, float m, float y, float k) {
        float[] out = new float[3];
        synchronized (this) {
            if (singleBackward == null) {
                singleBackward = newBackward();
            }
            singleBackward.apply(new float[] {c, m, y, k}, out, 1, 1);
        }
        return out;
    }

    /**
     * Separates a streamed RGB source and writes it as a CMYK TIFF with this profile embedded; memory
     * stays at one strip whatever the print size.
     *
     * @param options bit depth, compression and resolution; its ICC profile is replaced by this separation's
     */
    public void writeTiff(PixelSource rgb, TiffOptions options, Path file) throws IOException {
        ImageFiles.writeTiff(separate(rgb), options.withIccProfile(profile.bytes()), file);
    }

    /** The sampled separation, built on first use (about 36 000 colours through the ICC transform). */
    private SeparationTable table() {
        SeparationTable t = table;
        if (t == null) {
            synchronized (this) {
                t = table;
                if (t == null) {
                    t = new SeparationTable(newForward());
                    table = t;
                }
            }
        }
        return t;
    }

    private IccTransform newForward() {
        return new IccTransform(ICC_Profile.getInstance(ColorSpace.CS_sRGB), forward);
    }

    private IccTransform newBackward() {
        return new IccTransform(profile.profile(), ICC_Profile.getInstance(ColorSpace.CS_sRGB));
    }

    @Override
    public String toString() {
        return "CmykSeparation[" + profile.description() + ", " + intent + "]";
    }
}
