package tessera.plugin.qa.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tessera.compute.ComputeDevice;
import tessera.compute.Tensor;
import tessera.compute.TensorScope;
import tessera.compute.cpu.CpuDevices;
import tessera.compute.optim.Adam;

/** #10 defect CNN: it learns simulated defects with the compute module's autograd, and saves and loads exactly. */
class DefectNetTest {
    @Test
    void fitsABatchOfSimulatedDefectsAndRoundTripsThroughSafetensors(@TempDir Path tmp) throws Exception {
        ComputeDevice cpu = CpuDevices.shared();
        SimulatedSet set = new SimulatedSet(false);
        int side = 96;
        int g = side / SimulatedSet.GRID;
        List<SimulatedSet.Sample> batch = List.of(set.sample(1, side, 2, 0, 0), set.sample(2, side, 3, 0, 0));
        float[] x = new float[2 * Comparison.FEATURES * g * g];
        float[] y = new float[2 * g * g];
        for (int b = 0; b < 2; b++) {
            System.arraycopy(batch.get(b).comparison().features, 0, x, b * Comparison.FEATURES * g * g, Comparison.FEATURES * g * g);
            System.arraycopy(batch.get(b).target(), 0, y, b * g * g, g * g);
        }
        double first;
        double last = Double.NaN;
        try (DefectNet net = DefectNet.init(cpu, 3); TensorScope opt = TensorScope.detached("test optimiser")) {
            Adam adam;
            try (var in = opt.enter()) {
                adam = Adam.adamW(net.parameters(), 1e-2f);
            }
            first = step(net, adam, x, y, g, cpu);
            for (int i = 0; i < 40; i++) {
                last = step(net, adam, x, y, g, cpu);
            }
            assertThat(last).as("loss after 40 steps on one batch, from " + first).isLessThan(0.6 * first);
            Path file = tmp.resolve("net.safetensors");
            net.save(file, Map.of("format", "pt"));
            float[] feats = batch.get(0).comparison().features;
            float[] a = net.heat(feats, g, g);
            try (DefectNet again = DefectNet.load(cpu, file)) {
                assertThat(again.heat(feats, g, g)).containsExactly(a);
            }
        }
    }

    private static double step(DefectNet net, Adam adam, float[] x, float[] y, int g, ComputeDevice cpu) {
        try (TensorScope s = TensorScope.open()) {
            Tensor loss = DefectTrainer.weightedBce(net.forward(Tensor.of(cpu, x, 2, Comparison.FEATURES, g, g)),
                    Tensor.of(cpu, y, 2, 1, g, g));
            adam.zeroGrad();
            loss.backward();
            adam.step();
            return loss.item();
        }
    }
}
