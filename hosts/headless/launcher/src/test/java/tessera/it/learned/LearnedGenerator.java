package tessera.it.learned;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;

import tessera.api.design.DesignRequest;
import tessera.api.generate.Candidate;
import tessera.api.generate.GenerationContext;
import tessera.api.generate.Generator;
import tessera.api.image.RgbImage;

/**
 * Test plugin standing for a learned model: it names a model card (packaged by the test) whose
 * training manifest no provenance checker knows, so strict mode must refuse it (#7).
 */
@Component(service = Generator.class, property = {"tessera.plugin.id=learned", "tessera.model.card=model-card.json",
    "tessera.generator.capabilities=any-size"})
public final class LearnedGenerator implements Generator {
    @Override
    public List<Candidate> generate(DesignRequest request, GenerationContext context) {
        int w = request.tileWidthOrDefault(), h = request.tileHeightOrDefault();
        List<Candidate> out = new ArrayList<>();
        for (int i = 0; i < request.variationsOrDefault(); i++) {
            float[] p = new float[3 * w * h];
            for (int k = 0; k < p.length; k++) {
                p[k] = ((k * 31 + i) % 97) / 97f;
            }
            out.add(new Candidate(i, context.seed() + i, RgbImage.wrap(w, h, p), Map.of(), null));
        }
        return out;
    }
}
