package tessera.compute.cpu;

import tessera.compute.ComputeDevice;
import tessera.compute.testing.ConvConformance;

class CpuConvConformanceTest extends ConvConformance {
    @Override
    protected ComputeDevice device() {
        return CpuDevices.shared();
    }
}
