package tessera.compute.cuda;

import org.junit.jupiter.api.BeforeAll;
import tessera.compute.ComputeDevice;
import tessera.compute.testing.ConvConformance;

/** #5: the shared conv conformance suite on the CUDA device; skipped with the reason where no GPU is usable. */
class CudaConvConformanceTest extends ConvConformance {
    @BeforeAll
    static void needsGpu() {
        GpuTests.assumeGpu();
    }

    @Override
    protected ComputeDevice device() {
        return GpuTests.device();
    }
}
