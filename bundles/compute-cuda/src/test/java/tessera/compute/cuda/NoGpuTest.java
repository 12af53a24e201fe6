package tessera.compute.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tessera.compute.ComputeException;
import tessera.compute.cpu.CpuDevices;
import tessera.compute.internal.DeviceChoice;

/** #5: without a GPU the device says why, refuses to open with that reason, and selection falls back to the CPU. */
class NoGpuTest {
    @Test
    void withoutAGpuTheDeviceExplainsItselfAndStaysOut() {
        assumeFalse(CudaDevices.available(), "a GPU is present; GpuDeviceTest covers this machine");
        assertThat(CudaDevices.status()).isNotBlank().containsAnyOf("driver", "cuInit", "GPU");
        assertThatThrownBy(() -> CudaDevices.open(0, Map.of())).isInstanceOf(ComputeException.class)
                .hasMessageStartingWith("no CUDA device: ");
        var choice = DeviceChoice.choose("cuda", List.of(new DeviceChoice.Candidate(CpuDevices.shared(), 0))).orElseThrow();
        assertThat(choice.device().kind()).isEqualTo("cpu");
        assertThat(choice.reason()).contains("no such device is registered");
    }

    @Test
    void precisionNamesAreCheckedWithAClearMessage() {
        assertThat(MatmulPrecision.parse(" TF32 ")).isEqualTo(MatmulPrecision.TF32);
        assertThat(MatmulPrecision.parse("")).isEqualTo(MatmulPrecision.FP32);
        assertThatThrownBy(() -> MatmulPrecision.parse("fp8")).hasMessageContaining("fp32, tf32 or bf16");
    }
}
