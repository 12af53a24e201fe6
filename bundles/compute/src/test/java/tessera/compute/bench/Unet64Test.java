package tessera.compute.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tessera.compute.Autograd;
import tessera.compute.Tensor;
import tessera.compute.TensorScope;
import tessera.compute.cpu.CpuDevices;

/** The benchmark UNet is the reference network of BENCH-MODELS.md: 11.0 M parameters, shape kept. */
class Unet64Test {
    @Test
    void matchesTheReferenceDefinition() {
        try (TensorScope s = TensorScope.open(); Autograd.GradMode off = Autograd.noGrad()) {
            Unet64 net = new Unet64(CpuDevices.shared(), 1);
            assertThat(net.parameters() / 1e6).isBetween(10.95, 11.05);
            // every parameter has its PyTorch twin's name, so exported weights load there
            assertThat(net.namedParameters().values().stream().mapToLong(Tensor::numel).sum()).isEqualTo(net.parameters());
            Tensor y = net.forward(Tensor.uniform(CpuDevices.shared(), 2, -1, 1, 1, 3, 64, 64), new int[] {500});
            assertThat(y.dims()).containsExactly(1, 3, 64, 64);
            for (float v : y.toArray()) {
                assertThat(v).isFinite();
            }
        }
    }
}
