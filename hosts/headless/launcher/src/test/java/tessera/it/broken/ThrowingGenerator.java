package tessera.it.broken;

import java.util.List;

import org.osgi.service.component.annotations.Component;

import tessera.api.design.DesignRequest;
import tessera.api.generate.Candidate;
import tessera.api.generate.GenerationContext;
import tessera.api.generate.Generator;

/** Test plugin: fails every call, as a plugin with corrupt weights would. */
@Component(service = Generator.class, property = "tessera.plugin.id=throws")
public final class ThrowingGenerator implements Generator {
    @Override
    public List<Candidate> generate(DesignRequest request, GenerationContext context) {
        throw new IllegalStateException("model weights are corrupt");
    }
}
