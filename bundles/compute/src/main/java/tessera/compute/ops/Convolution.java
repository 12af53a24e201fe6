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

    /**
     * Nearest-neighbour ×2 upsampling followed by a 3×3 convolution (stride 1, padding 1 of {@code mode}), the
     * "resize-convolution" of generator decoders, computed on the small image. Each output phase (row parity a,
     * column parity b) reads only a 2×2 neighbourhood of the input, with taps that sum the 3×3 kernel's rows and
     * columns landing on the same input pixel; one convolution with the four phases' kernels stacked as 4·Co output
     * channels does all of it, and one pass interleaves the phases. Against convolving the upsampled image: 2.25×
     * fewer multiply-adds, a ninth of the im2col packing, no upsampled copy (#8: the 2048² seamless field). The same
     * function up to rounding, gradients included.
     *
     * @param x {@code [N, C, H, W]}
     * @param w {@code [Co, C, 3, 3]}
     * @param bias {@code [Co]} or null
     * @param mode {@link PaddingMode#ZEROS} or {@link PaddingMode#CIRCULAR}: both pad the upsampled image as
     *     they pad the small one ({@code REFLECT} does not, and is refused)
     * @return {@code [N, Co, 2H, 2W]}
     */
    public static Tensor upsampleConv2d(Tensor x, Tensor w, Tensor bias, PaddingMode mode) {
        ComputeDevice d = Ops.device("upsampleConv2d", x, w, bias);
        Ops.rank("upsampleConv2d", x, 4, "NCHW input");
        Ops.rank("upsampleConv2d", w, 4, "[Co, C, 3, 3] weight");
        require(w.dim(2) == 3 && w.dim(3) == 3 && x.dim(1) == w.dim(1), "upsampleConv2d: input " + x.shape()
                + " and weight " + w.shape() + " do not agree; the weight must be [Co, " + x.dim(1) + ", 3, 3]");
        require(bias == null || (bias.rank() == 1 && bias.dim(0) == w.dim(0)),
                "upsampleConv2d: bias must be [" + w.dim(0) + "], got " + (bias == null ? "" : bias.shape()));
        require(mode != PaddingMode.REFLECT, "upsampleConv2d: reflect padding of the upsampled image is no padding of "
                + "the input; upsample with Pooling.upsample and convolve with conv2d instead");
        int co = w.dim(0), h = x.dim(2), wd = x.dim(3);
        // phase kernels [4·Co, C, 2, 2], order (a, b) = 00, 01, 10, 11
        Tensor[] rows = {phaseTaps(w, 2, 0), phaseTaps(w, 2, 1)};
        Tensor w4 = Shapes.concat(0, phaseTaps(rows[0], 3, 0), phaseTaps(rows[0], 3, 1), phaseTaps(rows[1], 3, 0),
                phaseTaps(rows[1], 3, 1));
        Tensor b4 = bias == null ? null : Shapes.concat(0, bias, bias, bias, bias);
        // padding 1 all round makes (H+1)×(W+1) outputs: phase a = 0 reads rows y−1, y (output row y), a = 1 rows
        // y, y+1 (output row y+1); the one row and column neither phase reads is a 1/H overhead
        Tensor big = conv2d(x, w4, b4, Conv2dSpec.of(1, 0).withPadding(1, 1, mode));
        Tensor y = Ops.out(d, x.dim(0), co, 2 * h, 2 * wd);
        interleavePhases(d, big, y, co, h, wd, false);
        return Autograd.record("upsampleConv2d", y, (g, need) -> {
            Tensor gb = Tensor.zeros(d, big.dims());
            interleavePhases(d, gb, contig(g), co, h, wd, true);
            return new Tensor[] {gb};
        }, big);
    }

    /**
     * The 3×3 kernel's taps along {@code axis} (2: rows, 3: columns) folded to the two input pixels that phase
     * {@code parity} of the upsampled image reads: parity 0 takes (k0, k1 + k2), parity 1 (k0 + k1, k2).
     */
    private static Tensor phaseTaps(Tensor w, int axis, int parity) {
        Tensor k0 = Shapes.slice(w, axis, 0, 1), k1 = Shapes.slice(w, axis, 1, 2), k2 = Shapes.slice(w, axis, 2, 3);
        return parity == 0 ? Shapes.concat(axis, k0, Elementwise.add(k1, k2)) : Shapes.concat(axis, Elementwise.add(k0, k1), k2);
    }

    /**
     * y[n, c, 2i + a, 2j + b] = big[n, (2a + b)·Co + c, i + a, j + b], as four strided copies; {@code back} runs the
     * same copies the other way (the adjoint: the gradient of big, zero where no phase reads).
     */
    private static void interleavePhases(ComputeDevice d, Tensor big, Tensor y, int co, int h, int wd, boolean back) {
        int[] bs = big.strides(), ys = y.strides();
        tessera.compute.Shape phase = tessera.compute.Shape.of(big.dim(0), co, h, wd);
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                Tensor from = big.view(phase, bs, big.offset() + (2 * a + b) * co * bs[1] + a * bs[2] + b * bs[3]);
                Tensor to = y.view(phase, new int[] {ys[0], ys[1], 2 * ys[2], 2 * ys[3]}, y.offset() + a * ys[2] + b * ys[3]);
                if (back) {
                    d.kernels().copy(to, from);
                } else {
                    d.kernels().copy(from, to);
                }
            }
        }
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
