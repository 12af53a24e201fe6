package tessera.plugin.gan.internal.explore;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tessera.compute.Tensor;
import tessera.compute.TensorScope;
import tessera.compute.guidance.GuidancePenalty;
import tessera.compute.ops.Elementwise;
import tessera.plugin.gan.internal.model.LatentCode;
import tessera.plugin.gan.internal.model.PeriodicGenerator;

/**
 * Constraint guidance by latent search (#8, #6): minimises the weighted sum of the constraint plugin's penalties on
 * the generated tile, with a prior that keeps the code near the design it started from. Each penalty is measured
 * on the tile before and after, so the job record can show what guidance changed; the pipeline's checks and repairs
 * then run on the guided tile as on any other.
 */
public final class ConstraintGuidance {
    private ConstraintGuidance() {
    }

    /** The guided code and each rule's penalty before and after. */
    public record Guided(LatentCode code, Map<String, double[]> penalties) {
    }

    /**
     * @param strength request guidance 0..100: scales the penalties' weight and the number of steps
     */
    public static Guided guide(PeriodicGenerator g, LatentCode start, int cellsW, int cellsH,
            List<GuidancePenalty> penalties, double strength) {
        int steps = (int) Math.max(5, Math.round(strength * 0.4));
        float weight = (float) (strength / 2); // penalties are O(0.01–1); the prior is O(1) per unit of drift
        Map<String, double[]> measured = new LinkedHashMap<>();
        LatentSearch.Outcome out = LatentSearch.run(g, start, cellsW, cellsH, steps, 0.05f, img -> {
            Tensor rgb01 = Elementwise.mul(Elementwise.add(img, 1f), 0.5f);
            Tensor sum = null;
            for (GuidancePenalty p : penalties) {
                Tensor v = p.penalty(rgb01);
                sum = sum == null ? v : Elementwise.add(sum, v);
            }
            return Elementwise.mul(sum, weight);
        }, true, 1f);
        for (GuidancePenalty p : penalties) {
            measured.put(p.rule(), new double[] {penalty(g, start, cellsW, cellsH, p), penalty(g, out.code(), cellsW, cellsH, p)});
        }
        return new Guided(out.code(), measured);
    }

    static double penalty(PeriodicGenerator g, LatentCode code, int cellsW, int cellsH, GuidancePenalty p) {
        double[] v = new double[1];
        try (TensorScope s = TensorScope.open()) {
            LatentSearch.run(g, code, cellsW, cellsH, 0, 0.01f, img -> {
                Tensor t = p.penalty(Elementwise.mul(Elementwise.add(img, 1f), 0.5f));
                v[0] = t.item();
                return t;
            }, true, 0f);
        }
        return v[0];
    }
}
