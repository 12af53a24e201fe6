package tessera.compute.cuda;

import org.junit.jupiter.api.BeforeAll;
import tessera.compute.ComputeDevice;
import tessera.compute.testing.MemoryConformance;

/** #5: the shared memory conformance suite on the CUDA device; skipped with the reason where no GPU is usable. */
class CudaMemoryConformanceTest extends MemoryConformance {
    @BeforeAll
    static void needsGpu() {
        GpuTests.assumeGpu();
    }

    @Override
    protected ComputeDevice device() {
        return GpuTests.device();
    }
}
