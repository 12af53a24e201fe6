package tessera.compute;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.felix.framework.FrameworkFactory;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;

/**
 * Boots Felix with SCR and the built bundle, for {@link ComputeBundleIT}. Its {@link #main} runs
 * in a child JVM started without the Vector API and prints what the CPU device service reports.
 */
final class FelixHarness {
    private FelixHarness() {
    }

    static Framework start(Path storage, boolean exportVector, String preference) throws Exception {
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        if (exportVector) {
            config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, "jdk.incubator.vector");
        }
        config.put("tessera.compute.device", preference);
        Framework f = new FrameworkFactory().newFramework(config);
        f.start();
        BundleContext ctx = f.getBundleContext();
        List<Bundle> bundles = new ArrayList<>();
        try (Stream<Path> deps = Files.list(Path.of(System.getProperty("tessera.it.bundles")))) {
            for (Path p : deps.sorted().toList()) {
                bundles.add(ctx.installBundle(p.toUri().toString()));
            }
        }
        bundles.add(ctx.installBundle(new File(System.getProperty("tessera.it.bundle")).toURI().toString()));
        for (Bundle b : bundles) {
            b.start();
        }
        return f;
    }

    static Object await(BundleContext ctx, String clazz) throws Exception {
        for (int i = 0; i < 200; i++) {
            ServiceReference<?> r = ref(ctx, clazz);
            if (r != null) {
                return ctx.getService(r);
            }
            Thread.sleep(25);
        }
        StringBuilder states = new StringBuilder();
        for (Bundle b : ctx.getBundles()) {
            states.append("\n  ").append(b.getSymbolicName()).append(" state ").append(b.getState());
        }
        throw new AssertionError(clazz + " was not registered within 5 s; bundles:" + states);
    }

    /** All references, not only class-compatible ones: the test's class path has its own copy. */
    static ServiceReference<?> ref(BundleContext ctx, String clazz) throws Exception {
        ServiceReference<?>[] refs = ctx.getAllServiceReferences(clazz, null);
        return refs == null ? null : refs[0];
    }

    static Object call(Object target, String method) throws Exception {
        return target.getClass().getMethod(method).invoke(target);
    }

    /** args: storage directory. Prints the device's description, capabilities and the selection reason. */
    public static void main(String[] args) throws Exception {
        Framework f = start(Path.of(args[0]), false, "auto");
        try {
            BundleContext ctx = f.getBundleContext();
            Object device = await(ctx, "tessera.compute.ComputeDevice");
            System.out.println("vector-module=" + ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent());
            System.out.println("description=" + call(device, "description"));
            System.out.println("capabilities=" + call(device, "capabilities"));
            System.out.println("reason=" + call(await(ctx, "tessera.compute.DeviceSelector"), "reason"));
        } finally {
            f.stop();
            f.waitForStop(10_000);
        }
    }
}
