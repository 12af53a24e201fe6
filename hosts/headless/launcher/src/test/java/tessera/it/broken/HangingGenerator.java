package tessera.it.broken;

import java.util.List;

import org.osgi.service.component.annotations.Component;

import tessera.api.design.DesignRequest;
import tessera.api.generate.Candidate;
import tessera.api.generate.GenerationContext;
import tessera.api.generate.Generator;

/** Test plugin: never answers and ignores interrupts, as a deadlocked plugin would. */
@Component(service = Generator.class, property = "tessera.plugin.id=hangs")
public final class HangingGenerator implements Generator {
    @Override
    public List<Candidate> generate(DesignRequest request, GenerationContext context) {
        long until = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < until) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                // deliberately ignored: the host must cope with plugins that do not stop
            }
        }
        return List.of();
    }
}
