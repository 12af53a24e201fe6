package tessera.compute;

/**
 * Window of a 2-D max or average pool on NCHW tensors. Average pools count padded zeros
 * (PyTorch's {@code count_include_pad=True}); max pools ignore padding.
 *
 * @param kernelH window height, &ge; 1
 * @param kernelW window width, &ge; 1
 * @param strideH vertical stride, &ge; 1
 * @param strideW horizontal stride, &ge; 1
 * @param padH rows of padding on each side, 0 to kernelH/2
 * @param padW columns of padding on each side, 0 to kernelW/2
 */
public record Pool2dSpec(int kernelH, int kernelW, int strideH, int strideW, int padH, int padW) {
    public Pool2dSpec {
        if (kernelH < 1 || kernelW < 1 || strideH < 1 || strideW < 1 || padH < 0 || padW < 0
                || padH > kernelH / 2 || padW > kernelW / 2) {
            throw new IllegalArgumentException("invalid pool window " + kernelH + "x" + kernelW + " stride "
                    + strideH + "x" + strideW + " padding " + padH + "x" + padW
                    + "; padding may be at most half the window");
        }
    }

    /** A square window with stride equal to its size and no padding (the usual 2x2 pool). */
    public static Pool2dSpec of(int kernel) {
        return new Pool2dSpec(kernel, kernel, kernel, kernel, 0, 0);
    }

    public static Pool2dSpec of(int kernel, int stride, int padding) {
        return new Pool2dSpec(kernel, kernel, stride, stride, padding, padding);
    }

    public int outH(int h) {
        return (h + 2 * padH - kernelH) / strideH + 1;
    }

    public int outW(int w) {
        return (w + 2 * padW - kernelW) / strideW + 1;
    }
}
