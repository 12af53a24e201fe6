package tessera.host.server.internal;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/** A plugin service taken for one call and released after it, so a hot-swapped plugin serves the next call. */
final class PluginCall {
    private PluginCall() {
    }

    @FunctionalInterface
    interface Body<S> {
        Object apply(S service) throws Exception;
    }

    /**
     * @param missing what the caller reads (503) when no such service is active
     */
    static <S> Object with(BundleContext context, Class<S> type, String missing, Body<S> body) throws Exception {
        ServiceReference<S> ref = context.getServiceReference(type);
        S service = ref == null ? null : context.getService(ref);
        if (service == null) {
            throw new ApiError(503, missing + "; an admin can check GET /api/bundles");
        }
        try {
            return body.apply(service);
        } finally {
            context.ungetService(ref);
        }
    }
}
