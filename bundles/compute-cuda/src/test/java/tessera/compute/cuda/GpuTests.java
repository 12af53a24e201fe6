package tessera.compute.cuda;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Map;
import tessera.compute.ComputeDevice;
import tessera.compute.cuda.internal.CudaDevice;

/**
 * The device the GPU tests share: GPU 0 with a check after every launch, so that a failing kernel
 * is reported at the op that launched it rather than at the next read.
 */
final class GpuTests {
    private static volatile ComputeDevice device;

    private GpuTests() {
    }

    static void assumeGpu() {
        assumeTrue(CudaDevices.available(), () -> "no CUDA GPU here (" + CudaDevices.status()
                + "); the CUDA conformance suites run on a machine with an NVIDIA GPU");
    }

    static synchronized ComputeDevice device() {
        if (device == null) {
            device = CudaDevices.open(0, Map.of(CudaDevice.SYNC, "true"));
        }
        return device;
    }
}
