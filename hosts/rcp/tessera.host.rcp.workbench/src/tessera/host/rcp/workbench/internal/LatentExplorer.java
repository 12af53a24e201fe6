package tessera.host.rcp.workbench.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import tessera.api.design.DesignRequest;
import tessera.api.generate.GeneratorCapability;

/**
 * The Variations view's latent moves as design requests, in the GAN plugin's vocabulary (docs/gan.md,
 * "--option mode="): {@code interpolate} from one design to another, {@code ring} of variations around one,
 * {@code mix} of one's layout with another's style. Each end is the design's recorded code
 * ({@code code:<candidates[].latent>}, #11), so any design can be moved from, blends included; a record from before
 * codes were kept falls back to the design's seed. Each move is an ordinary pipeline job on the picked design's own
 * request (prompt, tile size, repeat), so its job record holds the options that make it again, exactly as
 * {@code tessera generate --option mode=…} does.
 */
final class LatentExplorer {
    /** How far a variation strays, the GAN's ring radii: 15, 35, 60 % of the code replaced by fresh noise. */
    static final String[] RADII = {"small", "medium", "large"};

    private LatentExplorer() {
    }

    /**
     * @param serving the generator serving the design's plugin id now: its version and capabilities
     * @return why no latent move can start from this design, for a tooltip; null when one can
     */
    static String whyNot(Variation v, Serving serving) {
        if (v == null) {
            return "Pick a design first: click a tile (Ctrl+click a second one to interpolate or mix).";
        }
        if (v.generator() == null) {
            return "This design came in as a file: it has no place in a generator's latent space.";
        }
        String id = v.generator().id();
        if (serving == null) {
            return "No " + id + " generator is installed now (see the Plugins view).";
        }
        if (!serving.capabilities().contains(GeneratorCapability.LATENT)) {
            return "The " + id + " generator has no latent space (its capabilities: " + String.join(", ",
                    serving.capabilities()) + "): interpolate, vary, mix and brand presets need one. Generate with the "
                    + "gan generator to explore.";
        }
        if (!serving.version().equals(v.generator().version())) {
            return v.label() + " was made by " + id + " " + v.generator().version() + "; " + serving.version()
                    + " serves now, and a latent space belongs to one model: generate again to explore.";
        }
        if (v.candidate().latent() == null && (!v.mode().equals("sample") || v.labels().containsKey("preset"))) {
            // a record written before codes were kept: only a sampled design is the code of its seed
            return v.label() + " is a blend (" + (v.labels().containsKey("preset") ? "preset " + v.labels()
                    .get("preset") : v.mode()) + ") whose job record keeps no code: generate it again to move from it.";
        }
        return null;
    }

    /**
     * @return why two picked designs cannot be interpolated or mixed, or null: the generator conditions a move
     *         on one family and palette and renders it at one tile size, the first design's, so the second must
     *         share them for its end of the move to be that design
     */
    static String whyNotTogether(Variation a, Variation b) {
        if (a.sameAs(b)) {
            return "Pick two different designs (Ctrl+click the second).";
        }
        if (!a.generator().equals(b.generator())) {
            return "The two designs come from different models (" + a.generator().version() + " and "
                    + b.generator().version() + "): a latent space belongs to one model.";
        }
        // with seeds the generator conditions the move on the request's family and palette; codes carry their own
        for (String label : handle(a).startsWith(CODE) && handle(b).startsWith(CODE) ? new String[0]
                : new String[] {"family", "palette"}) {
            if (!String.valueOf(a.labels().get(label)).equals(String.valueOf(b.labels().get(label)))) {
                return "The designs differ in " + label + " (" + a.labels().get(label) + ", " + b.labels().get(label)
                        + "): the generator conditions one move on one " + label + ".";
            }
        }
        DesignRequest x = a.request(), y = b.request();
        if (x.tileWidthOrDefault() != y.tileWidthOrDefault() || x.tileHeightOrDefault() != y.tileHeightOrDefault()
                || !x.repeatOrDefault().equals(y.repeatOrDefault())) {
            return "The designs were made at different tile sizes or repeats: their layouts (local noise) differ in shape.";
        }
        return null;
    }

    /**
     * A generator as a move would get it now.
     *
     * @param version      its plugin version (for a GAN, the model's)
     * @param capabilities e.g. prompt, latent, guidance
     */
    record Serving(String version, Set<String> capabilities) {
        static Serving of(Engine engine, Variation v) {
            if (v == null || v.generator() == null) {
                return null;
            }
            return engine.servingGenerator(v.generator().id())
                    .map(r -> new Serving(Engine.pluginVersion(r), Engine.capabilities(r))).orElse(null);
        }
    }

    /** @return a strip of {@code count} designs from {@code a} to {@code b}, both ends included */
    static DesignRequest interpolate(Variation a, Variation b, int count) {
        return move(a, count, "mode", "interpolate", "from", handle(a), "to", handle(b));
    }

    /** @return {@code count} variations around {@code a}: the GAN's ring, its nearest kin to "vary" */
    static DesignRequest vary(Variation a, String radius, int count) {
        return move(a, count, "mode", "ring", "around", handle(a), "radius", radius);
    }

    /**
     * @param style the design whose style (global code, wave phases) to take, or null for {@code count} fresh styles
     * @return the layout (local code) of {@code layout} with the style of {@code style}
     */
    static DesignRequest mix(Variation layout, Variation style, int count) {
        return style == null ? move(layout, count, "mode", "mix", "layout", handle(layout))
                : move(layout, 1, "mode", "mix", "layout", handle(layout), "style", handle(style));
    }

    /** The GAN's prefix for a recorded code where its options take a seed (docs/gan.md). */
    static final String CODE = "code:";

    /** @return the design as a move's end: its recorded code, else (an older record) its seed */
    static String handle(Variation v) {
        String latent = v.candidate().latent();
        return latent != null ? CODE + latent : Long.toString(v.seed());
    }

    /**
     * The design's own request with the move's options and a fresh seed (the pipeline chooses it and records it:
     * the ring and the fresh styles draw from it). Guidance stays as it was, so the ends of a strip are guided
     * as their designs were.
     */
    private static DesignRequest move(Variation from, int count, String... options) {
        DesignRequest r = from.request();
        Map<String, String> opt = new LinkedHashMap<>(r.options());
        for (String key : new String[] {"mode", "from", "to", "around", "radius", "layout", "style"}) {
            opt.remove(key);
        }
        for (int i = 0; i < options.length; i += 2) {
            opt.put(options[i], options[i + 1]);
        }
        String generator = r.generator() != null ? r.generator() : from.generator().id();
        return new DesignRequest(r.prompt(), generator, null, null, count, r.tileWidthPx(), r.tileHeightPx(), r.repeat(),
                r.tileWidthCm(), r.tileHeightCm(), r.dpi(), r.profile(), r.colours(), r.guidance(), opt);
    }
}
