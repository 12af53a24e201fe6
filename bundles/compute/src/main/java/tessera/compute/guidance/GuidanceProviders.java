package tessera.compute.guidance;

import java.util.ArrayList;
import java.util.List;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * How a generator gathers the penalties for one job: every {@link GuidanceProvider} present is asked for the target
 * line and released again, so a constraint plugin that is updated between jobs is never held by a generator.
 *
 * @since 1.1
 */
public final class GuidanceProviders {
    private GuidanceProviders() {
    }

    /** @return every provider's penalties for the target, in service order; empty when none knows the line */
    public static List<GuidancePenalty> collect(BundleContext context, GuidanceTarget target) {
        List<GuidancePenalty> out = new ArrayList<>();
        try {
            for (ServiceReference<GuidanceProvider> ref : context.getServiceReferences(GuidanceProvider.class, null)) {
                GuidanceProvider p = context.getService(ref);
                if (p != null) {
                    try {
                        out.addAll(p.penalties(target));
                    } finally {
                        context.ungetService(ref);
                    }
                }
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("a null filter cannot be invalid", e);
        }
        return out;
    }
}
