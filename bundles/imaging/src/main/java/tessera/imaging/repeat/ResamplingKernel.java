package tessera.imaging.repeat;

/** Interpolation kernels for {@link WrapResampler}; both are widened by the scale factor when downscaling. */
public enum ResamplingKernel {
    /** Lanczos windowed sinc, a = 3: sharpest, slight ringing at hard edges (clamped to [0, 1]). */
    LANCZOS3(3),
    /** Keys cubic convolution, a = −0.5 (Catmull-Rom): softer, less ringing, cheaper. */
    BICUBIC(2);

    private final int radius;

    ResamplingKernel(int radius) {
        this.radius = radius;
    }

    /** @return the support radius in source pixels at scale 1 */
    public int radius() {
        return radius;
    }

    /** @return the kernel at distance t (in kernel units) */
    double at(double t) {
        double a = Math.abs(t);
        if (a >= radius) {
            return 0;
        }
        return switch (this) {
            case LANCZOS3 -> a < 1e-12 ? 1 : sinc(a) * sinc(a / 3);
            case BICUBIC -> a <= 1 ? (1.5 * a - 2.5) * a * a + 1 : ((-0.5 * a + 2.5) * a - 4) * a + 2;
        };
    }

    private static double sinc(double x) {
        double p = Math.PI * x;
        return Math.sin(p) / p;
    }
}
