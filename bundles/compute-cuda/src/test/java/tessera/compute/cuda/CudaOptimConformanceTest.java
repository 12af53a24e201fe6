package tessera.compute.cuda;

import org.junit.jupiter.api.BeforeAll;
import tessera.compute.ComputeDevice;
import tessera.compute.testing.OptimConformance;

/** #5: the shared optim conformance suite on the CUDA device; skipped with the reason where no GPU is usable. */
class CudaOptimConformanceTest extends OptimConformance {
    @BeforeAll
    static void needsGpu() {
        GpuTests.assumeGpu();
    }

    @Override
    protected ComputeDevice device() {
        return GpuTests.device();
    }
}
