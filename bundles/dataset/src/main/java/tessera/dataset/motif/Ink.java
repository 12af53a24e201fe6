package tessera.dataset.motif;

import java.util.Locale;

import tessera.api.Check;
import tessera.api.InvalidValueException;

/**
 * One colour of a palette, as a printer would name it.
 *
 * @param name colour name for captions, lower case, e.g. {@code "berry red"}
 * @param rgb  packed gamma-encoded sRGB, 0xRRGGBB
 */
public record Ink(String name, int rgb) {
    public Ink {
        Check.notNull("ink.name", name);
        if ((rgb & 0xff000000) != 0) {
            throw new InvalidValueException("ink.rgb", String.format(Locale.ROOT, "0x%x is not 0xRRGGBB", rgb));
        }
    }

    /** @param hex {@code "#RRGGBB"} or {@code "RRGGBB"} */
    public static Ink of(String name, String hex) {
        String h = hex.startsWith("#") ? hex.substring(1) : hex;
        if (!h.matches("[0-9a-fA-F]{6}")) {
            throw new InvalidValueException("ink.hex", "'" + hex + "' is not a colour; write #RRGGBB");
        }
        return new Ink(name, Integer.parseInt(h, 16));
    }

    /** @return {@code "#rrggbb"} */
    public String hex() {
        return String.format(Locale.ROOT, "#%06x", rgb);
    }

    /** @return red, green, blue in [0, 1], gamma-encoded */
    public float[] channels() {
        return new float[] {((rgb >> 16) & 0xff) / 255f, ((rgb >> 8) & 0xff) / 255f, (rgb & 0xff) / 255f};
    }

    /** @return relative luminance in [0, 1] (sRGB decoded, Rec. 709 weights) */
    public double luminance() {
        float[] c = channels();
        return 0.2126 * linear(c[0]) + 0.7152 * linear(c[1]) + 0.0722 * linear(c[2]);
    }

    private static double linear(double v) {
        return v <= 0.04045 ? v / 12.92 : StrictMath.pow((v + 0.055) / 1.055, 2.4);
    }
}
