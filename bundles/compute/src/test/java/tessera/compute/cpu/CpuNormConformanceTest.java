package tessera.compute.cpu;

import tessera.compute.ComputeDevice;
import tessera.compute.testing.NormConformance;

class CpuNormConformanceTest extends NormConformance {
    @Override
    protected ComputeDevice device() {
        return CpuDevices.shared();
    }
}
