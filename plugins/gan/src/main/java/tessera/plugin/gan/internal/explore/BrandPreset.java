package tessera.plugin.gan.internal.explore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import com.fasterxml.jackson.annotation.JsonInclude;

import tessera.api.image.RgbImage;
import tessera.api.json.InvalidJsonException;
import tessera.api.json.TesseraJson;
import tessera.plugin.gan.internal.model.GanSpec;
import tessera.plugin.gan.internal.model.LatentCode;
import tessera.plugin.gan.internal.model.PeriodicGenerator;

/**
 * A brand or persona preset (#8): a named region of the global latent space fitted from reference designs, e.g.
 * "Nordic Home SS27". The region is an axis-aligned box: the references' projected global codes' mean ± k·spread
 * per dimension. Sampling draws inside the box, so every design made with the preset stays within it. The local
 * code (layout) stays free, which is what makes the designs variations of one collection rather than copies.
 *
 * @param id         file name and request {@code preset}, lower-case
 * @param name       display name
 * @param model      model id and version the codes belong to (a preset does not transfer between models)
 * @param family     family index most references projected with (their label, or the model's "any")
 * @param palette    palette index, likewise
 * @param centre     mean global code
 * @param halfWidth  half the box's width per dimension (k · standard deviation, at least a floor)
 * @param references how many designs it was fitted from
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BrandPreset(String id, String name, String model, int family, int palette, float[] centre,
        float[] halfWidth, int references) {
    /** Spread in standard deviations the box spans each side: wide enough to vary, narrow enough to stay on brand. */
    static final double K = 1.5;
    /** Smallest half-width: one reference still gives a region to vary in. */
    static final double FLOOR = 0.15;

    /**
     * @param codes projected codes of the references (e.g. from {@link Projection})
     */
    public static BrandPreset fit(String id, String name, String model, GanSpec spec, List<LatentCode> codes) {
        if (codes.isEmpty()) {
            throw new IllegalArgumentException("a preset needs at least one reference design");
        }
        int d = spec.globalChannels();
        float[] mean = new float[d], half = new float[d];
        for (LatentCode c : codes) {
            for (int i = 0; i < d; i++) {
                mean[i] += c.global()[i] / codes.size();
            }
        }
        for (int i = 0; i < d; i++) {
            double v = 0;
            for (LatentCode c : codes) {
                v += (c.global()[i] - mean[i]) * (c.global()[i] - mean[i]);
            }
            half[i] = (float) Math.max(FLOOR, K * Math.sqrt(v / codes.size()));
        }
        return new BrandPreset(id, name, model, mode(codes, true, spec.anyFamily()), mode(codes, false, spec.anyPalette()),
                mean, half, codes.size());
    }

    private static int mode(List<LatentCode> codes, boolean family, int any) {
        int[] counts = new int[any + 1];
        for (LatentCode c : codes) {
            counts[family ? c.family() : c.palette()]++;
        }
        int best = any;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > counts[best]) {
                best = i;
            }
        }
        return best;
    }

    /** Fits from reference images by projecting each one. */
    public static BrandPreset fit(String id, String name, String model, PeriodicGenerator g, List<RgbImage> references,
            int family, int palette, int steps) {
        List<LatentCode> codes = new ArrayList<>();
        for (int i = 0; i < references.size(); i++) {
            codes.add(Projection.project(g, references.get(i), family, palette, steps, 31L * i + 1).code());
        }
        return fit(id, name, model, g.spec(), codes);
    }

    /** A code inside the region: a normal draw clipped to the box (so the tile is on brand by construction). */
    public LatentCode sample(GanSpec spec, long seed) {
        LatentCode base = LatentCode.sample(spec, seed, family, palette);
        SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
        float[] g = new float[centre.length];
        for (int i = 0; i < g.length; i++) {
            double u = 2 * r.nextDouble() - 1; // uniform in the box: every point of the region is as likely
            g[i] = (float) (centre[i] + u * halfWidth[i]);
        }
        return base.withGlobal(g);
    }

    /** @return true when a global code lies in the region */
    public boolean contains(float[] global) {
        for (int i = 0; i < centre.length; i++) {
            if (Math.abs(global[i] - centre[i]) > halfWidth[i] + 1e-6) {
                return false;
            }
        }
        return true;
    }

    public void save(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, TesseraJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(this));
    }

    public static BrandPreset load(Path file) throws IOException {
        try {
            return TesseraJson.read(file, BrandPreset.class);
        } catch (InvalidJsonException e) {
            throw new IOException("brand preset " + file + " is not valid: " + e.getMessage(), e);
        }
    }
}
