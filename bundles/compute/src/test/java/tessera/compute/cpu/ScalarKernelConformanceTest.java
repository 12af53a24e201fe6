package tessera.compute.cpu;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import tessera.compute.ComputeDevice;
import tessera.compute.testing.ConvConformance;
import tessera.compute.testing.LinalgConformance;

/** The pure-Java GEMM path (no Vector API) on one thread, through the GEMM-heavy suites. */
class ScalarKernelConformanceTest {
    static final ComputeDevice SCALAR = CpuDevices.create(1, "scalar");

    @AfterAll
    static void close() throws Exception {
        ((AutoCloseable) SCALAR).close();
    }

    @Nested
    class Linalg extends LinalgConformance {
        @Override
        protected ComputeDevice device() {
            return SCALAR;
        }
    }

    @Nested
    class Conv extends ConvConformance {
        @Override
        protected ComputeDevice device() {
            return SCALAR;
        }
    }
}
