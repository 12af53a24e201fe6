package tessera.compute.cpu;

import tessera.compute.ComputeDevice;
import tessera.compute.testing.ResampleConformance;

class CpuResampleConformanceTest extends ResampleConformance {
    @Override
    protected ComputeDevice device() {
        return CpuDevices.shared();
    }
}
