package tessera.plugin.constraints.internal;

import java.io.IOException;
import java.util.Map;

import tessera.api.image.RgbImage;
import tessera.api.json.InvalidJsonException;
import tessera.api.pattern.Pattern;
import tessera.api.profile.InkjetSpec;
import tessera.api.profile.ProductionProfile;
import tessera.api.repeat.RepeatGeometry;
import tessera.plugin.constraints.internal.profile.ShippedProfiles;

/** Synthetic designs and shipped profiles for the solver tests. */
public final class Designs {
    /** Twelve colours far apart in CIELAB (ΔE2000 well above the merge distance). */
    public static final int[] TWELVE = {0xd62828, 0x2a9d3f, 0x1d3fbb, 0xf6d32d, 0x2ec4c4, 0xc23fbf, 0x111111, 0xfafafa,
        0xf77f00, 0x6a2c91, 0x7a4a1e, 0x8c8c8c};

    /** Pixel value of channel c at (x, y), in [0, 1]. */
    public interface Paint {
        double at(int c, int x, int y);
    }

    private Designs() {
    }

    /** @return the line with its {@code inkjet.iccProfile} replaced */
    public static ProductionProfile withIcc(ProductionProfile p, String icc) {
        InkjetSpec i = p.inkjet();
        return new ProductionProfile(p.id(), p.name(), p.process(), p.repeat(), p.minDpi(), p.maxColours(), p.minFeatureMm(),
                p.registrationToleranceMm(), p.colourToleranceDe(), p.screen(), new InkjetSpec(i.inks(), icc, i.maxCoveragePercent()),
                p.weave());
    }

    public static RgbImage of(int w, int h, Paint paint) {
        float[] p = new float[3 * w * h];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    p[(c * h + y) * w + x] = (float) Math.clamp(paint.at(c, x, y), 0, 1);
                }
            }
        }
        return RgbImage.wrap(w, h, p);
    }

    /** Smooth artwork periodic in the tile: seamless as a block repeat. */
    public static RgbImage blockSeamless(int w, int h) {
        return of(w, h, (c, x, y) -> 0.5 + 0.35 * Math.sin(2 * Math.PI * (x / (double) w + c / 3.0))
                * Math.cos(2 * Math.PI * (y / (double) h - c / 5.0)));
    }

    /**
     * Smooth artwork invariant under (w, h/2) and (0, h): seamless as a half drop, and in opposite phase
     * at the side edges as a block.
     */
    public static RgbImage halfDropSeamless(int w, int h) {
        return of(w, h, (c, x, y) -> 0.5 + 0.35 * Math.cos(2 * Math.PI * (x / (2.0 * w) + y / (double) h) + c));
    }

    /** A linear ramp: its opposite edges differ by the whole ramp, a seam anyone sees. */
    public static RgbImage ramp(int w, int h) {
        return of(w, h, (c, x, y) -> c == 0 ? x / (w - 1.0) : c == 1 ? y / (h - 1.0) : 0.4);
    }

    /** Vertical bands of the given colours, equal widths, hard edges. */
    public static RgbImage bands(int w, int h, int... colours) {
        return of(w, h, (c, x, y) -> channel(colours[x * colours.length / w], c));
    }

    /** Discs of colour 2 and 3 on ground 1 with one-pixel anti-aliased edges, as drawing programs make them. */
    public static RgbImage antiAliasedDiscs(int size, int ground, int disc1, int disc2) {
        double r = size / 6.0;
        return of(size, size, (c, x, y) -> {
            double d1 = Math.hypot(x + 0.5 - size / 4.0, y + 0.5 - size / 4.0) - r;
            double d2 = Math.hypot(x + 0.5 - 3 * size / 4.0, y + 0.5 - 3 * size / 4.0) - r;
            double a1 = Math.clamp(0.5 - d1, 0, 1);
            double a2 = Math.clamp(0.5 - d2, 0, 1);
            double g = channel(ground, c);
            return g + a1 * (channel(disc1, c) - g) + a2 * (channel(disc2, c) - g);
        });
    }

    public static double channel(int rgb, int c) {
        return ((rgb >> (16 - 8 * c)) & 0xff) / 255.0;
    }

    public static Pattern pattern(RgbImage tile, RepeatGeometry repeat, double widthCm, double heightCm) {
        return new Pattern(tile, repeat, widthCm, heightCm, Map.of());
    }

    /** @return the profile with another colour limit */
    public static ProductionProfile withMaxColours(ProductionProfile p, int n) {
        return new ProductionProfile(p.id(), p.name(), p.process(), p.repeat(), p.minDpi(), n, p.minFeatureMm(),
                p.registrationToleranceMm(), p.colourToleranceDe(), p.screen(), p.inkjet(), p.weave());
    }

    /** @return the shipped profile with this id */
    public static ProductionProfile profile(String id) {
        try {
            return ShippedProfiles.load().stream().filter(p -> p.id().equals(id)).findFirst()
                    .orElseThrow(() -> new AssertionError("no shipped profile " + id));
        } catch (IOException | InvalidJsonException e) {
            throw new AssertionError(e);
        }
    }
}
