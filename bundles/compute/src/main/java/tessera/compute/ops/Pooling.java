package tessera.compute.ops;

import static tessera.compute.ops.Ops.contig;
import static tessera.compute.ops.Ops.require;

import tessera.compute.Autograd;
import tessera.compute.ComputeDevice;
import tessera.compute.Pool2dSpec;
import tessera.compute.Tensor;
import tessera.compute.spi.Interpolation;
import tessera.compute.spi.PoolKind;

/** Max and average pooling, nearest and bilinear resizing (optionally wrapping around a tile). */
public final class Pooling {
    private Pooling() {
    }

    public static Tensor maxPool2d(Tensor x, Pool2dSpec spec) {
        return pool(PoolKind.MAX, x, spec);
    }

    /** Average pool; padded zeros count towards the average (PyTorch's default). */
    public static Tensor avgPool2d(Tensor x, Pool2dSpec spec) {
        return pool(PoolKind.AVG, x, spec);
    }

    private static Tensor pool(PoolKind kind, Tensor x, Pool2dSpec spec) {
        ComputeDevice d = Ops.device("pool2d", x);
        Ops.rank(kind.name().toLowerCase() + "Pool2d", x, 4, "NCHW");
        int oh = spec.outH(x.dim(2));
        int ow = spec.outW(x.dim(3));
        require(oh > 0 && ow > 0, "pool window " + spec + " is larger than the input " + x.shape());
        Tensor xc = contig(x);
        Tensor y = Ops.out(d, x.dim(0), x.dim(1), oh, ow);
        d.kernels().pool2d(kind, xc, y, spec);
        return Autograd.record(kind.name().toLowerCase() + "Pool2d", y, (g, need) -> {
            Tensor gx = Ops.out(d, x.shape());
            d.kernels().pool2dBackward(kind, xc, contig(g), gx, spec);
            return new Tensor[] {gx};
        }, x);
    }

    /**
     * Resizes the last two axes to {@code outH × outW}.
     *
     * @param wrap true for a tile of a repeat: bilinear neighbours across an edge come from the
     *             opposite edge, so the result stays seamless; false clamps at the edges (PyTorch)
     */
    public static Tensor upsample(Tensor x, int outH, int outW, Interpolation mode, boolean wrap) {
        ComputeDevice d = Ops.device("upsample", x);
        Ops.rank("upsample", x, 4, "NCHW");
        require(outH > 0 && outW > 0, "upsample to " + outH + "x" + outW + ": sizes must be positive");
        Tensor xc = contig(x);
        Tensor y = Ops.out(d, x.dim(0), x.dim(1), outH, outW);
        d.kernels().upsample2d(mode, wrap, xc, y);
        return Autograd.record("upsample", y, (g, need) -> {
            Tensor gx = Ops.out(d, x.shape());
            d.kernels().upsample2dBackward(mode, wrap, contig(g), gx);
            return new Tensor[] {gx};
        }, x);
    }

    /** Resizes by an integer factor. */
    public static Tensor upsample(Tensor x, int factor, Interpolation mode, boolean wrap) {
        require(factor >= 1, "upsample factor must be >= 1, got " + factor);
        return upsample(x, x.dim(2) * factor, x.dim(3) * factor, mode, wrap);
    }
}
