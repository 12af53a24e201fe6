package tessera.plugin.gan.internal.explore;

import tessera.api.image.RgbImage;
import tessera.api.repeat.RepeatGeometry;
import tessera.compute.Tensor;
import tessera.compute.ops.Losses;
import tessera.imaging.repeat.WrapResampler;
import tessera.plugin.gan.internal.model.GanSpec;
import tessera.plugin.gan.internal.model.LatentCode;
import tessera.plugin.gan.internal.model.PeriodicGenerator;
import tessera.plugin.gan.internal.model.TileRenderer;

/**
 * Projects a reference design into the latent space: the code whose tile is closest (mean squared error) to the
 * reference, resampled wrap-aware to the model's training size. Starts from the best of a few random codes.
 */
public final class Projection {
    private Projection() {
    }

    public static LatentSearch.Outcome project(PeriodicGenerator g, RgbImage reference, int family, int palette,
            int steps, long seed) {
        GanSpec spec = g.spec();
        int size = spec.trainingSize();
        RgbImage ref = reference.width() == size && reference.height() == size ? reference
                : WrapResampler.resample(reference, RepeatGeometry.BLOCK, size, size);
        int cells = size / spec.stride();
        try (tessera.compute.TensorScope scope = tessera.compute.TensorScope.open()) {
            return search(g, ref, family, palette, steps, seed, cells);
        }
    }

    private static LatentSearch.Outcome search(PeriodicGenerator g, RgbImage ref, int family, int palette, int steps,
            long seed, int cells) {
        GanSpec spec = g.spec();
        Tensor target = TileRenderer.toTensor(g.weights().device(), ref);
        LatentCode best = null;
        double bestLoss = Double.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            LatentCode c = LatentCode.sample(spec, seed + i, family, palette);
            LatentSearch.Outcome probe = LatentSearch.run(g, c, cells, cells, 0, 0.05f,
                    img -> Losses.mse(img, target), false, 0f);
            if (probe.first() < bestLoss) {
                bestLoss = probe.first();
                best = c;
            }
        }
        return LatentSearch.run(g, best, cells, cells, steps, 0.05f, img -> Losses.mse(img, target), false, 1e-3f);
    }
}
