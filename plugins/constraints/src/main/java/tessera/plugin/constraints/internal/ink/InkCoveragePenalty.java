package tessera.plugin.constraints.internal.ink;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import tessera.compute.Autograd;
import tessera.compute.Tensor;
import tessera.compute.guidance.GuidancePenalty;
import tessera.imaging.icc.CmykProfile;
import tessera.imaging.icc.CmykSeparation;
import tessera.imaging.icc.RenderingIntent;

/**
 * Ink coverage as a differentiable penalty (#6): the mean over pixels of (total ink − limit)², where over
 * the limit, with total ink read from the same sampled separation into the line's profile that the {@code inks} check uses
 * ({@link InkTable}, trilinear, so its gradient is exact for the interpolant). A custom op: the forward
 * and backward run on the host and the gradient goes back to the image's device.
 */
public final class InkCoveragePenalty implements GuidancePenalty {
    private static final Map<TableKey, InkTable> TABLES = new ConcurrentHashMap<>();
    private final InkTable table;

    private record TableKey(CmykProfile icc, double limit) {
    }

    /**
     * @param icc   the line's output profile ({@link LineIcc})
     * @param limit total ink allowed, as a fraction (2.8 = 280 %)
     */
    public InkCoveragePenalty(CmykProfile icc, double limit) {
        this.table = TABLES.computeIfAbsent(new TableKey(icc, limit), k -> new InkTable(
                new CmykSeparation(k.icc, RenderingIntent.RELATIVE_COLORIMETRIC), k.limit, 3));
    }

    @Override
    public String rule() {
        return InkSolver.COVERAGE;
    }

    @Override
    public Tensor penalty(Tensor image) {
        int h = image.shape().dim(2);
        int w = image.shape().dim(3);
        int n = h * w;
        float[] px = image.detach().toArray();
        float[] grad = new float[3 * n];
        float[] v = new float[4];
        double sum = 0;
        double limit = table.limit();
        for (int i = 0; i < n; i++) {
            table.coverageGradient(px[i], px[n + i], px[2 * n + i], v);
            double over = v[0] - limit;
            if (over > 0) {
                sum += over * over;
                for (int c = 0; c < 3; c++) {
                    grad[c * n + i] = (float) (2 * over * v[1 + c] / n);
                }
            }
        }
        Tensor out = Tensor.scalar(image.device(), (float) (sum / n));
        return Autograd.record("ink.coverage", out, (gOut, needs) -> {
            float g = gOut.item();
            float[] scaled = grad.clone();
            for (int i = 0; i < scaled.length; i++) {
                scaled[i] *= g;
            }
            return new Tensor[] {Tensor.of(image.device(), scaled, 1, 3, h, w)};
        }, image);
    }
}
