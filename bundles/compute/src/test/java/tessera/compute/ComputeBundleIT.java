package tessera.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static tessera.compute.FelixHarness.await;
import static tessera.compute.FelixHarness.call;
import static tessera.compute.FelixHarness.ref;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;

/**
 * The built bundle in a real Felix with SCR: on this JVM (with the Vector API) the CPU device
 * registers through DS with its ranking and properties, uses the vector GEMM, and the selector
 * picks it with a reason; on a child JVM without the module the bundle still resolves (optional
 * import) and runs the pure-Java kernel. Services are called reflectively: the bundle's classes
 * are not the test's classes.
 */
class ComputeBundleIT {
    @TempDir
    Path storage;

    @Test
    void cpuDeviceRegistersAndIsSelectedWithTheVectorApi() throws Exception {
        Framework f = FelixHarness.start(storage, true, "cuda");
        try {
            BundleContext ctx = f.getBundleContext();
            Object device = await(ctx, "tessera.compute.ComputeDevice");
            ServiceReference<?> r = ref(ctx, "tessera.compute.ComputeDevice");
            assertThat(r.getProperty("tessera.compute.device.kind")).isEqualTo("cpu");
            assertThat(r.getProperty(Constants.SERVICE_RANKING)).isEqualTo(0);
            assertThat((String) call(device, "description")).contains("vector-");
            Object selector = await(ctx, "tessera.compute.DeviceSelector");
            assertThat(call(call(selector, "device"), "id")).isEqualTo("cpu");
            assertThat((String) call(selector, "reason")).contains("tessera.compute.device=cuda")
                    .contains("no such device").contains("using cpu");
        } finally {
            f.stop();
            f.waitForStop(10_000);
        }
    }

    @Test
    void resolvesAndRunsOnThePureJavaKernelWithoutTheVectorApi() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(List.of(java, "-Xmx512m",
                "-Dtessera.it.bundle=" + System.getProperty("tessera.it.bundle"),
                "-Dtessera.it.bundles=" + System.getProperty("tessera.it.bundles"),
                "-cp", System.getProperty("java.class.path"), FelixHarness.class.getName(),
                storage.resolve("child").toString())).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(out).contains("vector-module=false").contains("GEMM scalar")
                .contains("auto: cpu has the highest ranking").doesNotContain("vector-api");
    }
}
