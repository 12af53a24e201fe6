package tessera.api.design;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import tessera.api.Check;
import tessera.api.InvalidValueException;
import tessera.api.repeat.RepeatGeometry;

/**
 * What a customer or designer asks for. Every field but the prompt has a default, so
 * {@code {"prompt":"sage gingham, half-drop"}} is a complete request. Schema: {@code docs/schemas/design-request.md}.
 *
 * @param prompt        the description in the customer's words, at most 2000 characters; may be empty
 * @param generator     generator plugin id ({@code procedural}, {@code gan}, {@code diffusion}); null picks the best present
 * @param preset        brand preset id understood by the generator, or null
 * @param seed          random seed; null lets the pipeline choose one and record it
 * @param variations    number of candidates, 1..64
 * @param tileWidthPx   tile width in pixels as generated, 16..8192
 * @param tileHeightPx  tile height in pixels as generated, 16..8192
 * @param repeat        repeat geometry; null takes the prompt's repeat words, else block
 * @param tileWidthCm   physical width of one repeat in cm, 0.5..500
 * @param tileHeightCm  physical height of one repeat in cm, 0.5..500
 * @param dpi           print resolution of the exported production file in dots per inch, 10..2400
 * @param profile       production profile id, or null for no production checks beyond the seam
 * @param colours       wanted number of colours, 1..64, or null for the profile's limit
 * @param guidance      strength of constraint guidance during generation, 0..100 (0 = off)
 * @param options       generator-specific settings (e.g. {@code steps}), at most 32 entries
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DesignRequest(
        String prompt,
        String generator,
        String preset,
        Long seed,
        Integer variations,
        Integer tileWidthPx,
        Integer tileHeightPx,
        RepeatGeometry repeat,
        Double tileWidthCm,
        Double tileHeightCm,
        Double dpi,
        String profile,
        Integer colours,
        Double guidance,
        Map<String, String> options) {

    public static final int DEFAULT_TILE_PX = 256;
    public static final double DEFAULT_TILE_CM = 32;
    public static final double DEFAULT_DPI = 150;
    /** Largest print file in pixels: one repeat at the requested DPI (500 cm × 500 cm at 2400 DPI is far beyond). */
    public static final long MAX_PRINT_PIXELS = 20_000L * 20_000L;

    public DesignRequest {
        prompt = Check.text("prompt", prompt == null ? "" : prompt.strip(), 2000);
        Check.id("generator", generator);
        Check.id("preset", preset);
        Check.id("profile", profile);
        Check.rangeOrNull("variations", variations, 1, 64);
        Check.rangeOrNull("tileWidthPx", tileWidthPx, 16, 8192);
        Check.rangeOrNull("tileHeightPx", tileHeightPx, 16, 8192);
        Check.rangeOrNull("tileWidthCm", tileWidthCm, 0.5, 500);
        Check.rangeOrNull("tileHeightCm", tileHeightCm, 0.5, 500);
        Check.rangeOrNull("dpi", dpi, 10, 2400);
        Check.rangeOrNull("colours", colours, 1, 64);
        Check.rangeOrNull("guidance", guidance, 0, 100);
        options = options == null ? Map.of() : Map.copyOf(Check.size("options", options, 32));
        double wIn = widthCm(tileWidthCm) / 2.54, hIn = heightCm(tileWidthCm, tileHeightCm) / 2.54;
        double d = dpi == null ? DEFAULT_DPI : dpi;
        double printPixels = (wIn * d) * (hIn * d);
        if (printPixels > MAX_PRINT_PIXELS) {
            throw new InvalidValueException("dpi", String.format(java.util.Locale.ROOT,
                    "%.0f dpi over a %.1f × %.1f cm repeat makes %.2e pixels; at most %.1e: lower the DPI or the repeat size",
                    d, wIn * 2.54, hIn * 2.54, printPixels, (double) MAX_PRINT_PIXELS));
        }
    }

    /** A request with only a prompt; everything else defaults. */
    public static DesignRequest ofPrompt(String prompt) {
        return new DesignRequest(prompt, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    private static double widthCm(Double w) {
        return w == null ? DEFAULT_TILE_CM : w;
    }

    private static double heightCm(Double w, Double h) {
        return h != null ? h : widthCm(w);
    }

    public int variationsOrDefault() {
        return variations == null ? 1 : variations;
    }

    public int tileWidthOrDefault() {
        return tileWidthPx == null ? DEFAULT_TILE_PX : tileWidthPx;
    }

    public int tileHeightOrDefault() {
        return tileHeightPx != null ? tileHeightPx : tileWidthOrDefault();
    }

    public double tileWidthCmOrDefault() {
        return widthCm(tileWidthCm);
    }

    /** Height defaults to keep the tile's pixel aspect ratio. */
    public double tileHeightCmOrDefault() {
        return tileHeightCm != null ? tileHeightCm : widthCm(tileWidthCm) * tileHeightOrDefault() / tileWidthOrDefault();
    }

    public double dpiOrDefault() {
        return dpi == null ? DEFAULT_DPI : dpi;
    }

    /**
     * The repeat a job uses: the request's, else the repeat words of the prompt, else block. The one
     * statement of this rule; the pipeline resolves every job's repeat with it.
     *
     * @since 1.1
     */
    public RepeatGeometry repeatOrDefault() {
        return repeat != null ? repeat : RepeatGeometry.findIn(prompt).orElse(RepeatGeometry.BLOCK);
    }

    public double guidanceOrDefault() {
        return guidance == null ? 0 : guidance;
    }

    /** Copy with the given seed (the pipeline records the seed it chose). */
    public DesignRequest withSeed(long newSeed) {
        return new DesignRequest(prompt, generator, preset, newSeed, variations, tileWidthPx, tileHeightPx, repeat,
                tileWidthCm, tileHeightCm, dpi, profile, colours, guidance, options);
    }

    /** Copy with the given generator id. */
    public DesignRequest withGenerator(String id) {
        return new DesignRequest(prompt, id, preset, seed, variations, tileWidthPx, tileHeightPx, repeat,
                tileWidthCm, tileHeightCm, dpi, profile, colours, guidance, options);
    }

    /** Copy with the given tile size in pixels. */
    public DesignRequest withTileSize(int widthPx, int heightPx) {
        return new DesignRequest(prompt, generator, preset, seed, variations, widthPx, heightPx, repeat,
                tileWidthCm, tileHeightCm, dpi, profile, colours, guidance, options);
    }

    /** Copy with the given repeat. */
    public DesignRequest withRepeat(RepeatGeometry r) {
        return new DesignRequest(prompt, generator, preset, seed, variations, tileWidthPx, tileHeightPx, r,
                tileWidthCm, tileHeightCm, dpi, profile, colours, guidance, options);
    }
}
