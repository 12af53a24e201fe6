package tessera.plugin.constraints.internal.ink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

import tessera.compute.ComputeDevice;
import tessera.compute.Tensor;
import tessera.compute.TensorScope;
import tessera.compute.cpu.CpuDevices;
import tessera.plugin.constraints.internal.Designs;

/** #6: the ink penalty's device form (compute ops only) is the host op's function, value and gradient. */
class InkCoveragePenaltyTest {
    private static final ComputeDevice CPU = CpuDevices.shared();

    @Test
    void theDeviceFormAgreesWithTheHostOpValueAndGradient() {
        for (String line : new String[] {"inkjet-300-cmyk", "sublimation-300-cmyk"}) {
            InkCoveragePenalty penalty = new InkCoveragePenalty(Designs.profile(line));
            SplittableRandom rnd = new SplittableRandom(7);
            int h = 40;
            int w = 230; // 9200 pixels: more than one slice of the device form
            float[] v = new float[3 * h * w];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) Math.pow(rnd.nextDouble(), 3); // mostly dark: much of it over the limit
            }
            try (TensorScope scope = TensorScope.open()) {
                Tensor a = Tensor.of(CPU, v, 1, 3, h, w).requiresGrad(true);
                Tensor host = penalty.onHost(a);
                host.backward();
                float[] gHost = a.grad().toArray();
                Tensor b = Tensor.of(CPU, v, 1, 3, h, w).requiresGrad(true);
                Tensor device = penalty.onDevice(b);
                device.backward();
                float[] gDevice = b.grad().toArray();
                assertThat(host.item()).as(line).isPositive();
                assertThat(device.item()).as(line).isCloseTo(host.item(), Offset.offset(1e-5f + 1e-4f * host.item()));
                double scale = 0;
                for (float g : gHost) {
                    scale = Math.max(scale, Math.abs(g));
                }
                assertThat(scale).isPositive();
                for (int i = 0; i < gHost.length; i++) {
                    assertThat((double) gDevice[i]).as("%s gradient %d", line, i).isCloseTo(gHost[i], Offset.offset(1e-4 * scale));
                }
            }
        }
    }
}
