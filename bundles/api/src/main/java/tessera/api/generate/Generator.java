package tessera.api.generate;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

import tessera.api.design.DesignRequest;

/**
 * Makes candidate tiles for a design request. Registered as an OSGi service with
 * {@code tessera.plugin.id} and {@code tessera.generator.capabilities}; a model-backed generator also
 * names its model card ({@code tessera.model.card}).
 */
@ConsumerType
public interface Generator {
    /**
     * @param request what was asked; sizes, seed and repeat are resolved in {@code context}
     * @param context the job's seed, repeat, profile, progress and cancellation
     * @return {@code request.variationsOrDefault()} candidates of the requested tile size
     * @throws GenerationException when the request cannot be served; the message tells the user why
     */
    List<Candidate> generate(DesignRequest request, GenerationContext context) throws GenerationException;
}
