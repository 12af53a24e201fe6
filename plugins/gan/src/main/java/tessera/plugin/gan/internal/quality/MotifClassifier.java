package tessera.plugin.gan.internal.quality;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import tessera.api.image.RgbImage;
import tessera.compute.Autograd;
import tessera.compute.ComputeDevice;
import tessera.compute.Conv2dSpec;
import tessera.compute.PaddingMode;
import tessera.compute.Pool2dSpec;
import tessera.compute.Tensor;
import tessera.compute.TensorScope;
import tessera.compute.ops.Convolution;
import tessera.compute.ops.Elementwise;
import tessera.compute.ops.Linalg;
import tessera.compute.ops.Losses;
import tessera.compute.ops.Pooling;
import tessera.compute.ops.Reductions;
import tessera.compute.optim.Adam;
import tessera.plugin.gan.internal.train.TileBatches;

/**
 * A small tileable CNN that tells the synthesizer's motif families apart: four circular 3×3 conv layers (16, 32,
 * 64, 64 channels, 2×2 average pooling between) and a global mean, whose 64 features serve as the embedding for
 * Fréchet distance and diversity (as Inception features do for FID), and a linear layer to the families. Circular
 * padding and the global mean make it blind to where the repeat starts, as a textile classifier should be.
 */
public final class MotifClassifier implements AutoCloseable {
    private static final Conv2dSpec CONV3 = Conv2dSpec.of(1, 0).withPadding(1, 1, PaddingMode.CIRCULAR);
    private static final int[] WIDTHS = {16, 32, 64, 64};
    private final TensorScope scope = TensorScope.detached("motif classifier");
    private final Tensor[] conv = new Tensor[WIDTHS.length], bias = new Tensor[WIDTHS.length];
    private final Tensor head, headBias;
    private final int classes;

    public MotifClassifier(ComputeDevice d, int classes, long seed) {
        this.classes = classes;
        try (var in = scope.enter()) {
            int c = 3;
            for (int i = 0; i < WIDTHS.length; i++) {
                conv[i] = Tensor.normal(d, seed + i, 0, (float) Math.sqrt(2.0 / (9 * c)), WIDTHS[i], c, 3, 3).requiresGrad(true);
                bias[i] = Tensor.zeros(d, WIDTHS[i]).requiresGrad(true);
                c = WIDTHS[i];
            }
            head = Tensor.normal(d, seed + 99, 0, (float) Math.sqrt(1.0 / c), classes, c).requiresGrad(true);
            headBias = Tensor.zeros(d, classes).requiresGrad(true);
        }
    }

    public int featureWidth() {
        return WIDTHS[WIDTHS.length - 1];
    }

    /** @param x [N, 3, H, W] in [−1, 1], H and W multiples of 8 @return features [N, 64] */
    public Tensor features(Tensor x) {
        for (int i = 0; i < WIDTHS.length; i++) {
            if (i > 0) {
                x = Pooling.avgPool2d(x, Pool2dSpec.of(2, 2, 0));
            }
            x = Elementwise.relu(Convolution.conv2d(x, conv[i], bias[i], CONV3));
        }
        return Reductions.mean(x, false, 2, 3);
    }

    public Tensor logits(Tensor x) {
        return Linalg.linear(features(x), head, headBias);
    }

    /**
     * Trains on the given tiles (indices) with their family labels; augmentation as for the GAN.
     *
     * @return training accuracy over the last 50 steps
     */
    public double train(TileBatches tiles, List<Integer> indices, int steps, int batch, long seed) {
        ComputeDevice d = head.device();
        Adam opt = Adam.adamW(List.of(conv[0], bias[0], conv[1], bias[1], conv[2], bias[2], conv[3], bias[3], head, headBias), 2e-3f);
        int size = tiles.size(), hit = 0, seen = 0;
        for (int s = 0; s < steps; s++) {
            SplittableRandom r = new SplittableRandom(seed * 31 + s);
            float[] x = new float[batch * 3 * size * size];
            int[] y = new int[batch];
            for (int i = 0; i < batch; i++) {
                int k = indices.get(r.nextInt(indices.size()));
                tiles.tile(k, r, x, i * 3 * size * size);
                y[i] = tiles.family(k);
            }
            try (TensorScope step = TensorScope.open()) {
                Tensor lg = logits(Tensor.of(d, x, batch, 3, size, size));
                Tensor loss = Losses.crossEntropy(lg, y);
                opt.zeroGrad();
                loss.backward();
                opt.step();
                if (s >= steps - 50) {
                    int[] p = argmax(lg.toArray(), classes);
                    for (int i = 0; i < batch; i++) {
                        hit += p[i] == y[i] ? 1 : 0;
                    }
                    seen += batch;
                }
            }
        }
        return hit / (double) seen;
    }

    /** Features and predicted class of a batch, without a graph. */
    public Embedded embed(Tensor x) {
        try (var off = Autograd.noGrad()) {
            Tensor f = features(x);
            Tensor lg = Linalg.linear(f, head, headBias);
            return new Embedded(f.toArray(), argmax(lg.toArray(), classes));
        }
    }

    public record Embedded(float[] features, int[] predicted) {
    }

    /** Features of many tiles as rows (for Fréchet distance and diversity) and their predicted classes. */
    public record Embedding(double[][] rows, int[] predicted) {
        /** Share of predictions equal to {@code truth}. */
        public double accuracy(int[] truth) {
            int hit = 0;
            for (int i = 0; i < predicted.length; i++) {
                hit += predicted[i] == truth[i] ? 1 : 0;
            }
            return hit / (double) predicted.length;
        }
    }

    /**
     * Embeds sRGB tiles of one size, 50 at a time (how the benchmarks of generators feed it).
     *
     * @param tiles sRGB [0, 1], sides multiples of 8
     */
    public Embedding embedAll(List<RgbImage> tiles) {
        List<double[]> rows = new ArrayList<>();
        int[] pred = new int[tiles.size()];
        ComputeDevice d = head.device();
        for (int from = 0; from < tiles.size(); from += 50) {
            int to = Math.min(tiles.size(), from + 50);
            int s = tiles.get(from).width();
            float[] x = new float[(to - from) * 3 * s * s];
            for (int i = from; i < to; i++) {
                float[] p = tiles.get(i).planesView();
                for (int j = 0; j < p.length; j++) {
                    x[(i - from) * p.length + j] = p[j] * 2 - 1;
                }
            }
            try (TensorScope sc = TensorScope.open()) {
                Embedded e = embed(Tensor.of(d, x, to - from, 3, s, s));
                int w = featureWidth();
                for (int i = 0; i < to - from; i++) {
                    double[] row = new double[w];
                    for (int k = 0; k < w; k++) {
                        row[k] = e.features()[i * w + k];
                    }
                    rows.add(row);
                    pred[from + i] = e.predicted()[i];
                }
            }
        }
        return new Embedding(rows.toArray(double[][]::new), pred);
    }

    static int[] argmax(float[] v, int k) {
        int[] out = new int[v.length / k];
        for (int i = 0; i < out.length; i++) {
            int best = 0;
            for (int j = 1; j < k; j++) {
                if (v[i * k + j] > v[i * k + best]) {
                    best = j;
                }
            }
            out[i] = best;
        }
        return out;
    }

    @Override
    public void close() {
        scope.close();
    }
}
