package tessera.compute;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tessera.compute.cpu.CpuDevices;
import tessera.compute.io.Safetensors;
import tessera.compute.ops.Convolution;
import tessera.compute.ops.Linalg;
import tessera.compute.ops.Losses;
import tessera.compute.ops.Pooling;
import tessera.compute.ops.Reductions;
import tessera.compute.optim.Adam;
import tessera.compute.optim.Ema;
import tessera.compute.optim.GradClip;

/**
 * End to end (#4): a small tileable CNN (circular 3×3 convolutions) learns to tell four textile
 * structures apart (horizontal, vertical and diagonal stripes, checks) at random period, phase
 * and contrast with noise, from scratch with AdamW, to at least 95% held-out accuracy; the EMA
 * weights saved as safetensors and loaded back score the same.
 */
class TrainSmallCnnTest {
    static final int SIZE = 16;
    static final int CLASSES = 4;
    private final ComputeDevice cpu = CpuDevices.shared();
    @TempDir
    Path dir;

    record Batch(float[] images, int[] labels) {
    }

    static Batch batch(Random r, int n) {
        float[] x = new float[n * SIZE * SIZE];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            int c = r.nextInt(CLASSES);
            y[i] = c;
            int period = 3 + r.nextInt(4);
            double phase = r.nextDouble() * 2 * Math.PI;
            double contrast = 0.5 + r.nextDouble();
            for (int py = 0; py < SIZE; py++) {
                for (int px = 0; px < SIZE; px++) {
                    double w = 2 * Math.PI / period;
                    double v = switch (c) {
                        case 0 -> Math.sin(w * py + phase);
                        case 1 -> Math.sin(w * px + phase);
                        case 2 -> Math.sin(w * (px + py) + phase);
                        default -> Math.signum(Math.sin(w * px + phase) * Math.sin(w * py + phase));
                    };
                    x[(i * SIZE + py) * SIZE + px] = (float) (contrast * v + 0.3 * r.nextGaussian());
                }
            }
        }
        return new Batch(x, y);
    }

    /** conv(1→8) relu maxpool conv(8→16) relu global-mean linear(16→4). */
    static Tensor forward(Map<String, Tensor> p, Tensor x) {
        Conv2dSpec circular = Conv2dSpec.of(1, 1).withPadding(1, 1, PaddingMode.CIRCULAR);
        Tensor h = Convolution.conv2d(x, p.get("c1.w"), p.get("c1.b"), circular).relu();
        h = Pooling.maxPool2d(h, Pool2dSpec.of(2));
        h = Convolution.conv2d(h, p.get("c2.w"), p.get("c2.b"), circular).relu();
        h = Reductions.mean(h, false, 2, 3);
        return Linalg.linear(h, p.get("fc.w"), p.get("fc.b"));
    }

    private Map<String, Tensor> init(long seed) {
        Map<String, Tensor> p = new LinkedHashMap<>();
        p.put("c1.w", Tensor.uniform(cpu, seed, -1f / 3, 1f / 3, 8, 1, 3, 3));
        p.put("c1.b", Tensor.zeros(cpu, 8));
        float b2 = (float) (1 / Math.sqrt(8 * 9));
        p.put("c2.w", Tensor.uniform(cpu, seed + 1, -b2, b2, 16, 8, 3, 3));
        p.put("c2.b", Tensor.zeros(cpu, 16));
        p.put("fc.w", Tensor.uniform(cpu, seed + 2, -0.25f, 0.25f, CLASSES, 16));
        p.put("fc.b", Tensor.zeros(cpu, CLASSES));
        p.values().forEach(t -> t.requiresGrad(true));
        return p;
    }

    private double accuracy(Map<String, Tensor> p, Batch test) {
        int n = test.labels().length;
        try (TensorScope s = TensorScope.open(); Autograd.GradMode off = Autograd.noGrad()) {
            float[] logits = forward(p, Tensor.of(cpu, test.images(), n, 1, SIZE, SIZE)).toArray();
            int right = 0;
            for (int i = 0; i < n; i++) {
                int best = 0;
                for (int k = 1; k < CLASSES; k++) {
                    best = logits[i * CLASSES + k] > logits[i * CLASSES + best] ? k : best;
                }
                right += best == test.labels()[i] ? 1 : 0;
            }
            return right / (double) n;
        }
    }

    @Test
    void learnsTextileStructuresToNinetyFivePercent() throws Exception {
        Random r = new Random(2026);
        Batch test = batch(r, 256);
        try (TensorScope weights = TensorScope.detached("cnn weights")) {
            Map<String, Tensor> p;
            Adam opt;
            Ema ema;
            try (TensorScope.Entered in = weights.enter()) {
                p = init(7);
                opt = Adam.adamW(List.copyOf(p.values()), 0.01f);
                ema = new Ema(List.copyOf(p.values()), 0.9f, weights);
            }
            double before = accuracy(p, test);
            float loss = 0;
            for (int step = 0; step < 200; step++) {
                Batch b = batch(r, 32);
                try (TensorScope s = TensorScope.open()) {
                    Tensor l = Losses.crossEntropy(forward(p, Tensor.of(cpu, b.images(), 32, 1, SIZE, SIZE)),
                            b.labels());
                    opt.zeroGrad();
                    l.backward();
                    GradClip.clipNorm(opt.parameters(), 5.0);
                    opt.step();
                    ema.update();
                    loss = l.item();
                }
            }
            double after = accuracy(p, test);
            System.out.printf("small CNN: held-out accuracy %.3f before, %.3f after 200 steps, last loss %.4f%n",
                    before, after, loss);
            assertThat(before).isLessThan(0.5);
            assertThat(after).as("held-out accuracy after 200 steps (last loss %.3f)", loss).isGreaterThanOrEqualTo(0.95);

            ema.copyToParameters();
            double emaAccuracy = accuracy(p, test);
            Path file = dir.resolve("cnn.safetensors");
            Safetensors.write(file, p, Map.of("task", "stripes-and-checks"));
            try (TensorScope loaded = TensorScope.open()) {
                Map<String, Tensor> q = Safetensors.read(file, cpu);
                assertThat(accuracy(q, test)).isEqualTo(emaAccuracy).isGreaterThanOrEqualTo(0.95);
            }
        }
    }
}
