package tessera.pipeline.internal;

import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceObjects;
import org.osgi.framework.ServiceReference;

import tessera.api.ServiceProperties;
import tessera.api.job.ServiceUse;
import tessera.api.provenance.ModelCard;

/**
 * A service object held for the whole of one job (#2 hot swap: a job that began on v1 finishes on v1,
 * even if v1's bundle is updated meanwhile). Closing gives it back.
 */
final class HeldService<T> implements AutoCloseable {
    private final ServiceObjects<T> objects;
    private final T service;
    private final ServiceUse use;
    private final long bundleId;
    private final ModelCard card;
    private final ServiceReference<T> ref;

    private HeldService(ServiceReference<T> ref, ServiceObjects<T> objects, T service, ServiceUse use, long bundleId,
            ModelCard card) {
        this.ref = ref;
        this.objects = objects;
        this.service = service;
        this.use = use;
        this.bundleId = bundleId;
        this.card = card;
    }

    /** @return the held service, or null when it went away before it could be taken */
    static <T> HeldService<T> take(org.osgi.framework.BundleContext context, ServiceReference<T> ref, String role,
            ModelCard card) {
        // The version is read while the registration is live and checked live again after the service is
        // taken: a bundle updated in place keeps its Bundle object, whose version becomes the new one, so a
        // version read after an update had begun would name the wrong revision in the job record.
        Bundle b = ref.getBundle();
        if (b == null) {
            return null;
        }
        String version = pluginVersion(ref);
        ServiceObjects<T> so = context.getServiceObjects(ref);
        if (so == null) {
            return null;
        }
        T s = so.getService();
        if (s == null) {
            return null;
        }
        if (ref.getBundle() == null) { // unregistered meanwhile: the caller looks up the successor
            try {
                so.ungetService(s);
            } catch (IllegalStateException | IllegalArgumentException e) {
                // already gone with its bundle
            }
            return null;
        }
        return new HeldService<>(ref, so, s, new ServiceUse(role, pluginId(ref), version, b.getSymbolicName(),
                card == null ? null : card.id()), b.getBundleId(), card);
    }

    static String pluginId(ServiceReference<?> ref) {
        Object id = ref.getProperty(ServiceProperties.PLUGIN_ID);
        if (id != null) {
            return id.toString();
        }
        Bundle b = ref.getBundle();
        return b == null ? "unknown" : b.getSymbolicName();
    }

    /** The plugin's version: the explicit property, else the providing bundle's version. */
    static String pluginVersion(ServiceReference<?> ref) {
        Object v = ref.getProperty(ServiceProperties.PLUGIN_VERSION);
        if (v != null) {
            return v.toString();
        }
        Bundle b = ref.getBundle();
        return b == null ? "0.0.0" : b.getVersion().toString();
    }

    T service() {
        return service;
    }

    ServiceUse use() {
        return use;
    }

    /** @return true when the service declares this generator capability */
    boolean can(String capability) {
        return ServiceBroker.hasCapability(ref, capability);
    }

    /** @return the model card of a model-backed service, else null */
    ModelCard card() {
        return card;
    }

    long bundleId() {
        return bundleId;
    }

    @Override
    public void close() {
        try {
            objects.ungetService(service);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // the providing bundle is already gone (hot swap); nothing left to give back
        }
    }
}
