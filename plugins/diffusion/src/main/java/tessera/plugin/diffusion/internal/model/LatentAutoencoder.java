package tessera.plugin.diffusion.internal.model;

import java.util.List;

import tessera.compute.ComputeDevice;
import tessera.compute.Tensor;
import tessera.compute.nn.Parameters;
import tessera.compute.ops.Elementwise;

/**
 * Tiles to latents and back: a 64 px RGB tile is a 16 × 16 × 4 latent, so the UNet works on 1/12 of the values.
 * Encoder: conv, then per stage a stride-2 conv and a conv (SiLU between), then a 1×1 conv to the latent channels.
 * Decoder: the mirror image with nearest ×2 upsampling. Every convolution is circular and the strides divide the
 * tile, so a periodic latent decodes to a periodic tile and a latent field of any multiple size decodes to a
 * seamless field. Latents are scaled by {@link DiffusionSpec#latentScale()} to unit variance for the diffusion.
 */
public final class LatentAutoencoder implements AutoCloseable {
    private final DiffusionSpec spec;
    private final Layers l;

    public LatentAutoencoder(DiffusionSpec spec, ComputeDevice device, long seed) {
        this.spec = spec;
        this.l = new Layers(new Parameters(device, "diffusion autoencoder", seed));
        List<Integer> w = spec.aeWidths();
        l.conv("enc.in", 3, w.get(0), 3);
        for (int i = 1; i < w.size(); i++) {
            l.conv("enc.down" + i, w.get(i - 1), w.get(i), 3);
            l.conv("enc.conv" + i, w.get(i), w.get(i), 3);
        }
        l.conv("enc.out", w.get(w.size() - 1), spec.latentChannels(), 1);
        l.conv("dec.in", spec.latentChannels(), w.get(w.size() - 1), 3);
        for (int i = w.size() - 1; i >= 1; i--) {
            l.conv("dec.conv" + i, w.get(i), w.get(i), 3);
            l.conv("dec.up" + i, w.get(i), w.get(i - 1), 3);
        }
        l.conv("dec.out", w.get(0), 3, 3);
    }

    public Parameters parameters() {
        return l.parameters();
    }

    public DiffusionSpec spec() {
        return spec;
    }

    /** @param rgb [N, 3, H, W] in [−1, 1], H and W multiples of the stride @return unscaled latent [N, C, H/s, W/s] */
    public Tensor encodeRaw(Tensor rgb) {
        Tensor x = Elementwise.silu(l.conv("enc.in", rgb));
        for (int i = 1; i < spec.aeWidths().size(); i++) {
            x = Elementwise.silu(l.convDown("enc.down" + i, x));
            x = Elementwise.silu(l.conv("enc.conv" + i, x));
        }
        return l.conv("enc.out", x);
    }

    /** @return the latent scaled to unit variance, as the UNet sees it */
    public Tensor encode(Tensor rgb) {
        return Elementwise.mul(encodeRaw(rgb), (float) spec.latentScale());
    }

    /** @param raw unscaled latent @return RGB in about [−1, 1] (not clamped, so gradients flow everywhere) */
    public Tensor decodeRaw(Tensor raw) {
        Tensor x = Elementwise.silu(l.conv("dec.in", raw));
        for (int i = spec.aeWidths().size() - 1; i >= 1; i--) {
            x = Elementwise.silu(l.conv("dec.conv" + i, x));
            x = Elementwise.silu(l.upConv("dec.up" + i, x));
        }
        return l.conv("dec.out", x);
    }

    /** @param latent scaled latent (the UNet's space) */
    public Tensor decode(Tensor latent) {
        return decodeRaw(Elementwise.mul(latent, (float) (1 / spec.latentScale())));
    }

    @Override
    public void close() {
        l.parameters().close();
    }
}
