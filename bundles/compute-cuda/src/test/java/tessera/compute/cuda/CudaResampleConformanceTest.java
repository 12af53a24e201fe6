package tessera.compute.cuda;

import org.junit.jupiter.api.BeforeAll;
import tessera.compute.ComputeDevice;
import tessera.compute.testing.ResampleConformance;

/** #5: the shared resample conformance suite on the CUDA device; skipped with the reason where no GPU is usable. */
class CudaResampleConformanceTest extends ResampleConformance {
    @BeforeAll
    static void needsGpu() {
        GpuTests.assumeGpu();
    }

    @Override
    protected ComputeDevice device() {
        return GpuTests.device();
    }
}
