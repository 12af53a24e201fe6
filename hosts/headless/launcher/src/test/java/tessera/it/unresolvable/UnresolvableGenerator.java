package tessera.it.unresolvable;

import java.util.List;

import org.osgi.service.component.annotations.Component;

import tessera.api.design.DesignRequest;
import tessera.api.generate.Candidate;
import tessera.api.generate.GenerationContext;
import tessera.api.generate.Generator;

/** Test plugin: packaged with an import nobody exports, so it never resolves. */
@Component(service = Generator.class, property = "tessera.plugin.id=unresolvable")
public final class UnresolvableGenerator implements Generator {
    @Override
    public List<Candidate> generate(DesignRequest request, GenerationContext context) {
        return List.of();
    }
}
