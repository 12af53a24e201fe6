package tessera.compute.cuda;

import org.junit.jupiter.api.BeforeAll;
import tessera.compute.ComputeDevice;
import tessera.compute.testing.LinalgConformance;

/** #5: the shared linalg conformance suite on the CUDA device; skipped with the reason where no GPU is usable. */
class CudaLinalgConformanceTest extends LinalgConformance {
    @BeforeAll
    static void needsGpu() {
        GpuTests.assumeGpu();
    }

    @Override
    protected ComputeDevice device() {
        return GpuTests.device();
    }
}
