package tessera.compute.ops;

import static tessera.compute.ops.Ops.contig;
import static tessera.compute.ops.Ops.require;

import tessera.compute.Autograd;
import tessera.compute.ComputeDevice;
import tessera.compute.Conv2dSpec;
import tessera.compute.PaddingMode;
import tessera.compute.Tensor;

/**
 * 2-D convolution and transposed convolution on NCHW tensors, with zero, circular (tileable)
 * or reflect padding. Circular and reflect borders are padded explicitly, then the kernels run
 * unpadded; a circular transposed convolution folds its border back around (the adjoint).
 */
public final class Convolution {
    private Convolution() {
    }

    /**
     * @param x {@code [N, C, H, W]}
     * @param w {@code [Co, C/groups, kH, kW]}
     * @param bias {@code [Co]} or null
     * @return {@code [N, Co, OH, OW]}
     */
    public static Tensor conv2d(Tensor x, Tensor w, Tensor bias, Conv2dSpec spec) {
        ComputeDevice d = Ops.device("conv2d", x, w, bias);
        Ops.rank("conv2d", x, 4, "NCHW input");
        Ops.rank("conv2d", w, 4, "[Co, C/groups, kH, kW] weight");
        int g = spec.groups();
        require(x.dim(1) == w.dim(1) * g && w.dim(0) % g == 0, "conv2d: input " + x.shape()
                + " and weight " + w.shape() + " do not agree for " + g + " group(s); the weight must be "
                + "[Co, C/groups, kH, kW] with Co divisible by groups");
        require(bias == null || (bias.rank() == 1 && bias.dim(0) == w.dim(0)),
                "conv2d: bias must be [" + w.dim(0) + "], got " + (bias == null ? "" : bias.shape()));
        Tensor in = x;
        Conv2dSpec s = spec;
        if (spec.padding() != PaddingMode.ZEROS && (spec.padH() > 0 || spec.padW() > 0)) {
            in = Shapes.pad2d(x, spec.padH(), spec.padH(), spec.padW(), spec.padW(), spec.padding());
            s = spec.unpadded();
        } else if (spec.padding() != PaddingMode.ZEROS) {
            s = spec.unpadded();
        }
        return conv(d, in, w, bias, s);
    }

    /**
     * Transposed convolution (PyTorch {@code ConvTranspose2d}); with circular padding the output
     * wraps around, so a tileable input gives a tileable output.
     *
     * @param x {@code [N, Cin, H, W]}
     * @param w {@code [Cin, Cout/groups, kH, kW]}
     * @param bias {@code [Cout]} or null
     * @return {@code [N, Cout, (H-1)·s - 2p + d·(k-1) + outPad + 1, ...]}
     */
    public static Tensor convTranspose2d(Tensor x, Tensor w, Tensor bias, Conv2dSpec spec) {
        ComputeDevice d = Ops.device("convTranspose2d", x, w, bias);
        Ops.rank("convTranspose2d", x, 4, "NCHW input");
        Ops.rank("convTranspose2d", w, 4, "[Cin, Cout/groups, kH, kW] weight");
        int g = spec.groups();
        int cout = w.dim(1) * g;
        require(x.dim(1) == w.dim(0) && w.dim(0) % g == 0, "convTranspose2d: input " + x.shape()
                + " and weight " + w.shape() + " do not agree; the weight must be [Cin, Cout/groups, kH, kW]");
        require(bias == null || (bias.rank() == 1 && bias.dim(0) == cout),
                "convTranspose2d: bias must be [" + cout + "]");
        boolean fold = spec.padding() != PaddingMode.ZEROS && (spec.padH() > 0 || spec.padW() > 0);
        Conv2dSpec s = fold || spec.padding() != PaddingMode.ZEROS ? spec.unpadded() : spec;
        Tensor y = convT(d, x, w, fold ? null : bias, s);
        if (!fold) {
            return y;
        }
        y = Shapes.unpad2d(y, spec.padH(), spec.padH(), spec.padW(), spec.padW(), spec.padding());
        return bias == null ? y : Elementwise.add(y, Shapes.reshape(bias, 1, cout, 1, 1));
    }

