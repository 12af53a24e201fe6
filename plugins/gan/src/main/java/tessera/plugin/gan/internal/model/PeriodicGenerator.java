package tessera.plugin.gan.internal.model;

import static tessera.compute.ops.Elementwise.add;
import static tessera.compute.ops.Elementwise.mul;

import tessera.compute.ComputeDevice;
import tessera.compute.nn.Parameters;
import tessera.compute.Conv2dSpec;
import tessera.compute.PaddingMode;
import tessera.compute.Tensor;
import tessera.compute.ops.Convolution;
import tessera.compute.ops.Elementwise;
import tessera.compute.ops.Embeddings;
import tessera.compute.ops.Linalg;
import tessera.compute.ops.Normalization;
import tessera.compute.ops.Shapes;

/**
 * The periodic spatial GAN generator (after Bergmann et al., PSGAN 2017): a fully convolutional network with
 * circular padding on a field of noise cells, each cell holding local noise, the global code (with the family
 * and palette embeddings) and plane waves whose wave vectors the global code chooses. Every op is equivariant to
 * circular shifts, so the output is exactly periodic on the field, at any field size: one model makes a 64 px tile,
 * a 256 px tile or a 2048 px seamless field.
 */
public final class PeriodicGenerator {
    private static final Conv2dSpec CONV3 = Conv2dSpec.of(1, 0).withPadding(1, 1, PaddingMode.CIRCULAR);
    /** Largest wave number in radians per noise cell: a wavelength of at least 4 cells. */
    private static final float MAX_WAVE = (float) (Math.PI / 2);

    private final GanSpec spec;
    private final Parameters w;

    public PeriodicGenerator(GanSpec spec, ComputeDevice device, long seed) {
        this.spec = spec;
        this.w = new Parameters(device, "gan generator", seed);
        int g = spec.globalChannels() + spec.familyEmbed() + spec.paletteEmbed();
        w.normal("family", 1f, spec.families().size() + 1, spec.familyEmbed());
        w.normal("palette", 1f, spec.palettes().size() + 1, spec.paletteEmbed());
        if (spec.periodicWaves() > 0) {
            w.normal("wave.weight", (float) (0.5 / Math.sqrt(g)), 2 * spec.periodicWaves(), g);
            w.constant("wave.bias", 0f, 2 * spec.periodicWaves());
        }
        int in = spec.inputChannels();
        for (int i = 0; i < spec.widths().size(); i++) {
            int out = spec.widths().get(i);
            w.he("level" + i + ".conv.weight", in * 9, out, in, 3, 3);
            w.constant("level" + i + ".conv.bias", 0f, out);
            w.constant("level" + i + ".norm.weight", 1f, out);
            w.constant("level" + i + ".norm.bias", 0f, out);
            in = out;
        }
        w.normal("rgb.weight", (float) Math.sqrt(1.0 / (in * 9)), 3, in, 3, 3);
        w.constant("rgb.bias", 0f, 3);
    }

    public GanSpec spec() {
        return spec;
    }

    public Parameters weights() {
        return w;
    }

    /** The global vector: the code with the family and palette embeddings, [N, G]. */
    public Tensor style(Tensor global, int[] family, int[] palette) {
        return Shapes.concat(1, global, Embeddings.embedding(w.get("family"), family),
                Embeddings.embedding(w.get("palette"), palette));
    }

    /**
     * @param local  [N, localChannels, fieldH, fieldW] local noise laid out over the torus
     * @param global [N, globalChannels]
     * @param phases [N, periodicWaves] radians
     * @return [N, 3, fieldH·stride, fieldW·stride] in (−1, 1), periodic on the torus's lattice
     */
    public Tensor forward(Tensor local, Tensor global, int[] family, int[] palette, Tensor phases, Torus torus) {
        return render(local, style(global, family, palette), phases, torus);
    }

    /** As {@link #forward} with the style vector given (style mixing interpolates it directly). */
    public Tensor render(Tensor local, Tensor style, Tensor phases, Torus torus) {
        int n = local.dim(0), fh = torus.fieldH(), fw = torus.fieldW();
        if (local.dim(2) != fh || local.dim(3) != fw) {
            throw new IllegalArgumentException("local noise " + local.shape() + " does not cover the " + fw + "×" + fh
                    + " field");
        }
        int g = style.dim(1);
        Tensor gmap = Shapes.expand(Shapes.reshape(style, n, g, 1, 1), n, g, fh, fw);
        Tensor x = spec.periodicWaves() > 0
                ? Shapes.concat(1, local, gmap, waves(style, phases, torus))
                : Shapes.concat(1, local, gmap);
        for (int i = 0; i < spec.widths().size(); i++) {
            String l = "level" + i;
            // nearest ×2 then conv3×3 circular, computed on the small image (the same function, half the work)
            x = i == 0 ? Convolution.conv2d(x, w.get(l + ".conv.weight"), w.get(l + ".conv.bias"), CONV3)
                    : Convolution.upsampleConv2d(x, w.get(l + ".conv.weight"), w.get(l + ".conv.bias"), PaddingMode.CIRCULAR);
            x = Normalization.groupNormRelu(x, spec.groups(), w.get(l + ".norm.weight"), w.get(l + ".norm.bias"), 1e-5f);
        }
        return Elementwise.tanh(Convolution.upsampleConv2d(x, w.get("rgb.weight"), w.get("rgb.bias"), PaddingMode.CIRCULAR));
    }

    /** Plane waves sin(k·p + φ) with k from the style, snapped to the torus's lattice so the field stays periodic. */
    private Tensor waves(Tensor style, Tensor phases, Torus torus) {
        int n = style.dim(0), p = spec.periodicWaves(), fh = torus.fieldH(), fw = torus.fieldW();
        ComputeDevice d = style.device();
        Tensor k = mul(Elementwise.tanh(Linalg.linear(style, w.get("wave.weight"), w.get("wave.bias"))), MAX_WAVE);
        float[] kv = k.toArray();
        float[] delta = new float[kv.length];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                int ix = i * 2 * p + j, iy = ix + p;
                double[] s = torus.snap(kv[ix], kv[iy]);
                delta[ix] = (float) (s[0] - kv[ix]);
                delta[iy] = (float) (s[1] - kv[iy]);
            }
        }
        // straight-through: the value is the snapped wave, the gradient flows to the unsnapped one
        Tensor ks = add(k, Tensor.of(d, delta, n, 2 * p));
        Tensor kx = Shapes.reshape(Shapes.slice(ks, 1, 0, p), n, p, 1, 1);
        Tensor ky = Shapes.reshape(Shapes.slice(ks, 1, p, 2 * p), n, p, 1, 1);
        float[] xs = new float[fh * fw], ys = new float[fh * fw];
        for (int y = 0; y < fh; y++) {
            for (int x = 0; x < fw; x++) {
                xs[y * fw + x] = x;
                ys[y * fw + x] = y;
            }
        }
        Tensor arg = add(add(mul(kx, Tensor.of(d, xs, 1, 1, fh, fw)), mul(ky, Tensor.of(d, ys, 1, 1, fh, fw))),
                Shapes.reshape(phases, n, p, 1, 1));
        return Elementwise.sin(arg);
    }
}
