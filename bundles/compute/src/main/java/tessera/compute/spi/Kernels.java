package tessera.compute.spi;

import org.osgi.annotation.versioning.ProviderType;
import tessera.compute.Conv2dSpec;
import tessera.compute.PaddingMode;
import tessera.compute.Pool2dSpec;
import tessera.compute.Tensor;

/**
 * The kernels a device runs. The ops layer ({@code tessera.compute.ops}) has already checked
 * shapes, allocated every output on this device and decided which gradients are needed; a kernel
 * only computes. Shared rules, which the device conformance suite checks:
 * <ul>
 *   <li>"contiguous" means row-major with no gaps; where a parameter says "any strides" the tensor
 *       may be a permuted, sliced or broadcast (stride 0) view.</li>
 *   <li>Outputs are contiguous and their old contents are undefined (poisoned in tests) unless the
 *       method says it accumulates. An output may alias an input only where the method says so.</li>
 *   <li>Kernels may run asynchronously; {@link tessera.compute.ComputeDevice#read} waits.</li>
 * </ul>
 */
@ProviderType
public interface Kernels {

    // ---- memory -------------------------------------------------------------------------------

    /** out[...] = value. out may be any-strides (non-overlapping). */
    void fill(Tensor out, float value);

    /** dst = src, same shape; both any strides; dst must not overlap itself or src. */
    void copy(Tensor src, Tensor dst);

    /** Fills contiguous {@code out} with the numbers {@link CounterRng} defines for {@code seed}. */
    void random(Tensor out, Distribution distribution, long seed, float a, float b);

    // ---- elementwise --------------------------------------------------------------------------

    /** out = op(x) (with scalar alpha where the op takes one); x any strides; out may be x. */
    void unary(UnaryOp op, float alpha, Tensor x, Tensor out);

    /**
     * gx = gy · op'(x); y = op(x) is given too (devices may use either). x, y, gy contiguous;
     * {@code y} may be null when the op's derivative needs only x.
     */
    void unaryBackward(UnaryOp op, float alpha, Tensor x, Tensor y, Tensor gy, Tensor gx);

    /** out = a op b; a and b have out's shape, any strides (broadcast = stride 0); out may be a or b. */
    void binary(BinaryOp op, Tensor a, Tensor b, Tensor out);

    /**
     * Reduces x over the axes where {@code out} has size 1 and x does not (out has x's rank);
     * x any strides, out contiguous.
     */
    void reduce(ReduceOp op, Tensor x, Tensor out);

    /** y = alpha·x + beta·y in place; x and y contiguous of one shape (EMA, SGD, scaling). */
    void axpby(float alpha, Tensor x, float beta, Tensor y);

    // ---- linear algebra -----------------------------------------------------------------------

    /**
     * Batched matrix product {@code c = a·b + beta·c}: a {@code [B, M, K]}, b {@code [B, K, N]}, c
     * {@code [B, M, N]}. a and b any strides (a transposed view is a swap of its last two strides;
     * a shared operand has batch stride 0); c contiguous.
     *
     * @param beta 0 (overwrite; c's old contents ignored, even NaN) or 1 (accumulate)
     */
    void matmul(Tensor a, Tensor b, Tensor c, float beta);

    // ---- convolution (spec padding is always ZEROS here) -------------------------------------------

    /**
     * out = conv2d(x, w) + bias: x {@code [N, C, H, W]}, w {@code [Co, C/g, kH, kW]}, bias
     * {@code [Co]} or null, out {@code [N, Co, OH, OW]}; all contiguous.
     */
    void conv2d(Tensor x, Tensor w, Tensor bias, Tensor out, Conv2dSpec spec);

    /**
     * gx = the input gradient of conv2d given its output gradient gy (also the forward of a
     * transposed convolution). gy {@code [N, Co, OH, OW]}, w as in conv2d, gx {@code [N, C, H, W]};
     * all contiguous; gx is overwritten.
     */
    void conv2dBackwardInput(Tensor gy, Tensor w, Tensor gx, Conv2dSpec spec);

    /** gw = the weight gradient of conv2d; x, gy, gw contiguous; gw is overwritten. */
    void conv2dBackwardWeight(Tensor x, Tensor gy, Tensor gw, Conv2dSpec spec);

    // ---- resampling ---------------------------------------------------------------------------

    /** out = pool(x), NCHW contiguous. */
    void pool2d(PoolKind kind, Tensor x, Tensor out, Pool2dSpec spec);

    /**
     * gx = the input gradient of pool2d; x is the pool's input (max pools route the gradient to the
     * first maximum of each window, in row-major window order). gx is overwritten.
     */
    void pool2dBackward(PoolKind kind, Tensor x, Tensor gy, Tensor gx, Pool2dSpec spec);

    /**
     * Resizes the last two axes of x into out's size, NCHW contiguous.
     *
     * @param wrap true: neighbours across an edge come from the opposite edge (a tile of a repeat);
     *             false: edges clamp, as in PyTorch
     */
    void upsample2d(Interpolation mode, boolean wrap, Tensor x, Tensor out);

    /** gx = the input gradient of upsample2d; gx is overwritten. */
    void upsample2dBackward(Interpolation mode, boolean wrap, Tensor gy, Tensor gx);

