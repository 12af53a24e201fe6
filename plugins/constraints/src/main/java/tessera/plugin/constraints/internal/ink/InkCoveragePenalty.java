package tessera.plugin.constraints.internal.ink;

import tessera.api.profile.ProductionProfile;
import tessera.compute.Autograd;
import tessera.compute.ComputeDevice;
import tessera.compute.Tensor;
import tessera.compute.guidance.GuidancePenalty;
import tessera.compute.ops.Elementwise;
import tessera.compute.ops.Linalg;
import tessera.compute.ops.Reductions;
import tessera.compute.ops.Shapes;

/**
 * Ink coverage as a differentiable penalty (#6): the mean over pixels of (total ink − limit)², where over
 * the limit, with total ink read from the same sampled separation into the line's profile that the {@code inks} check uses
 * ({@link InkTable}, trilinear, so its gradient is exact for the interpolant). Two forms of the same function:
 * <ul>
 * <li>on an accelerator, compute ops on the image's own device ({@link #onDevice}): trilinear interpolation
 * written as tent functions, {@code tac = Σ T[i,j,k]·hat(r−i)·hat(g−j)·hat(b−k)}, contracted by a matrix product
 * with the 33² × 33 table, so the image never leaves the device (compute has no gather op to read 8 corners);</li>
 * <li>on the CPU device, a custom op ({@link #onHost}) that reads the 8 corners directly: there is no copy to
 * save there, and the dense contraction costs 36 000 multiply-adds a pixel against about 30.</li>
 * </ul>
 */
public final class InkCoveragePenalty implements GuidancePenalty {
    /** Pixels per slice of the device form. */
    private static final int CHUNK = 8192;
    private final InkTable table;

    /** @param line a line with an {@code inkjet} section: the same table as its {@code inks} check reads */
    public InkCoveragePenalty(ProductionProfile line) {
        this.table = InkSolver.table(line);
    }

    @Override
    public String rule() {
        return InkSolver.COVERAGE;
    }

    @Override
    public Tensor penalty(Tensor image) {
        return "cpu".equals(image.device().kind()) ? onHost(image) : onDevice(image);
    }

    /** The penalty from compute ops on the image's device; pixels are clamped to [0, 1] (no gradient outside). */
    Tensor onDevice(Tensor image) {
        ComputeDevice dev = image.device();
        int n = image.shape().dim(2) * image.shape().dim(3);
        int g = InkTable.N;
        Tensor nodes = Tensor.of(dev, ramp(g), g, 1);
        Tensor coverage = Tensor.of(dev, table.coverageNodes(), g * g, g); // rows (r, g), columns b
        Tensor x = Shapes.reshape(Shapes.contiguous(Elementwise.minimum(Elementwise.maximum(image, Tensor.scalar(dev, 0f)),
                Tensor.scalar(dev, 1f))), 3, n);
        Tensor sum = null;
        for (int from = 0; from < n; from += CHUNK) { // bounds the [33², chunk] intermediate to 36 MB
            Tensor part = Shapes.slice(x, 1, from, Math.min(n, from + CHUNK));
            Tensor hr = tent(Shapes.slice(part, 0, 0, 1), nodes, g);
            Tensor hg = tent(Shapes.slice(part, 0, 1, 2), nodes, g);
            Tensor hb = tent(Shapes.slice(part, 0, 2, 3), nodes, g);
            int m = part.shape().dim(1);
            Tensor byB = Shapes.reshape(Linalg.matmul(coverage, hb), g, g, m);
            Tensor byG = Reductions.sum(Elementwise.mul(byB, Shapes.unsqueeze(hg, 0)), false, 1);
            Tensor tac = Reductions.sum(Elementwise.mul(byG, hr), false, 0);
            Tensor over = Elementwise.relu(Elementwise.add(tac, (float) -table.limit()));
            Tensor s = Reductions.sum(Elementwise.square(over));
            sum = sum == null ? s : Elementwise.add(sum, s);
        }
        return Elementwise.mul(sum, 1f / n);
    }

    /**
     * @return [g, m]: the weight of each table node for each value, 1 − min(|v·(g−1) − node|, 1). Written with min, whose
     *         gradient at a tie goes to the distance, rather than relu(1 − |d|): for a value a float's rounding puts
     *         exactly one node away (v·32 = 1e-9 gives |d| = 1 for node 1), relu would drop that node's share of the slope
     */
    private static Tensor tent(Tensor v, Tensor nodes, int g) {
        Tensor d = Elementwise.abs(Elementwise.sub(Elementwise.mul(v, g - 1f), nodes));
        return Elementwise.add(Elementwise.neg(Elementwise.minimum(d, Tensor.scalar(v.device(), 1f))), 1f);
    }

    private static float[] ramp(int g) {
        float[] r = new float[g];
        for (int i = 0; i < g; i++) {
            r[i] = i;
        }
        return r;
    }

    /** The penalty as a custom op that reads the table's corners on the host (the image is copied there). */
    Tensor onHost(Tensor image) {
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
