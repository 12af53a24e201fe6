package tessera.compute.cpu;

import tessera.compute.ComputeDevice;
import tessera.compute.testing.ElementwiseConformance;

class CpuElementwiseConformanceTest extends ElementwiseConformance {
    @Override
    protected ComputeDevice device() {
        return CpuDevices.shared();
    }
}
