package tessera.compute.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tessera.compute.ComputeDevice;
import tessera.compute.DeviceBuffer;
import tessera.compute.cpu.CpuDevices;
import tessera.compute.internal.DeviceChoice.Candidate;
import tessera.compute.spi.Kernels;

class DeviceChoiceTest {
    private final ComputeDevice cpu = CpuDevices.shared();
    private final ComputeDevice gpu = new FakeGpu();

    @Test
    void autoTakesTheHighestRanking() {
        var c = DeviceChoice.choose("auto", List.of(new Candidate(cpu, 0), new Candidate(gpu, 100))).orElseThrow();
        assertThat(c.device()).isSameAs(gpu);
        assertThat(c.reason()).contains("cuda:0 has the highest ranking (100)");
    }

    @Test
    void cpuCanBeForcedAndCudaFallsBackWithAReason() {
        assertThat(DeviceChoice.choose("CPU", List.of(new Candidate(cpu, 0), new Candidate(gpu, 100)))
                .orElseThrow().device()).isSameAs(cpu);
        var c = DeviceChoice.choose("cuda", List.of(new Candidate(cpu, 0))).orElseThrow();
        assertThat(c.device()).isSameAs(cpu);
        assertThat(c.reason()).contains("no such device").contains("no GPU");
        assertThat(DeviceChoice.choose("cuda:0", List.of(new Candidate(cpu, 0), new Candidate(gpu, 100)))
                .orElseThrow().device()).isSameAs(gpu);
        assertThat(DeviceChoice.choose(null, List.of())).isEmpty();
    }

    /** Only identity matters to the selection rule. */
    private static final class FakeGpu implements ComputeDevice {
        public String id() {
            return "cuda:0";
        }

        public String kind() {
            return "cuda";
        }

        public String description() {
            return "fake";
        }

        public Set<String> capabilities() {
            return Set.of("float32");
        }

        public DeviceBuffer allocate(long elements) {
            throw new UnsupportedOperationException();
        }

        public void write(float[] src, int srcOffset, DeviceBuffer dst, long dstOffset, int length) {
            throw new UnsupportedOperationException();
        }

        public void read(DeviceBuffer src, long srcOffset, float[] dst, int dstOffset, int length) {
            throw new UnsupportedOperationException();
        }

        public Kernels kernels() {
            throw new UnsupportedOperationException();
        }

        public void synchronize() {
        }
    }
}
