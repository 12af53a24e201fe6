package tessera.compute;

/**
 * Geometry of a 2-D convolution or transposed convolution on NCHW tensors, as in PyTorch's
 * {@code Conv2d}/{@code ConvTranspose2d}. Weights are {@code [Cout, Cin/groups, kH, kW]} for a
 * convolution and {@code [Cin, Cout/groups, kH, kW]} for a transposed one.
 *
 * @param strideH vertical stride, &ge; 1
 * @param strideW horizontal stride, &ge; 1
 * @param padH rows of padding on top and bottom, &ge; 0
 * @param padW columns of padding left and right, &ge; 0
 * @param dilationH vertical dilation, &ge; 1
 * @param dilationW horizontal dilation, &ge; 1
 * @param groups channel groups, &ge; 1, dividing both channel counts
 * @param padding how the border is filled; kernels only ever receive {@link PaddingMode#ZEROS}
 *                (the ops pad circular/reflect borders explicitly)
 * @param outPadH transposed convolution only: extra rows at the bottom, &lt; stride or dilation
 * @param outPadW transposed convolution only: extra columns at the right
 */
public record Conv2dSpec(int strideH, int strideW, int padH, int padW, int dilationH, int dilationW,
        int groups, PaddingMode padding, int outPadH, int outPadW) {

    public Conv2dSpec {
        if (strideH < 1 || strideW < 1 || dilationH < 1 || dilationW < 1 || groups < 1
                || padH < 0 || padW < 0 || outPadH < 0 || outPadW < 0 || padding == null) {
            throw new IllegalArgumentException("invalid convolution geometry " + describe(strideH, strideW,
                    padH, padW, dilationH, dilationW, groups, padding)
                    + "; strides, dilations and groups must be >= 1, paddings >= 0");
        }
    }

    /** Stride 1, no padding, no dilation, one group. */
    public static Conv2dSpec defaults() {
        return new Conv2dSpec(1, 1, 0, 0, 1, 1, 1, PaddingMode.ZEROS, 0, 0);
    }

    /** Square stride and zero padding. */
    public static Conv2dSpec of(int stride, int padding) {
        return new Conv2dSpec(stride, stride, padding, padding, 1, 1, 1, PaddingMode.ZEROS, 0, 0);
    }

    public Conv2dSpec withStride(int h, int w) {
        return new Conv2dSpec(h, w, padH, padW, dilationH, dilationW, groups, padding, outPadH, outPadW);
    }

    public Conv2dSpec withPadding(int h, int w, PaddingMode mode) {
        return new Conv2dSpec(strideH, strideW, h, w, dilationH, dilationW, groups, mode, outPadH, outPadW);
    }

    public Conv2dSpec withDilation(int h, int w) {
        return new Conv2dSpec(strideH, strideW, padH, padW, h, w, groups, padding, outPadH, outPadW);
    }

    public Conv2dSpec withGroups(int g) {
        return new Conv2dSpec(strideH, strideW, padH, padW, dilationH, dilationW, g, padding, outPadH, outPadW);
    }

    public Conv2dSpec withOutputPadding(int h, int w) {
        return new Conv2dSpec(strideH, strideW, padH, padW, dilationH, dilationW, groups, padding, h, w);
    }

    /** The same geometry with the padding taken away (the ops pad explicitly for non-zero modes). */
    public Conv2dSpec unpadded() {
        return new Conv2dSpec(strideH, strideW, 0, 0, dilationH, dilationW, groups, PaddingMode.ZEROS,
                outPadH, outPadW);
    }

    /** Output size of a convolution along one axis; may be &le; 0 for an input that is too small. */
    public static int convOut(int in, int k, int stride, int pad, int dilation) {
        return Math.floorDiv(in + 2 * pad - dilation * (k - 1) - 1, stride) + 1;
    }

    /** Output size of a transposed convolution along one axis. */
    public static int transposedOut(int in, int k, int stride, int pad, int dilation, int outPad) {
        return (in - 1) * stride - 2 * pad + dilation * (k - 1) + outPad + 1;
    }

    private static String describe(int sh, int sw, int ph, int pw, int dh, int dw, int g, PaddingMode m) {
        return "stride " + sh + "x" + sw + ", padding " + ph + "x" + pw + " " + m + ", dilation " + dh + "x" + dw
                + ", groups " + g;
    }
}
