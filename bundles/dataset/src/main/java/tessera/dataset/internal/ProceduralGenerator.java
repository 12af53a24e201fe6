package tessera.dataset.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.osgi.service.component.annotations.Component;

import tessera.api.ServiceProperties;
import tessera.api.design.DesignRequest;
import tessera.api.generate.Candidate;
import tessera.api.generate.GenerationContext;
import tessera.api.generate.GenerationException;
import tessera.api.generate.Generator;
import tessera.api.generate.GeneratorCapability;
import tessera.dataset.motif.Motif;
import tessera.dataset.motif.MotifSpec;
import tessera.dataset.motif.MotifSynthesizer;
import tessera.dataset.motif.PaletteBook;
import tessera.dataset.motif.PromptReader;
import tessera.dataset.motif.PromptWords;
import tessera.dataset.motif.internal.Rng;

/**
 * The procedural generator: reads the prompt's motif, palette, density, scale and colour words and
 * synthesizes each candidate from a seed derived from the job's seed and the candidate's index.
 * Needs no model and no GPU, so it is always there (DESIGN.md: generators, CPU fallback).
 *
 * <p>Candidate i's {@link Candidate#seed()} is its motif seed: {@code PromptReader.read(prompt, seed)}
 * with the job's repeat reproduces the tile exactly.
 */
// ranked above the model generators (0) so it serves jobs naming no generator: any size, seconds, no
// model; a deployment changes that with tessera.generator.default, not by renumbering plugins
@Component(service = Generator.class, property = {
    ServiceProperties.PLUGIN_ID + "=procedural",
    "service.ranking:Integer=10",
    ServiceProperties.GENERATOR_CAPABILITIES + "=" + GeneratorCapability.PROMPT,
    ServiceProperties.GENERATOR_CAPABILITIES + "=" + GeneratorCapability.ANY_SIZE})
public final class ProceduralGenerator implements Generator {
    /** The generator id, also the value of the candidates' {@code generator} label. */
    public static final String ID = "procedural";

    /**
     * @return the candidates made; fewer than asked only when the job was cancelled part way, in
     *         which case the pipeline discards them anyway
     */
    @Override
    public List<Candidate> generate(DesignRequest request, GenerationContext context) throws GenerationException {
        int count = request.variationsOrDefault();
        int width = request.tileWidthOrDefault();
        int height = request.tileHeightOrDefault();
        PromptWords words = withRequestSettings(PromptReader.words(request.prompt()), request);
        List<Candidate> out = new ArrayList<>(count);
        context.progress(0, "reading the prompt: " + (words.matched().isEmpty() ? "no motif words, the seed decides"
                : String.join(", ", words.matched())));
        for (int i = 0; i < count; i++) {
            if (context.cancelled()) {
                return out;
            }
            long seed = Rng.derive(context.seed(), i);
            MotifSpec spec = MotifSpec.sample(seed, words).withRepeat(context.repeat());
            Motif motif;
            try {
                motif = MotifSynthesizer.render(spec, width, height);
            } catch (IllegalArgumentException e) {
                throw new GenerationException("The procedural generator cannot draw " + width + "×" + height
                        + " px tiles: " + e.getMessage(), e);
            }
            Map<String, String> labels = new TreeMap<>(motif.labels());
            labels.put("generator", ID);
            labels.put("prompt_words", String.join(", ", words.matched()));
            out.add(new Candidate(i, seed, motif.image(), labels, null));
            context.progress((i + 1) / (double) count, "candidate " + (i + 1) + " of " + count + ": " + motif.caption());
        }
        return out;
    }

    /** The request's own fields beat the prompt: a preset naming a palette, an explicit colour count. */
    private static PromptWords withRequestSettings(PromptWords w, DesignRequest request) {
        var palette = w.palette();
        if (request.preset() != null && PaletteBook.all().stream().anyMatch(p -> p.id().equals(request.preset()))) {
            palette = PaletteBook.byId(request.preset());
        }
        Integer colours = request.colours() != null ? request.colours() : w.colours();
        return new PromptWords(w.family(), palette, w.repeat(), w.density(), w.scale(), w.rotation(), colours, w.matched());
    }
}
