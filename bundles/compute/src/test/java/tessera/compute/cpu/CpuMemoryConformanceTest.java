package tessera.compute.cpu;

import tessera.compute.ComputeDevice;
import tessera.compute.testing.MemoryConformance;

class CpuMemoryConformanceTest extends MemoryConformance {
    @Override
    protected ComputeDevice device() {
        return CpuDevices.shared();
    }
}
