package tessera.pipeline.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;

import tessera.api.ServiceProperties;

/**
 * Finds plugin services by type and plugin id, and waits (bounded) for one that is momentarily absent,
 * e.g. while its bundle is being updated in place (#2: 20–50 ms with no service).
 */
final class ServiceBroker {
    /** Poll step while waiting; service events could wake us sooner, but a bounded poll is simpler and cheap. */
    private static final long POLL_MS = 5;
    private final BundleContext context;

    ServiceBroker(BundleContext context) {
        this.context = context;
    }

    /** Best service of the type now: highest plugin version, then ranking, then oldest. */
    <T> Optional<ServiceReference<T>> best(Class<T> type, String pluginId) {
        return all(type, pluginId).stream().findFirst();
    }

    /** Services of the type, best first; with a plugin id, only that plugin's. */
    <T> List<ServiceReference<T>> all(Class<T> type, String pluginId) {
        String filter = pluginId == null ? null : "(" + ServiceProperties.PLUGIN_ID + "=" + escape(pluginId) + ")";
        Collection<ServiceReference<T>> refs;
        try {
            refs = context.getServiceReferences(type, filter);
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("plugin id '" + pluginId + "' cannot be looked up", e);
        } catch (IllegalStateException e) {
            return List.of(); // the pipeline bundle is stopping
        }
        List<ServiceReference<T>> list = new ArrayList<>(refs);
        list.sort(BEST_FIRST);
        return list;
    }

    /** Waits up to {@code wait} for a service; empty when none came. */
    <T> Optional<ServiceReference<T>> await(Class<T> type, String pluginId, Duration wait) throws InterruptedException {
        return poll(() -> best(type, pluginId), wait);
    }

    /** Asks {@code find} until it answers or {@code wait} has passed. */
    private static <T> Optional<ServiceReference<T>> poll(java.util.function.Supplier<Optional<ServiceReference<T>>> find,
            Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            Optional<ServiceReference<T>> ref = find.get();
            if (ref.isPresent() || System.nanoTime() >= deadline) {
                return ref;
            }
            Thread.sleep(POLL_MS);
        }
    }

    /**
     * The service that serves when nothing names a plugin: the best of the plugin with the highest
     * {@code service.ranking}, ties broken by plugin id. Versions order one plugin's side-by-side
     * deployments only; comparing them across plugins would let numbering decide which generator a
     * customer gets.
     */
    <T> Optional<ServiceReference<T>> awaitDefault(Class<T> type, Duration wait) throws InterruptedException {
        return poll(() -> all(type, null).stream().sorted(PLUGIN_DEFAULT_FIRST).findFirst(), wait);
    }

    /** Plugin ids of the services of a type now, for error messages. */
    <T> List<String> ids(Class<T> type) {
        return all(type, null).stream().map(HeldService::pluginId).distinct().sorted().toList();
    }

    static final Comparator<ServiceReference<?>> BEST_FIRST = Comparator
            .comparing((ServiceReference<?> r) -> version(r)).reversed()
            .thenComparing(Comparator.comparingInt((ServiceReference<?> r) -> ranking(r)).reversed())
            .thenComparingLong(r -> (Long) r.getProperty(Constants.SERVICE_ID));

    /** Across plugins: ranking, then plugin id; within one plugin, {@link #BEST_FIRST}. */
    static final Comparator<ServiceReference<?>> PLUGIN_DEFAULT_FIRST = Comparator
            .comparingInt((ServiceReference<?> r) -> ranking(r)).reversed()
            .thenComparing((ServiceReference<?> r) -> String.valueOf(HeldService.pluginId(r)))
            .thenComparing(BEST_FIRST);

    static Version version(ServiceReference<?> ref) {
        try {
            return Version.parseVersion(HeldService.pluginVersion(ref));
        } catch (IllegalArgumentException e) {
            return Version.emptyVersion;
        }
    }

    static int ranking(ServiceReference<?> ref) {
        return ref.getProperty(Constants.SERVICE_RANKING) instanceof Integer i ? i : 0;
    }

    static boolean hasCapability(ServiceReference<?> ref, String capability) {
        Object caps = ref.getProperty(ServiceProperties.GENERATOR_CAPABILITIES);
        if (caps instanceof String[] a) {
            return Arrays.asList(a).contains(capability);
        }
        if (caps instanceof Collection<?> c) {
            return c.contains(capability);
        }
        return capability.equals(caps);
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").replace("*", "\\*");
    }
}
