package tessera.host.rcp.workbench.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

import tessera.api.ServiceProperties;
import tessera.api.generate.Generator;
import tessera.api.profile.ProductionProfile;
import tessera.api.profile.ProfileCatalog;

/**
 * The engine's services as the workbench sees them: looked up per use in the OSGi registry, never cached,
 * so a plugin updated while the workbench runs serves the next job (the pipeline holds its own services
 * for the whole job).
 */
public final class Engine {
    private final BundleContext context;

    public Engine(BundleContext context) {
        this.context = context;
    }

    /** @return the engine of the framework this bundle runs in */
    public static Engine current() {
        var bundle = FrameworkUtil.getBundle(Engine.class);
        if (bundle == null || bundle.getBundleContext() == null) {
            throw new IllegalStateException("the workbench bundle is not active in an OSGi framework");
        }
        return new Engine(bundle.getBundleContext());
    }

    public BundleContext context() {
        return context;
    }

    /**
     * Waits, bounded, for a service: while a plugin is being updated its service is briefly absent
     * (BUILD-NOTES: a 20–50 ms gap), and a caller that gives up at once would fail a job for nothing.
     *
     * @throws IllegalStateException naming the service when none appears within {@code wait}
     */
    public <T> T await(Class<T> type, Duration wait) throws InterruptedException {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        try {
            T service = tracker.waitForService(Math.max(1, wait.toMillis()));
            if (service == null) {
                throw new IllegalStateException("no " + type.getSimpleName() + " service within " + wait.toSeconds()
                        + " s: is its bundle installed and active? See the Plugins view.");
            }
            return service;
        } finally {
            tracker.close();
        }
    }

    /** @return the plugin ids of the installed generators, sorted */
    public List<String> generatorIds() {
        TreeSet<String> ids = new TreeSet<>();
        try {
            for (ServiceReference<Generator> ref : context.getServiceReferences(Generator.class, null)) {
                if (ref.getProperty(ServiceProperties.PLUGIN_ID) instanceof String id) {
                    ids.add(id);
                }
            }
        } catch (InvalidSyntaxException e) {
            throw new AssertionError("a null filter is valid", e);
        }
        return List.copyOf(ids);
    }

    /** @return the production profiles every installed catalogue offers, in catalogue order */
    public List<ProductionProfile> profiles() {
        List<ProductionProfile> all = new ArrayList<>();
        try {
            for (ServiceReference<ProfileCatalog> ref : context.getServiceReferences(ProfileCatalog.class, null)) {
                ProfileCatalog catalog = context.getService(ref);
                if (catalog != null) {
                    try {
                        all.addAll(catalog.profiles());
                    } finally {
                        context.ungetService(ref);
                    }
                }
            }
        } catch (InvalidSyntaxException e) {
            throw new AssertionError("a null filter is valid", e);
        }
        return all;
    }
}
