package tessera.host.rcp.workbench.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

import tessera.api.ServiceProperties;
import tessera.api.generate.Generator;
import tessera.api.json.InvalidJsonException;
import tessera.api.json.TesseraJson;
import tessera.api.profile.ProductionProfile;
import tessera.api.profile.ProfileCatalog;
import tessera.api.provenance.ModelCard;

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
        for (ServiceReference<Generator> ref : refs(Generator.class)) {
            if (ref.getProperty(ServiceProperties.PLUGIN_ID) instanceof String id) {
                ids.add(id);
            }
        }
        return List.copyOf(ids);
    }

    /**
     * @return the generator a job asking for {@code pluginId} would get now (the best ranked), if one is installed
     */
    public Optional<ServiceReference<Generator>> servingGenerator(String pluginId) {
        return servingRefs(Generator.class).stream().filter(r -> pluginId(r).equals(pluginId)).findFirst();
    }

    /**
     * @return the capabilities ({@code tessera.generator.capabilities}: prompt, latent, any-size …) a generator
     *         service registers
     */
    public static java.util.Set<String> capabilities(ServiceReference<Generator> ref) {
        Object caps = ref.getProperty(ServiceProperties.GENERATOR_CAPABILITIES);
        if (caps instanceof String[] a) {
            return java.util.Set.of(a);
        }
        return caps instanceof String s ? java.util.Set.of(s) : java.util.Set.of();
    }

    /**
     * The services of a type as a job would use them: one per plugin id, the best ranked (a plugin
     * deployed side by side serves from its newest copy), in plugin id order so lists stay stable.
     */
    public <T> List<ServiceReference<T>> servingRefs(Class<T> type) {
        Map<String, ServiceReference<T>> best = new LinkedHashMap<>();
        for (ServiceReference<T> ref : refs(type)) {
            best.merge(pluginId(ref), ref, (a, b) -> a.compareTo(b) >= 0 ? a : b);
        }
        return best.values().stream().sorted(Comparator.comparing(Engine::pluginId)).toList();
    }

    /** Calls one service and gives it back at once: the next call sees an updated plugin (#11, hot swap). */
    public <T, R> Optional<R> call(ServiceReference<T> ref, ServiceCall<T, R> call) throws Exception {
        T service = context.getService(ref);
        if (service == null) {
            return Optional.empty(); // unregistered meanwhile: the plugin is being updated or removed
        }
        try {
            return Optional.ofNullable(call.apply(service));
        } finally {
            context.ungetService(ref);
        }
    }

    /** One call on a service, with the checked exceptions plugin APIs declare. */
    @FunctionalInterface
    public interface ServiceCall<T, R> {
        R apply(T service) throws Exception;
    }

    /** @return the plugin id a service registers, or its bundle's name when it registers none */
    public static String pluginId(ServiceReference<?> ref) {
        return ref.getProperty(ServiceProperties.PLUGIN_ID) instanceof String id ? id
                : String.valueOf(ref.getBundle() == null ? "?" : ref.getBundle().getSymbolicName());
    }

    /** @return the plugin version a service registers, else its bundle's version */
    public static String pluginVersion(ServiceReference<?> ref) {
        Object v = ref.getProperty(ServiceProperties.PLUGIN_VERSION);
        return v != null ? v.toString() : ref.getBundle() == null ? "?" : ref.getBundle().getVersion().toString();
    }

    /**
     * Reads the model card a model-backed service names ({@code tessera.model.card}, a resource of its
     * bundle), as the pipeline does.
     *
     * @return the card, or empty when the service names none
     * @throws IOException naming the bundle and path when the card cannot be read or is invalid
     */
    public static Optional<ModelCard> modelCard(ServiceReference<?> ref) throws IOException {
        Object path = ref.getProperty(ServiceProperties.MODEL_CARD);
        if (path == null || ref.getBundle() == null) {
            return Optional.empty();
        }
        URL url = ref.getBundle().getEntry(path.toString());
        if (url == null) {
            throw new IOException(ref.getBundle().getSymbolicName() + " names model card " + path + ", which it does not contain");
        }
        try (InputStream in = url.openStream()) {
            return Optional.of(TesseraJson.read(in, ModelCard.class));
        } catch (InvalidJsonException e) {
            throw new IOException("model card " + path + " of " + ref.getBundle().getSymbolicName() + ": " + e.getMessage(), e);
        }
    }

    /** @return the named profile from the first catalogue that has it */
    public Optional<ProductionProfile> profile(String id) {
        return id == null ? Optional.empty() : profiles().stream().filter(p -> p.id().equals(id)).findFirst();
    }

    private <T> List<ServiceReference<T>> refs(Class<T> type) {
        try {
            return List.copyOf(context.getServiceReferences(type, null));
        } catch (InvalidSyntaxException e) {
            throw new AssertionError("a null filter is valid", e);
        }
    }

    /** @return the production profiles every installed catalogue offers, in catalogue order */
    public List<ProductionProfile> profiles() {
        List<ProductionProfile> all = new ArrayList<>();
        for (ServiceReference<ProfileCatalog> ref : refs(ProfileCatalog.class)) {
            ProfileCatalog catalog = context.getService(ref);
            if (catalog != null) {
                try {
                    all.addAll(catalog.profiles());
                } finally {
                    context.ungetService(ref);
                }
            }
        }
        return all;
    }
}
