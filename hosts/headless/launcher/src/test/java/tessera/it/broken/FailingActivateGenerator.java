package tessera.it.broken;

import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import tessera.api.design.DesignRequest;
import tessera.api.generate.Candidate;
import tessera.api.generate.GenerationContext;
import tessera.api.generate.Generator;

/** Test plugin: throws while activating, as a plugin missing its weights file would. */
@Component(service = Generator.class, property = "tessera.plugin.id=activate-fails", immediate = true)
public final class FailingActivateGenerator implements Generator {
    @Activate
    public FailingActivateGenerator() {
        throw new IllegalStateException("weights file gan.safetensors is missing from the bundle");
    }

    @Override
    public List<Candidate> generate(DesignRequest request, GenerationContext context) {
        return List.of();
    }
}
