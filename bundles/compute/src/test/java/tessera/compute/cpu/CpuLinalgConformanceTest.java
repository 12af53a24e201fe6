package tessera.compute.cpu;

import tessera.compute.ComputeDevice;
import tessera.compute.testing.LinalgConformance;

class CpuLinalgConformanceTest extends LinalgConformance {
    @Override
    protected ComputeDevice device() {
        return CpuDevices.shared();
    }
}