    private static Tensor conv(ComputeDevice d, Tensor x, Tensor w, Tensor bias, Conv2dSpec s) {
        int oh = Conv2dSpec.convOut(x.dim(2), w.dim(2), s.strideH(), s.padH(), s.dilationH());
        int ow = Conv2dSpec.convOut(x.dim(3), w.dim(3), s.strideW(), s.padW(), s.dilationW());
        require(oh > 0 && ow > 0, "conv2d: input " + x.shape() + " is too small for a " + w.dim(2) + "x"
                + w.dim(3) + " kernel with " + s);
        Tensor xc = contig(x);
        Tensor wc = contig(w);
        Tensor y = Ops.out(d, x.dim(0), w.dim(0), oh, ow);
        d.kernels().conv2d(xc, wc, bias == null ? null : contig(bias), y, s);
        return Autograd.record("conv2d", y, (g, need) -> {
            Tensor gc = contig(g);
            Tensor gx = null;
            Tensor gw = null;
            if (need[0]) {
                gx = Ops.out(d, x.shape());
                d.kernels().conv2dBackwardInput(gc, wc, gx, s);
            }
            if (need[1]) {
                gw = Ops.out(d, w.shape());
                d.kernels().conv2dBackwardWeight(xc, gc, gw, s);
            }
            Tensor gb = need[2] ? Reductions.sum(g, false, 0, 2, 3) : null;
            return new Tensor[] {gx, gw, gb};
        }, x, w, bias);
    }

    private static Tensor convT(ComputeDevice d, Tensor x, Tensor w, Tensor bias, Conv2dSpec s) {
        int oh = Conv2dSpec.transposedOut(x.dim(2), w.dim(2), s.strideH(), s.padH(), s.dilationH(), s.outPadH());
        int ow = Conv2dSpec.transposedOut(x.dim(3), w.dim(3), s.strideW(), s.padW(), s.dilationW(), s.outPadW());
        require(oh > 0 && ow > 0, "convTranspose2d: output would be empty for " + x.shape() + " and " + s);
        require(Conv2dSpec.convOut(oh, w.dim(2), s.strideH(), s.padH(), s.dilationH()) == x.dim(2)
                && Conv2dSpec.convOut(ow, w.dim(3), s.strideW(), s.padW(), s.dilationW()) == x.dim(3),
                "convTranspose2d: output padding " + s.outPadH() + "x" + s.outPadW()
                        + " must be smaller than the stride or the dilation");
        Tensor xc = contig(x);
        Tensor wc = contig(w);
        int cout = w.dim(1) * s.groups();
        Tensor y = Ops.out(d, x.dim(0), cout, oh, ow);
        d.kernels().conv2dBackwardInput(xc, wc, y, s);
        if (bias != null) {
            Tensor yb = Ops.out(d, y.shape());
            d.kernels().binary(tessera.compute.spi.BinaryOp.ADD, y,
                    Shapes.expand(Shapes.reshape(contig(bias).detach(), 1, cout, 1, 1), y.dims()).detach(), yb);
            y = yb;
        }
        return Autograd.record("convTranspose2d", y, (g, need) -> {
            Tensor gc = contig(g);
            Tensor gx = null;
            Tensor gw = null;
            if (need[0]) {
                gx = Ops.out(d, x.shape());
                d.kernels().conv2d(gc, wc, null, gx, s);
            }
            if (need[1]) {
                gw = Ops.out(d, w.shape());
                d.kernels().conv2dBackwardWeight(gc, xc, gw, s);
            }
            Tensor gb = need[2] ? Reductions.sum(g, false, 0, 2, 3) : null;
            return new Tensor[] {gx, gw, gb};
        }, x, w, bias);
    }
}
