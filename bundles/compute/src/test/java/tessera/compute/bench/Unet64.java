package tessera.compute.bench;

import java.util.ArrayList;
import java.util.List;
import tessera.compute.ComputeDevice;
import tessera.compute.Conv2dSpec;
import tessera.compute.Tensor;
import tessera.compute.ops.Convolution;
import tessera.compute.ops.Elementwise;
import tessera.compute.ops.Linalg;
import tessera.compute.ops.Normalization;
import tessera.compute.ops.Shapes;

/**
 * The {@code unet64} reference network of shared/BENCH-MODELS.md (the small diffusion UNet: time
 * embedding, three levels of two ResBlocks at 64/128/256 channels, GroupNorm(32) + SiLU, no
 * attention), with random weights, for speed comparisons on any device (#4, #5). Parameter names
 * follow the PyTorch twin in bench/compute_cuda_torch.py; 11.0 M parameters.
 */
public final class Unet64 {
    static final int[] CHANNELS = {64, 128, 256};
    static final int TEMB = 256;
    private static final float EPS = 1e-5f;

    private final ComputeDevice dev;
    private long seed;
    private final List<Tensor> all = new ArrayList<>();
    /** Parameters under the PyTorch twin's state_dict names (bench/compute_cuda_torch.py, bench/compute-unet.sh). */
    private final java.util.Map<String, Tensor> named = new java.util.LinkedHashMap<>();

    private record Conv(Tensor w, Tensor b, int stride) {
    }

    private record Norm(Tensor gamma, Tensor beta) {
    }

    private record Res(Norm n1, Conv c1, Tensor tw, Tensor tb, Norm n2, Conv c2, Conv skip) {
    }

    private final Tensor t1w;
    private final Tensor t1b;
    private final Tensor t2w;
    private final Tensor t2b;
    private final Conv in;
    private final List<Res[]> down = new ArrayList<>();
    private final List<Conv> downsample = new ArrayList<>();
    private final Res[] middle;
    private final List<Res[]> up = new ArrayList<>();
    private final List<Conv> upsample = new ArrayList<>();
    private final Norm outNorm;
    private final Conv out;

    public Unet64(ComputeDevice dev, long seed) {
        this.dev = dev;
        this.seed = seed;
        t1w = name("t1.weight", normal(1 / Math.sqrt(64), TEMB, 64));
        t1b = name("t1.bias", normal(0.02, TEMB));
        t2w = name("t2.weight", normal(1 / Math.sqrt(TEMB), TEMB, TEMB));
        t2b = name("t2.bias", normal(0.02, TEMB));
        in = conv("inp", 3, 64, 3, 1);
        int c = 64;
        for (int level = 0; level < CHANNELS.length; level++) {
            int ch = CHANNELS[level];
            down.add(new Res[] {res("down." + level + ".0", c, ch), res("down." + level + ".1", ch, ch)});
            c = ch;
            if (level + 1 < CHANNELS.length) {
                downsample.add(conv("downs." + level, ch, ch, 3, 2));
            }
        }
        middle = new Res[] {res("mid.0", c, c), res("mid.1", c, c)};
        for (int level = CHANNELS.length - 1, i = 0; level >= 0; level--, i++) {
            int ch = CHANNELS[level];
            up.add(new Res[] {res("up." + i + ".0", c + ch, ch), res("up." + i + ".1", ch, ch)});
            c = ch;
            if (level > 0) {
                upsample.add(conv("ups." + i, ch, ch, 3, 1));
            }
        }
        outNorm = norm("on", c);
        out = conv("out", c, 3, 3, 1);
    }

    /** Parameter count, to check the network against BENCH-MODELS.md. */
    public long parameters() {
        long n = 0;
        for (Tensor t : all) {
            n += t.numel();
        }
        return n;
    }

    private Tensor normal(double std, int... dims) {
        Tensor t = Tensor.normal(dev, seed++, 0, (float) std, dims);
        all.add(t);
        return t;
    }

    private Tensor name(String n, Tensor t) {
        named.put(n, t);
        return t;
    }

