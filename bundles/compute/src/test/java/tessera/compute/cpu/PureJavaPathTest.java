package tessera.compute.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tessera.compute.ComputeDevice;
import tessera.compute.Conv2dSpec;
import tessera.compute.Tensor;
import tessera.compute.TensorScope;
import tessera.compute.ops.Convolution;
import tessera.compute.ops.Linalg;

/** #4: without jdk.incubator.vector the CPU device still works, on the pure-Java kernel. */
class PureJavaPathTest {

    /** Runs in a JVM started without --add-modules jdk.incubator.vector. */
    public static void main(String[] args) {
        ComputeDevice cpu = CpuDevices.create(2, "auto");
        try (TensorScope s = TensorScope.open()) {
            Tensor a = Tensor.uniform(cpu, 1, -1, 1, 70, 90);
            Tensor b = Tensor.uniform(cpu, 2, -1, 1, 90, 50);
            float[] c = Linalg.matmul(a, b).toArray();
            float[] av = a.toArray();
            float[] bv = b.toArray();
            double ref = 0;
            for (int k = 0; k < 90; k++) {
                ref += av[5 * 90 + k] * bv[k * 50 + 7];
            }
            Tensor y = Convolution.conv2d(Tensor.ones(cpu, 1, 2, 5, 5), Tensor.ones(cpu, 3, 2, 3, 3), null,
                    Conv2dSpec.of(1, 1));
            System.out.println("kernel=" + cpu.description());
            System.out.println("capabilities=" + cpu.capabilities());
            System.out.println("matmul-ok=" + (Math.abs(c[5 * 50 + 7] - ref) < 1e-4));
            System.out.println("conv-centre=" + y.toArray()[12]);
        }
    }

    @Test
    void worksWithoutTheIncubatorModule() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                PureJavaPathTest.class.getName())).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(out).contains("GEMM scalar").contains("jdk.incubator.vector is not available")
                .contains("matmul-ok=true").contains("conv-centre=18.0").doesNotContain("vector-api");
    }
}
