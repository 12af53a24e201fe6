package tessera.plugin.diffusion.internal.model;

import java.util.List;

import tessera.compute.ComputeDevice;
import tessera.compute.Tensor;
import tessera.compute.nn.Parameters;
import tessera.compute.ops.Elementwise;
import tessera.compute.ops.Shapes;

/**
 * The text-conditioned UNet that predicts v (the velocity of Salimans and Ho, 2022) from a noisy latent, its
 * timestep and the prompt's token embeddings. Three levels (widths w0, w1, w2 at 1, 1/2, 1/4 of the latent): a
 * residual block per level on the way down and up, cross-attention to the text at the two coarser levels, and
 * self-attention in the middle, where a cell sees the whole tile. Convolutions are circular, the strides divide
 * the latent, GroupNorm and attention do not care where the tile starts: the network is equivariant to circular
 * shifts of the latent by multiples of 4 cells, so what it denoises stays periodic. Owns the {@link TextEncoder}
 * (trained jointly); parameter names are {@code text.*} and {@code unet.*}.
 */
public final class Denoiser implements AutoCloseable {
    private final DiffusionSpec spec;
    private final Layers l;
    private final TextEncoder text;

    public Denoiser(DiffusionSpec spec, ComputeDevice device, long seed) {
        this.spec = spec;
        this.l = new Layers(new Parameters(device, "diffusion denoiser", seed));
        this.text = new TextEncoder(spec, l);
        List<Integer> w = spec.unetWidths();
        int td = spec.timeDim(), d = spec.tokenDim();
        l.linear("unet.time1", td, td);
        l.linear("unet.time2", td, td);
        l.conv("unet.in", spec.latentChannels(), w.get(0), 3);
        l.resBlock("unet.down0", w.get(0), w.get(0), td);
        l.conv("unet.pool0", w.get(0), w.get(0), 3);
        l.resBlock("unet.down1", w.get(0), w.get(1), td);
        l.attention("unet.down1.cross", w.get(1), d);
        l.conv("unet.pool1", w.get(1), w.get(1), 3);
        l.resBlock("unet.mid1", w.get(1), w.get(2), td);
        l.attention("unet.mid.cross", w.get(2), d);
        l.attention("unet.mid.self", w.get(2), w.get(2));
        l.resBlock("unet.mid2", w.get(2), w.get(2), td);
        l.conv("unet.unpool1", w.get(2), w.get(2), 3);
        l.resBlock("unet.up1", w.get(2) + w.get(1), w.get(1), td);
        l.attention("unet.up1.cross", w.get(1), d);
        l.conv("unet.unpool0", w.get(1), w.get(1), 3);
        l.resBlock("unet.up0", w.get(1) + w.get(0), w.get(0), td);
        l.norm("unet.outnorm", w.get(0));
        l.zeroConv("unet.out", w.get(0), spec.latentChannels(), 3);
    }

    public DiffusionSpec spec() {
        return spec;
    }

    public Parameters parameters() {
        return l.parameters();
    }

    public TextEncoder text() {
        return text;
    }

    /**
     * @param z       noisy latents [N, C, h, w], h and w multiples of 4
     * @param t       each sample's timestep, 0..timesteps−1 (fractional allowed)
     * @param context the prompts' tokens from {@link TextEncoder#encode}, N rows
     * @return predicted v, the shape of {@code z}
     */
    public Tensor forward(Tensor z, float[] t, TextEncoder.Context context) {
        int g = spec.groups(), heads = spec.heads();
        if (z.dim(2) % 4 != 0 || z.dim(3) % 4 != 0) {
            throw new IllegalArgumentException("latent " + z.shape() + ": sides must be multiples of 4 cells");
        }
        Tensor temb = Elementwise.silu(l.linear("unet.time2",
                Elementwise.silu(l.linear("unet.time1", timeEmbedding(z.device(), t, spec.timeDim())))));
        Tensor ctx = context.tokens(), mask = context.mask();
        Tensor h0 = l.resBlock("unet.down0", l.conv("unet.in", z), temb, g);
        Tensor h1 = l.resBlock("unet.down1", l.convDown("unet.pool0", h0), temb, g);
        h1 = l.attention("unet.down1.cross", h1, ctx, mask, g, heads);
        Tensor m = l.resBlock("unet.mid1", l.convDown("unet.pool1", h1), temb, g);
        m = l.attention("unet.mid.cross", m, ctx, mask, g, heads);
        m = l.attention("unet.mid.self", m, null, null, g, heads);
        m = l.resBlock("unet.mid2", m, temb, g);
        Tensor u1 = l.upConv("unet.unpool1", m);
        u1 = l.resBlock("unet.up1", Shapes.concat(1, u1, h1), temb, g);
        u1 = l.attention("unet.up1.cross", u1, ctx, mask, g, heads);
        Tensor u0 = l.upConv("unet.unpool0", u1);
        u0 = l.resBlock("unet.up0", Shapes.concat(1, u0, h0), temb, g);
        return l.conv("unet.out", l.groupNormSilu("unet.outnorm", u0, g));
    }

    /** Sinusoidal embedding of the timestep (Vaswani et al.), as the diffusion literature uses it. */
    static Tensor timeEmbedding(ComputeDevice device, float[] t, int dim) {
        int half = dim / 2;
        float[] e = new float[t.length * dim];
        for (int i = 0; i < t.length; i++) {
            for (int j = 0; j < half; j++) {
                double f = Math.exp(-Math.log(10_000) * j / half);
                e[i * dim + j] = (float) Math.sin(t[i] * f);
                e[i * dim + half + j] = (float) Math.cos(t[i] * f);
            }
        }
        return Tensor.of(device, e, t.length, dim);
    }

    @Override
    public void close() {
        l.parameters().close();
    }
}