    /** The parameters under the PyTorch twin's names, for exporting weights to it. */
    public java.util.Map<String, Tensor> namedParameters() {
        return java.util.Collections.unmodifiableMap(named);
    }

    private Conv conv(String n, int cin, int cout, int k, int stride) {
        return new Conv(name(n + ".weight", normal(Math.sqrt(1.0 / (cin * k * k)), cout, cin, k, k)),
                name(n + ".bias", normal(0.02, cout)), stride);
    }

    private Norm norm(String n, int c) {
        Tensor g = Elementwise.add(normal(0.1, c), 1f);
        all.remove(all.size() - 1);
        all.add(g);
        return new Norm(name(n + ".weight", g), name(n + ".bias", normal(0.1, c)));
    }

    private Res res(String n, int cin, int cout) {
        return new Res(norm(n + ".n1", cin), conv(n + ".c1", cin, cout, 3, 1),
                name(n + ".t.weight", normal(1 / Math.sqrt(TEMB), cout, TEMB)), name(n + ".t.bias", normal(0.02, cout)),
                norm(n + ".n2", cout), conv(n + ".c2", cout, cout, 3, 1),
                cin == cout ? null : conv(n + ".skip", cin, cout, 1, 1));
    }

    private static Tensor apply(Conv c, Tensor x) {
        int pad = c.w().dim(2) / 2;
        return Convolution.conv2d(x, c.w(), c.b(), Conv2dSpec.of(c.stride(), pad));
    }

    private static Tensor gnSilu(Norm n, Tensor x) {
        return Normalization.groupNormSilu(x, 32, n.gamma(), n.beta(), EPS);
    }

    private static Tensor block(Res r, Tensor x, Tensor temb) {
        Tensor h = apply(r.c1(), gnSilu(r.n1(), x));
        Tensor t = Linalg.linear(temb, r.tw(), r.tb());
        h = Elementwise.add(h, Shapes.reshape(t, t.dim(0), t.dim(1), 1, 1));
        h = apply(r.c2(), gnSilu(r.n2(), h));
        return Elementwise.add(h, r.skip() == null ? x : apply(r.skip(), x));
    }

    /** Sinusoidal embedding of width 64: cos then sin halves, frequencies exp(−ln(10000)·i/32). */
    private Tensor timestepEmbedding(int[] timesteps) {
        float[] e = new float[timesteps.length * 64];
        for (int s = 0; s < timesteps.length; s++) {
            for (int i = 0; i < 32; i++) {
                double f = Math.exp(-Math.log(10000) * i / 32);
                e[s * 64 + i] = (float) Math.cos(timesteps[s] * f);
                e[s * 64 + 32 + i] = (float) Math.sin(timesteps[s] * f);
            }
        }
        return Tensor.of(dev, e, timesteps.length, 64);
    }

    /** x [N, 3, 64, 64], one timestep per sample → [N, 3, 64, 64]. */
    public Tensor forward(Tensor x, int[] timesteps) {
        Tensor temb = Linalg.linear(Elementwise.silu(Linalg.linear(timestepEmbedding(timesteps), t1w, t1b)), t2w, t2b);
        Tensor h = apply(in, x);
        List<Tensor> skips = new ArrayList<>();
        for (int level = 0; level < down.size(); level++) {
            for (Res r : down.get(level)) {
                h = block(r, h, temb);
            }
            skips.add(h);
            if (level < downsample.size()) {
                h = apply(downsample.get(level), h);
            }
        }
        for (Res r : middle) {
            h = block(r, h, temb);
        }
        for (int i = 0; i < up.size(); i++) {
            h = Shapes.concat(1, h, skips.get(skips.size() - 1 - i));
            for (Res r : up.get(i)) {
                h = block(r, h, temb);
            }
            if (i < upsample.size()) {
                // nearest ×2 then the 3×3 conv, computed on the small image: the same function as the definition
                Conv u = upsample.get(i);
                h = Convolution.upsampleConv2d(h, u.w(), u.b(), tessera.compute.PaddingMode.ZEROS);
            }
        }
        return apply(out, gnSilu(outNorm, h));
    }
}
