package tessera.plugin.gan.internal.model;

import tessera.compute.ComputeDevice;
import tessera.compute.nn.Parameters;
import tessera.compute.Conv2dSpec;
import tessera.compute.PaddingMode;
import tessera.compute.Tensor;
import tessera.compute.ops.Convolution;
import tessera.compute.ops.Elementwise;
import tessera.compute.ops.Embeddings;
import tessera.compute.ops.Linalg;
import tessera.compute.ops.Reductions;
import tessera.compute.ops.Shapes;

/**
 * A projection discriminator (Miyato and Koyama 2018) with circular padding: it sees tiles as tori, as the
 * generator makes them, so a seam is as visible to it as any other edge. Family and palette enter as inner
 * products with the pooled features; the "any" rows make the unconditional mode.
 */
public final class Discriminator {
    private static final Conv2dSpec DOWN = Conv2dSpec.of(2, 0).withPadding(1, 1, PaddingMode.CIRCULAR);
    private static final Conv2dSpec CONV3 = Conv2dSpec.of(1, 0).withPadding(1, 1, PaddingMode.CIRCULAR);
    private final GanSpec spec;
    private final Parameters w;

    public Discriminator(GanSpec spec, ComputeDevice device, long seed) {
        this.spec = spec;
        this.w = new Parameters(device, "gan discriminator", seed);
        int in = 3;
        for (int i = 0; i < spec.discWidths().size(); i++) {
            int out = spec.discWidths().get(i);
            w.he("down" + i + ".weight", in * 16, out, in, 4, 4);
            w.constant("down" + i + ".bias", 0f, out);
            in = out;
        }
        w.he("features.weight", in * 9, in, in, 3, 3);
        w.constant("features.bias", 0f, in);
        w.normal("out.weight", (float) Math.sqrt(1.0 / in), 1, in);
        w.constant("out.bias", 0f, 1);
        w.normal("family", 0.1f, spec.families().size() + 1, in);
        w.normal("palette", 0.1f, spec.palettes().size() + 1, in);
    }

    public Parameters weights() {
        return w;
    }

    /**
     * @param x [N, 3, H, W] in [−1, 1]
     * @return logits [N]: real when positive
     */
    public Tensor forward(Tensor x, int[] family, int[] palette) {
        int n = x.dim(0);
        for (int i = 0; i < spec.discWidths().size(); i++) {
            x = Elementwise.leakyRelu(Convolution.conv2d(x, w.get("down" + i + ".weight"), w.get("down" + i + ".bias"), DOWN), 0.2f);
        }
        x = Elementwise.leakyRelu(Convolution.conv2d(x, w.get("features.weight"), w.get("features.bias"), CONV3), 0.2f);
        Tensor f = Reductions.mean(x, false, 2, 3);
        Tensor out = Shapes.reshape(Linalg.linear(f, w.get("out.weight"), w.get("out.bias")), n);
        Tensor proj = Elementwise.add(Embeddings.embedding(w.get("family"), family),
                Embeddings.embedding(w.get("palette"), palette));
        return Elementwise.add(out, Reductions.sum(Elementwise.mul(f, proj), false, 1));
    }
}
