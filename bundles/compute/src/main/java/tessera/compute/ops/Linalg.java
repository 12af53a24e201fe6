package tessera.compute.ops;

import static tessera.compute.ops.Ops.require;

import tessera.compute.Autograd;
import tessera.compute.ComputeDevice;
import tessera.compute.Shape;
import tessera.compute.Tensor;

/** Matrix products and the linear layer. */
public final class Linalg {
    private Linalg() {
    }

    /**
     * Matrix product over the last two axes: {@code [.., M, K] @ [.., K, N] → [.., M, N]}. Leading
     * (batch) axes must agree, or b is a plain {@code [K, N]} matrix shared by every batch entry.
     */
    public static Tensor matmul(Tensor a, Tensor b) {
        ComputeDevice d = Ops.device("matmul", a, b);
        require(a.rank() >= 2 && b.rank() >= 2, "matmul needs matrices (rank >= 2), got " + a.shape() + " @ "
                + b.shape());
        int k = a.dim(-1);
        require(b.dim(-2) == k, "matmul: inner dimensions differ: " + a.shape() + " @ " + b.shape());
        if (b.rank() == 2) {
            int m = a.numel() / Math.max(1, k);
            Tensor a2 = a.rank() == 2 ? a : Shapes.reshape(a, m, k);
            Tensor y = mm(d, a2, b);
            int[] dims = a.dims();
            dims[dims.length - 1] = b.dim(1);
            return a.rank() == 2 ? y : Shapes.reshape(y, dims);
        }
        require(a.rank() == b.rank(), "matmul: batch ranks differ: " + a.shape() + " @ " + b.shape());
        int batch = 1;
        for (int i = 0; i < a.rank() - 2; i++) {
            require(a.dim(i) == b.dim(i), "matmul: batch dimensions differ: " + a.shape() + " @ " + b.shape());
            batch *= a.dim(i);
        }
        Tensor a3 = Shapes.reshape(a, batch, a.dim(-2), k);
        Tensor b3 = Shapes.reshape(b, batch, k, b.dim(-1));
        Tensor y = bmm(d, a3, b3);
        int[] dims = a.dims();
        dims[dims.length - 1] = b.dim(-1);
        return Shapes.reshape(y, dims);
    }

    /** {@code x @ wᵀ + bias}: x {@code [.., in]}, w {@code [out, in]}, bias {@code [out]} or null. */
    public static Tensor linear(Tensor x, Tensor w, Tensor bias) {
        require(w.rank() == 2 && x.dim(-1) == w.dim(1), "linear: input " + x.shape() + " does not fit weight "
                + w.shape() + " ([out, in])");
        Tensor y = matmul(x, Shapes.transpose(w, 0, 1));
        return bias == null ? y : Elementwise.add(y, bias);
    }

    private static Tensor mm(ComputeDevice d, Tensor a, Tensor b) {
        int m = a.dim(0);
        int n = b.dim(1);
        Tensor y = Ops.out(d, m, n);
        d.kernels().matmul(as3(a), as3(b), as3(y), 0f);
        return Autograd.record("matmul", y, (g, need) -> new Tensor[] {
            need[0] ? mm(d, g, Shapes.transpose(b, 0, 1)) : null,
            need[1] ? mm(d, Shapes.transpose(a, 0, 1), g) : null}, a, b);
    }

    private static Tensor bmm(ComputeDevice d, Tensor a, Tensor b) {
        Tensor y = Ops.out(d, a.dim(0), a.dim(1), b.dim(2));
        d.kernels().matmul(a, b, y, 0f);
        return Autograd.record("bmm", y, (g, need) -> new Tensor[] {
            need[0] ? bmm(d, g, Shapes.transpose(b, 1, 2)) : null,
            need[1] ? bmm(d, Shapes.transpose(a, 1, 2), g) : null}, a, b);
    }

    /** A rank-2 tensor seen as a batch of one (batch stride 0). */
    private static Tensor as3(Tensor t) {
        int[] s = t.strides();
        return t.view(Shape.of(1, t.dim(0), t.dim(1)), new int[] {0, s[0], s[1]}, t.offset());
    }
}
