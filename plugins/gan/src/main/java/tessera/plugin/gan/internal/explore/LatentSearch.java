package tessera.plugin.gan.internal.explore;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import tessera.compute.ComputeDevice;
import tessera.compute.Tensor;
import tessera.compute.TensorScope;
import tessera.compute.ops.Elementwise;
import tessera.compute.ops.Reductions;
import tessera.compute.optim.Adam;
import tessera.plugin.gan.internal.model.GanSpec;
import tessera.plugin.gan.internal.model.LatentCode;
import tessera.plugin.gan.internal.model.PeriodicGenerator;
import tessera.plugin.gan.internal.model.Torus;

/**
 * Optimises a latent code (global code, local noise, wave phases) through the frozen generator with the compute
 * autograd: projection of a reference image and constraint guidance are both this search with different losses.
 * A prior term keeps the code near where it started (guidance) or near the normal codes the generator knows
 * (projection), so the result still looks like the model's designs.
 */
public final class LatentSearch {
    private LatentSearch() {
    }

    /** The code found and the objective (without the prior) at the start and at the end. */
    public record Outcome(LatentCode code, double first, double last, List<Double> history) {
    }

    /**
     * @param loss      objective on the image as the generator makes it, [1, 3, H, W] in [−1, 1]; scalar
     * @param anchor    true: the prior pulls towards {@code start} (guidance); false: towards the origin (projection)
     * @param prior     weight of the prior, ≥ 0
     */
    public static Outcome run(PeriodicGenerator g, LatentCode start, int cellsW, int cellsH, int steps, float lr,
            Function<Tensor, Tensor> loss, boolean anchor, float prior) {
        GanSpec spec = g.spec();
        ComputeDevice d = g.weights().device();
        Torus torus = Torus.block(cellsW, cellsH);
        float[] l0 = start.localNoise(spec, cellsW, cellsH);
        int[] fam = {start.family()}, pal = {start.palette()};
        List<Double> history = new ArrayList<>();
        try (TensorScope codes = TensorScope.open()) {
            Tensor global = Tensor.of(d, start.global().clone(), 1, spec.globalChannels()).requiresGrad(true);
            Tensor local = Tensor.of(d, l0.clone(), 1, spec.localChannels(), cellsH, cellsW).requiresGrad(true);
            Tensor phases = spec.periodicWaves() == 0 ? null
                    : Tensor.of(d, start.phases().clone(), 1, spec.periodicWaves()).requiresGrad(true);
            Tensor g0 = Tensor.of(d, anchor ? start.global().clone() : new float[spec.globalChannels()], 1, spec.globalChannels());
            Tensor loc0 = Tensor.of(d, anchor ? l0.clone() : new float[l0.length], 1, spec.localChannels(), cellsH, cellsW);
            Adam opt = Adam.adam(phases == null ? List.of(global, local) : List.of(global, local, phases), lr, 0.9f, 0.999f, 1e-8f, 0f);
            for (int step = 0; step <= steps; step++) {
                try (TensorScope s = TensorScope.open()) {
                    Tensor image = g.forward(local, global, fam, pal, phases, torus);
                    Tensor objective = loss.apply(image);
                    history.add((double) objective.item());
                    if (step == steps) {
                        break; // the last entry measures the final code
                    }
                    Tensor reg = Elementwise.add(Reductions.mean(Elementwise.square(Elementwise.sub(global, g0))),
                            Reductions.mean(Elementwise.square(Elementwise.sub(local, loc0))));
                    Tensor total = Elementwise.add(objective, Elementwise.mul(reg, prior));
                    opt.zeroGrad();
                    total.backward();
                    opt.step();
                }
            }
            LatentCode found = new LatentCode(global.toArray(), phases == null ? new float[0] : phases.toArray(), start.family(), start.palette(),
                    start.localSeed(), local.toArray());
            return new Outcome(found, history.get(0), history.get(history.size() - 1), history);
        }
    }
}
