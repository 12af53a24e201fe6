package tessera.plugin.diffusion.internal.model;

import tessera.compute.Conv2dSpec;
import tessera.compute.PaddingMode;
import tessera.compute.Tensor;
import tessera.compute.nn.Parameters;
import tessera.compute.ops.Attention;
import tessera.compute.ops.Convolution;
import tessera.compute.ops.Elementwise;
import tessera.compute.ops.Linalg;
import tessera.compute.ops.Normalization;
import tessera.compute.ops.Pooling;
import tessera.compute.ops.Shapes;
import tessera.compute.spi.Interpolation;

/**
 * The layers the autoencoder, the text encoder and the UNet are made of, over one {@link Parameters} set: each layer
 * is declared once (shapes, initialisation) and applied by name. Every convolution pads circularly, so a latent and
 * the tile decoded from it wrap around both edges like the repeat they become.
 */
final class Layers {
    private static final Conv2dSpec CONV3 = Conv2dSpec.of(1, 0).withPadding(1, 1, PaddingMode.CIRCULAR);
    private static final Conv2dSpec CONV3_S2 = Conv2dSpec.of(2, 0).withPadding(1, 1, PaddingMode.CIRCULAR);
    private static final Conv2dSpec CONV1 = Conv2dSpec.of(1, 0);
    private static final float EPS = 1e-5f;

    private final Parameters p;

    Layers(Parameters p) {
        this.p = p;
    }

    Parameters parameters() {
        return p;
    }

    // ---- declarations

    void conv(String name, int in, int out, int k) {
        p.he(name + ".weight", in * k * k, out, in, k, k);
        p.constant(name + ".bias", 0f, out);
    }

    /** A convolution that starts at zero: a residual branch or an output head that begins as the identity / zero. */
    void zeroConv(String name, int in, int out, int k) {
        p.constant(name + ".weight", 0f, out, in, k, k);
        p.constant(name + ".bias", 0f, out);
    }

    void linear(String name, int in, int out) {
        p.normal(name + ".weight", (float) Math.sqrt(1.0 / in), out, in);
        p.constant(name + ".bias", 0f, out);
    }

    void zeroLinear(String name, int in, int out) {
        p.constant(name + ".weight", 0f, out, in);
        p.constant(name + ".bias", 0f, out);
    }

    void norm(String name, int channels) {
        p.constant(name + ".weight", 1f, channels);
        p.constant(name + ".bias", 0f, channels);
    }

    /** Residual block: GN, SiLU, conv, + time, GN, SiLU, conv (zero-initialised), 1×1 skip when widths differ. */
    void resBlock(String name, int in, int out, int timeDim) {
        norm(name + ".norm1", in);
        conv(name + ".conv1", in, out, 3);
        linear(name + ".time", timeDim, out);
        norm(name + ".norm2", out);
        zeroConv(name + ".conv2", out, out, 3);
        if (in != out) {
            conv(name + ".skip", in, out, 1);
        }
    }

    /** Attention block over the cells of a feature map: to the text (cross) or to itself (self). */
    void attention(String name, int channels, int contextDim) {
        norm(name + ".norm", channels);
        linear(name + ".q", channels, channels);
        linear(name + ".k", contextDim, channels);
        linear(name + ".v", contextDim, channels);
        zeroLinear(name + ".out", channels, channels);
    }

    // ---- application

    Tensor conv(String name, Tensor x) {
        Tensor w = p.get(name + ".weight");
        return Convolution.conv2d(x, w, p.get(name + ".bias"), w.dim(2) == 1 ? CONV1 : CONV3);
    }

    /**
     * Nearest ×2 upsampling, then the named convolution: a 3×3 one runs on the small image
     * ({@link Convolution#upsampleConv2d}, the same function at less than half the work).
     */
    Tensor upConv(String name, Tensor x) {
        Tensor w = p.get(name + ".weight");
        if (w.dim(2) == 3 && w.dim(3) == 3) {
            return Convolution.upsampleConv2d(x, w, p.get(name + ".bias"), PaddingMode.CIRCULAR);
        }
        return conv(name, Pooling.upsample(x, 2, Interpolation.NEAREST, true));
    }

    Tensor convDown(String name, Tensor x) {
        return Convolution.conv2d(x, p.get(name + ".weight"), p.get(name + ".bias"), CONV3_S2);
    }

    Tensor linear(String name, Tensor x) {
        return Linalg.linear(x, p.get(name + ".weight"), p.get(name + ".bias"));
    }

    Tensor groupNorm(String name, Tensor x, int groups) {
        return Normalization.groupNorm(x, groups, p.get(name + ".weight"), p.get(name + ".bias"), EPS);
    }

    /** silu(groupNorm(x)) as one kernel: the pre-activation of every residual block. */
    Tensor groupNormSilu(String name, Tensor x, int groups) {
        return Normalization.groupNormSilu(x, groups, p.get(name + ".weight"), p.get(name + ".bias"), EPS);
    }

    Tensor layerNorm(String name, Tensor x) {
        return Normalization.layerNorm(x, 1, p.get(name + ".weight"), p.get(name + ".bias"), EPS);
    }

    /**
     * @param temb [N, timeDim], already through SiLU
     */
    Tensor resBlock(String name, Tensor x, Tensor temb, int groups) {
        Tensor h = conv(name + ".conv1", groupNormSilu(name + ".norm1", x, groups));
        Tensor t = linear(name + ".time", temb);
        h = Elementwise.add(h, Shapes.reshape(t, t.dim(0), t.dim(1), 1, 1));
        h = conv(name + ".conv2", groupNormSilu(name + ".norm2", h, groups));
        Tensor skip = x.dim(1) == h.dim(1) ? x : conv(name + ".skip", x);
        return Elementwise.add(skip, h);
    }

    /**
     * Multi-head attention of every cell of {@code x} to {@code context} (cross) or to the cells themselves
     * ({@code context == null}), added to {@code x}.
     *
     * @param x       [N, C, H, W]
     * @param context [N, T, D] or null
     * @param mask    additive [N, 1, 1, T] (0 keeps, −1e9 drops padding), or null
     */
    Tensor attention(String name, Tensor x, Tensor context, Tensor mask, int groups, int heads) {
        int n = x.dim(0), c = x.dim(1), h = x.dim(2), w = x.dim(3), l = h * w;
        Tensor cells = Shapes.permute(Shapes.reshape(groupNorm(name + ".norm", x, groups), n, c, l), 0, 2, 1);
        Tensor src = context == null ? cells : context;
        int t = src.dim(1), dh = c / heads;
        Tensor q = Shapes.permute(Shapes.reshape(linear(name + ".q", cells), n, l, heads, dh), 0, 2, 1, 3);
        Tensor k = Shapes.permute(Shapes.reshape(linear(name + ".k", src), n, t, heads, dh), 0, 2, 1, 3);
        Tensor v = Shapes.permute(Shapes.reshape(linear(name + ".v", src), n, t, heads, dh), 0, 2, 1, 3);
        Tensor a = Attention.scaledDotProduct(q, k, v, context == null ? null : mask, false);
        Tensor merged = Shapes.reshape(Shapes.permute(a, 0, 2, 1, 3), n, l, c);
        Tensor out = Shapes.reshape(Shapes.permute(linear(name + ".out", merged), 0, 2, 1), n, c, h, w);
        return Elementwise.add(x, out);
    }
}