    /**
     * Pads the last two axes: out {@code [N, C, H+top+bottom, W+left+right]}. For REFLECT and
     * CIRCULAR each pad must be smaller than the axis it pads (at most the axis for CIRCULAR).
     */
    void pad2d(PaddingMode mode, Tensor x, Tensor out, int top, int bottom, int left, int right);

    /** gx = the input gradient of pad2d (circular and reflect borders fold back); gx overwritten. */
    void pad2dBackward(PaddingMode mode, Tensor gy, Tensor gx, int top, int bottom, int left, int right);

    // ---- normalization ------------------------------------------------------------------------

    /**
     * Standardizes x seen as {@code [A, B, C]} (contiguous) per index b, over a and c:
     * {@code xhat = (x - mean_b) · rstd_b}, {@code rstd_b = 1/sqrt(var_b + eps)} with the biased
     * variance. Batch norm: A=N, B=C, C=H·W; group norm: A=1, B=N·G, C=H·W·C/G; layer norm: A=1.
     * mean and rstd are {@code [B]}.
     */
    void normalize(Tensor x, int a, int b, int c, float eps, Tensor xhat, Tensor mean, Tensor rstd);

    /**
     * gx = the input gradient of normalize: {@code rstd·(gxhat - mean(gxhat) - xhat·mean(gxhat·xhat))},
     * means over a and c.
     */
    void normalizeBackward(Tensor xhat, Tensor rstd, Tensor gxhat, int a, int b, int c, Tensor gx);

    /**
     * Group normalization with its per-channel affine and an optional activation, the pattern every UNet
     * and generator block repeats: x contiguous {@code [N, C, S]} (S = the product of the remaining axes),
     * standardized per (n, group) over its C/G channels and S as {@link #normalize} does, then
     * {@code out = act(xhat·gamma_c + beta_c)}; mean and rstd {@code [N·G]} as normalize writes them.
     * gamma and beta {@code [C]} contiguous, or null for 1 and 0; activation null for none, else a
     * {@link UnaryOp} that takes no alpha (RELU, SILU, GELU, TANH, SIGMOID). out contiguous, x's shape, not x.
     * <p>The default composes normalize, binary and unary (four passes over the data); a device
     * overrides it to make one pass after the statistics.
     */
    default void groupNorm(Tensor x, int groups, float eps, Tensor gamma, Tensor beta, UnaryOp activation, Tensor out,
            Tensor mean, Tensor rstd) {
        int n = x.dim(0);
        int c = x.dim(1);
        int s = x.numel() / (n * c);
        normalize(x, 1, n * groups, c / groups * s, eps, out, mean, rstd);
        tessera.compute.Shape ncs = tessera.compute.Shape.of(n, c, s);
        Tensor y = out.view(ncs, new int[] {c * s, s, 1}, out.offset());
        if (gamma != null) {
            binary(BinaryOp.MUL, y, gamma.view(ncs, new int[] {0, 1, 0}, gamma.offset()), y);
        }
        if (beta != null) {
            binary(BinaryOp.ADD, y, beta.view(ncs, new int[] {0, 1, 0}, beta.offset()), y);
        }
        if (activation != null) {
            unary(activation, 0f, out, out);
        }
    }

    /**
     * {@code out = act(x·scale_c + shift_c)} per channel c of contiguous x {@code [N, C, S]}: evaluation batch
     * norm with its statistics folded into scale and shift, and the activation after it. scale and shift
     * {@code [C]} contiguous; activation null or as for {@link #groupNorm}. out contiguous, x's shape; may be x.
     * The default composes binary and unary; a device overrides it to make one pass.
     */
    default void channelAffine(Tensor x, Tensor scale, Tensor shift, UnaryOp activation, Tensor out) {
        int n = x.dim(0);
        int c = x.dim(1);
        int s = x.numel() / (n * c);
        tessera.compute.Shape ncs = tessera.compute.Shape.of(n, c, s);
        int[] dense = {c * s, s, 1};
        int[] perChannel = {0, 1, 0};
        Tensor y = out.view(ncs, dense, out.offset());
        binary(BinaryOp.MUL, x.view(ncs, dense, x.offset()), scale.view(ncs, perChannel, scale.offset()), y);
        binary(BinaryOp.ADD, y, shift.view(ncs, perChannel, shift.offset()), y);
        if (activation != null) {
            unary(activation, 0f, out, out);
        }
    }

    /** out = softmax (or log-softmax) of contiguous x along {@code axis}. */
    void softmax(Tensor x, int axis, boolean log, Tensor out);

    /** gx from the op's output y and gradient gy; contiguous. */
    void softmaxBackward(Tensor y, Tensor gy, int axis, boolean log, Tensor gx);

    // ---- indexing -----------------------------------------------------------------------------

    /** out[i, :] = table[rows[i], :]; table {@code [V, D]}, out {@code [rows.length, D]}. */
    void gatherRows(Tensor table, int[] rows, Tensor out);

    /** gtable[rows[i], :] += g[i, :]; accumulates (repeated rows add up). */
    void scatterAddRows(Tensor g, int[] rows, Tensor gtable);

    // ---- optimizers ---------------------------------------------------------------------------

    /** One Adam/AdamW step in place on p, m and v; g is read only. All contiguous, one shape. */
    void adamStep(Tensor p, Tensor g, Tensor m, Tensor v, AdamStep step);
}
