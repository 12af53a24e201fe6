package tessera.it.swap;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Component;

import tessera.api.design.DesignRequest;
import tessera.api.generate.Candidate;
import tessera.api.generate.GenerationContext;
import tessera.api.generate.Generator;
import tessera.api.image.RgbImage;

/**
 * Test plugin for the hot-swap test, packaged by the test in several versions. Its tile is flat grey whose
 * level encodes the bundle's major version, and it takes a few ms, so jobs overlap updates.
 */
@Component(service = Generator.class, immediate = true, property = {"tessera.plugin.id=swapgen", "tessera.generator.capabilities=any-size"})
public final class SwapGenerator implements Generator {
    /*
     * Read once, when this revision activates: an in-flight job on the old revision must report the old major.
     * Read at generate time it would not, since an update in place changes the version of the same Bundle object.
     */
    private final int major = FrameworkUtil.getBundle(SwapGenerator.class).getVersion().getMajor();

    @Override
    public List<Candidate> generate(DesignRequest request, GenerationContext context) {
        try {
            Thread.sleep(3);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int w = request.tileWidthOrDefault(), h = request.tileHeightOrDefault();
        List<Candidate> out = new ArrayList<>();
        for (int i = 0; i < request.variationsOrDefault(); i++) {
            float[] p = new float[3 * w * h];
            java.util.Arrays.fill(p, major / 10f);
            out.add(new Candidate(i, context.seed() + i, RgbImage.wrap(w, h, p), Map.of("major", Integer.toString(major)), null));
        }
        return out;
    }
}
