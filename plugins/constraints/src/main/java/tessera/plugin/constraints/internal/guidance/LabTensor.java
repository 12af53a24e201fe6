package tessera.plugin.constraints.internal.guidance;

import tessera.compute.Tensor;
import tessera.compute.ops.Elementwise;
import tessera.compute.ops.Shapes;
import tessera.imaging.colour.Srgb;
import tessera.imaging.colour.WhitePoint;

/**
 * sRGB → CIELAB (D50, the print white the checks use: imaging's {@code LabImage}) on a tensor, from compute
 * ops only, so the gradient flows back to the pixels on whatever device they are (#6). Both piecewise parts of
 * the standard (the sRGB curve's linear toe, CIE's linear segment below ε) are selected with masks that carry
 * no gradient; the power branches read clamped inputs, so a masked-off branch never yields an infinite
 * derivative (0 × ∞ would be NaN).
 */
final class LabTensor {
    private static final float EPSILON = 216f / 24389f;
    private static final float KAPPA = 24389f / 27f;
    /** L*, a*, b* are divided by this, so distances have the scale of sRGB's [0, 1] (1 ≈ 100 ΔE76). */
    static final float SCALE = 100;

    private LabTensor() {
    }

    /** @return [N, 3, H, W] of L*, a*, b* ÷ {@value #SCALE} for sRGB in [0, 1] of the same shape (clamped to it) */
    static Tensor of(Tensor srgb) {
        Tensor zero = Tensor.scalar(srgb.device(), 0f);
        Tensor one = Tensor.scalar(srgb.device(), 1f);
        Tensor x = Elementwise.minimum(Elementwise.maximum(srgb, zero), one);
        Tensor curve = Elementwise.pow(Elementwise.mul(Elementwise.add(x, 0.055f), 1 / 1.055f), 2.4f);
        Tensor toe = Elementwise.mul(x, 1 / 12.92f);
        Tensor lin = select(Elementwise.greater(x, Tensor.scalar(srgb.device(), 0.04045f)), curve, toe);
        double[][] m = Srgb.toXyzMatrix(WhitePoint.D50);
        double[] white = {WhitePoint.D50.x(), WhitePoint.D50.y(), WhitePoint.D50.z()};
        Tensor[] f = new Tensor[3];
        for (int row = 0; row < 3; row++) {
            Tensor t = null;
            for (int c = 0; c < 3; c++) {
                Tensor term = Elementwise.mul(Shapes.slice(lin, 1, c, c + 1), (float) (m[row][c] / white[row]));
                t = t == null ? term : Elementwise.add(t, term);
            }
            Tensor cube = Elementwise.pow(Elementwise.maximum(t, Tensor.scalar(srgb.device(), EPSILON)), 1f / 3);
            Tensor linear = Elementwise.add(Elementwise.mul(t, KAPPA / 116), 16f / 116);
            f[row] = select(Elementwise.greater(t, Tensor.scalar(srgb.device(), EPSILON)), cube, linear);
        }
        Tensor l = Elementwise.add(Elementwise.mul(f[1], 116 / SCALE), -16 / SCALE);
        Tensor a = Elementwise.mul(Elementwise.sub(f[0], f[1]), 500 / SCALE);
        Tensor b = Elementwise.mul(Elementwise.sub(f[1], f[2]), 200 / SCALE);
        return Shapes.concat(1, l, a, b);
    }

    /** @return where mask is 1, yes; elsewhere no (mask holds 0 or 1 and passes no gradient) */
    private static Tensor select(Tensor mask, Tensor yes, Tensor no) {
        return Elementwise.add(no, Elementwise.mul(mask, Elementwise.sub(yes, no)));
    }
}
