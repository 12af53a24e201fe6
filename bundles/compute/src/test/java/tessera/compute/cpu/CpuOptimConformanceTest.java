package tessera.compute.cpu;

import tessera.compute.ComputeDevice;
import tessera.compute.testing.OptimConformance;

class CpuOptimConformanceTest extends OptimConformance {
    @Override
    protected ComputeDevice device() {
        return CpuDevices.shared();
    }
}
