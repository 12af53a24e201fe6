package tessera.compute.ops;

import static tessera.compute.ops.Ops.require;

import tessera.compute.Tensor;

/** Scaled dot-product attention. */
public final class Attention {
    private Attention() {
    }

    /**
     * {@code softmax(q·kᵀ/√D + mask)·v} over the last two axes.
     *
     * @param q {@code [.., Lq, D]}
     * @param k {@code [.., Lk, D]}
     * @param v {@code [.., Lk, Dv]}
     * @param mask additive, broadcastable to {@code [.., Lq, Lk]} (0 keeps, a large negative drops), or null
     * @param causal when true, query i sees keys 0..i only (needs Lq == Lk)
     */
    public static Tensor scaledDotProduct(Tensor q, Tensor k, Tensor v, Tensor mask, boolean causal) {
        require(q.rank() >= 2 && q.rank() == k.rank() && k.rank() == v.rank(),
                "attention needs q, k, v of one rank >= 2, got " + q.shape() + ", " + k.shape() + ", " + v.shape());
        require(q.dim(-1) == k.dim(-1) && k.dim(-2) == v.dim(-2), "attention: q " + q.shape() + ", k " + k.shape()
                + ", v " + v.shape() + " do not agree");
        float scale = (float) (1.0 / Math.sqrt(q.dim(-1)));
        Tensor scores = Elementwise.mul(Linalg.matmul(q, Shapes.transpose(k, -1, -2)), scale);
        if (mask != null) {
            scores = Elementwise.add(scores, mask);
        }
        if (causal) {
            int l = q.dim(-2);
            require(l == k.dim(-2), "causal attention needs as many queries as keys");
            float[] m = new float[l * l];
            for (int i = 0; i < l; i++) {
                for (int j = i + 1; j < l; j++) {
                    m[i * l + j] = -1e9f;
                }
            }
            scores = Elementwise.add(scores, Tensor.of(q.device(), m, l, l));
        }
        return Linalg.matmul(Normalization.softmax(scores, -1), v);
    }
}
