package tessera.host.headless.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleRequirement;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

import tessera.api.ServiceProperties;
import tessera.pipeline.PluginIncident;

/**
 * Bundles with their state and, for broken ones, the reason: missing packages for bundles that do not
 * resolve, component failures from SCR, and recent incidents from the pipeline (#2 containment).
 */
final class BundleStates {
    private final Engine engine;

    BundleStates(Engine engine) {
        this.engine = engine;
    }

    List<BundleInfo> list() {
        List<BundleInfo> out = new ArrayList<>();
        for (Bundle b : engine.context().getBundles()) {
            out.add(info(b));
        }
        return out;
    }

    BundleInfo info(Bundle b) {
        List<String> problems = new ArrayList<>();
        if (b.getState() == Bundle.INSTALLED) {
            problems.addAll(missingRequirements(b));
        }
        problems.addAll(componentFailures(b));
        for (PluginIncident i : engine.incidents().recent()) {
            if (i.bundleId() == b.getBundleId() && problems.size() < 8) {
                problems.add(i.at() + " " + i.message());
            }
        }
        return new BundleInfo(b.getBundleId(), b.getSymbolicName(), b.getVersion().toString(), state(b), origin(b),
                plugins(b), problems);
    }

    private List<String> missingRequirements(Bundle b) {
        FrameworkWiring wiring = engine.context().getBundle(0).adapt(FrameworkWiring.class);
        wiring.resolveBundles(List.of(b)); // try once more: the missing provider may have arrived
        if (b.getState() != Bundle.INSTALLED) {
            return List.of();
        }
        BundleRevision rev = b.adapt(BundleRevision.class);
        List<String> missing = new ArrayList<>();
        if (rev == null) {
            return List.of("not resolved");
        }
        for (BundleRequirement req : rev.getDeclaredRequirements(null)) {
            String resolution = req.getDirectives().get("resolution");
            if ("optional".equals(resolution)) {
                continue;
            }
            Collection<?> providers = wiring.findProviders(req);
            if (providers.isEmpty()) {
                String filter = req.getDirectives().getOrDefault("filter", "");
                String what = PackageNamespace.PACKAGE_NAMESPACE.equals(req.getNamespace()) ? "package" : req.getNamespace();
                missing.add("does not resolve: no bundle provides the " + what + " it needs " + filter
                        + "; install the bundle that provides it, or remove this one");
            }
        }
        if (missing.isEmpty()) {
            missing.add("does not resolve (a dependency of it does not resolve)");
        }
        return missing;
    }

    private List<String> componentFailures(Bundle b) {
        List<String> out = new ArrayList<>();
        if (engine.scr() == null || b.getState() != Bundle.ACTIVE) {
            return out;
        }
        for (ComponentDescriptionDTO d : engine.scr().getComponentDescriptionDTOs(b)) {
            for (ComponentConfigurationDTO c : engine.scr().getComponentConfigurationDTOs(d)) {
                if (c.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
                    out.add("component " + d.name + " failed to activate: " + rootCause(c.failure));
                } else if (c.state == ComponentConfigurationDTO.UNSATISFIED_REFERENCE) {
                    out.add("component " + d.name + " waits for a service it needs ("
                            + c.unsatisfiedReferences.length + " unsatisfied reference(s): "
                            + java.util.Arrays.stream(c.unsatisfiedReferences).map(r -> r.name).toList() + ")");
                }
            }
        }
        return out;
    }

    private static List<String> plugins(Bundle b) {
        TreeSet<String> ids = new TreeSet<>();
        ServiceReference<?>[] refs = b.getRegisteredServices();
        if (refs != null) {
            for (ServiceReference<?> r : refs) {
                Object id = r.getProperty(ServiceProperties.PLUGIN_ID);
                if (id != null) {
                    ids.add(id.toString());
                }
            }
        }
        return List.copyOf(ids);
    }

    String origin(Bundle b) {
        String loc = b.getLocation();
        if (b.getBundleId() == 0) {
            return "framework";
        }
        if (loc.contains(engine.hotFolder().toAbsolutePath().normalize().toString())) {
            return "hot";
        }
        return loc.contains("/bundles/") ? "core" : "other";
    }

    static String state(Bundle b) {
        return switch (b.getState()) {
            case Bundle.INSTALLED -> "installed";
            case Bundle.RESOLVED -> "resolved";
            case Bundle.STARTING -> "starting";
            case Bundle.STOPPING -> "stopping";
            case Bundle.ACTIVE -> "active";
            default -> "uninstalled";
        };
    }

    /** SCR gives a whole stack trace; the user needs its innermost cause. */
    static String rootCause(String trace) {
        if (trace == null) {
            return "unknown reason";
        }
        String cause = trace.lines().filter(l -> l.startsWith("Caused by: ")).reduce((a, b) -> b)
                .map(l -> l.substring("Caused by: ".length())).orElse(trace);
        return firstLine(cause);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unknown reason";
        }
        String line = s.lines().findFirst().orElse(s);
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
