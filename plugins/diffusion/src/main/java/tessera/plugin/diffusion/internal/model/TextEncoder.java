package tessera.plugin.diffusion.internal.model;

import java.util.List;

import tessera.compute.ComputeDevice;
import tessera.compute.Tensor;
import tessera.compute.ops.Attention;
import tessera.compute.ops.Elementwise;
import tessera.compute.ops.Embeddings;
import tessera.compute.ops.Reductions;
import tessera.compute.ops.Shapes;

/**
 * Prompts to token embeddings for the UNet's cross-attention: each word is the mean of its hashed n-gram
 * embeddings ({@link PromptTokens}) plus a position embedding, then one pre-norm transformer layer (self-attention
 * and a GELU MLP) lets words qualify each other ("navy stripes on cream" is not "cream stripes on navy"). Trained
 * jointly with the UNet. Parameter names start with {@code text.}.
 */
public final class TextEncoder {
    /** Most n-gram buckets one word keeps: its own bucket and the first n-grams of a very long word. */
    static final int MAX_NGRAMS = 32;
    private final DiffusionSpec spec;
    private final Layers l;

    TextEncoder(DiffusionSpec spec, Layers l) {
        this.spec = spec;
        this.l = l;
        int d = spec.tokenDim();
        l.parameters().normal("text.ngrams", 0.5f, spec.buckets(), d);
        l.parameters().normal("text.position", 0.1f, spec.maxTokens(), d);
        l.norm("text.norm1", d);
        l.linear("text.q", d, d);
        l.linear("text.k", d, d);
        l.linear("text.v", d, d);
        l.zeroLinear("text.out", d, d);
        l.norm("text.norm2", d);
        l.linear("text.mlp1", d, 4 * d);
        l.zeroLinear("text.mlp2", 4 * d, d);
        l.norm("text.final", d);
    }

    /** Embedded prompts: context [N, T, D] and the additive padding mask [N, 1, 1, T]. */
    public record Context(Tensor tokens, Tensor mask) {
    }

    public Context encode(List<String> prompts, ComputeDevice device) {
        int n = prompts.size(), d = spec.tokenDim();
        PromptTokens.Tokenized[] tok = new PromptTokens.Tokenized[n];
        int t = 1;
        for (int i = 0; i < n; i++) {
            tok[i] = PromptTokens.tokenize(prompts.get(i), spec.buckets(), spec.maxTokens());
            t = Math.max(t, tok[i].words().size());
        }
        int[] ids = new int[n * t * MAX_NGRAMS];
        float[] weight = new float[n * t * MAX_NGRAMS];
        float[] mask = new float[n * t];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < t; j++) {
                int base = (i * t + j) * MAX_NGRAMS;
                if (j >= tok[i].words().size()) {
                    mask[i * t + j] = -1e9f;
                    continue;
                }
                int[] b = tok[i].buckets()[j];
                int k = Math.min(b.length, MAX_NGRAMS);
                for (int m = 0; m < k; m++) {
                    ids[base + m] = b[m];
                    weight[base + m] = 1f / k;
                }
            }
        }
        Tensor e = Embeddings.embedding(l.parameters().get("text.ngrams"), ids); // [N·T·K, D]
        e = Shapes.reshape(e, n, t, MAX_NGRAMS, d);
        Tensor words = Reductions.sum(Elementwise.mul(e, Tensor.of(device, weight, n, t, MAX_NGRAMS, 1)), false, 2);
        Tensor x = Elementwise.add(words, Shapes.slice(l.parameters().get("text.position"), 0, 0, t));
        Tensor m = Tensor.of(device, mask, n, 1, 1, t);
        // pre-norm self-attention over the words, padding masked
        int heads = spec.heads(), dh = d / heads;
        Tensor h = l.layerNorm("text.norm1", x);
        Tensor q = Shapes.permute(Shapes.reshape(l.linear("text.q", h), n, t, heads, dh), 0, 2, 1, 3);
        Tensor k = Shapes.permute(Shapes.reshape(l.linear("text.k", h), n, t, heads, dh), 0, 2, 1, 3);
        Tensor v = Shapes.permute(Shapes.reshape(l.linear("text.v", h), n, t, heads, dh), 0, 2, 1, 3);
        Tensor a = Shapes.reshape(Shapes.permute(Attention.scaledDotProduct(q, k, v, m, false), 0, 2, 1, 3), n, t, d);
        x = Elementwise.add(x, l.linear("text.out", a));
        x = Elementwise.add(x, l.linear("text.mlp2", Elementwise.gelu(l.linear("text.mlp1", l.layerNorm("text.norm2", x)))));
        return new Context(l.layerNorm("text.final", x), m);
    }
}
