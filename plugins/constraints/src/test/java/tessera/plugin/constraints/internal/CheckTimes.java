package tessera.plugin.constraints.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

import tessera.api.constraint.ConstraintSolver;
import tessera.api.image.RgbImage;
import tessera.api.pattern.Pattern;
import tessera.api.profile.ProductionProfile;
import tessera.api.repeat.RepeatGeometry;
import tessera.plugin.constraints.internal.colour.ColourSolver;
import tessera.plugin.constraints.internal.repeat.RepeatSolver;
import tessera.plugin.constraints.internal.resolution.ResolutionSolver;
import tessera.plugin.constraints.internal.seam.SeamSolver;

/**
 * Check and repair times of every solver on 4096 × 4096 designs (#6 asks for them): a flat
 * 12-colour design, a smooth continuous-tone one and a noisy non-periodic one, against rotary-64-6.
 * Not a test; run with the test class path: {@code java -cp ... tessera.plugin.constraints.internal.CheckTimes [size]}.
 * The second round is the one to quote (the first includes JIT warm-up).
 */
public final class CheckTimes {
    private CheckTimes() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 4096;
        SplittableRandom rnd = new SplittableRandom(1);
        Map<String, RgbImage> designs = new LinkedHashMap<>();
        designs.put("flat-12", Designs.bands(n, n, Designs.TWELVE));
        designs.put("smooth", Designs.blockSeamless(n, n));
        designs.put("noisy", Designs.of(n, n, (c, x, y) -> 0.5 + 0.3 * Math.sin(x * 0.01 + c) * Math.cos(y * 0.013)
                + 0.05 * rnd.nextDouble()));
        ProductionProfile profile = Designs.profile("rotary-64-6");
        Map<String, ConstraintSolver> solvers = new LinkedHashMap<>();
        solvers.put("repeat", RepeatSolver.withDefaults());
        solvers.put("seam", SeamSolver.withDefaults());
        solvers.put("resolution", ResolutionSolver.withDefaults());
        solvers.put("colours", ColourSolver.withDefaults());
        for (int round = 1; round <= 2; round++) {
            System.out.println("round " + round + ", " + n + " × " + n + " px, " + profile.id());
            for (var d : designs.entrySet()) {
                Pattern p = Designs.pattern(d.getValue(), RepeatGeometry.BLOCK, 64, 64);
                for (var s : solvers.entrySet()) {
                    time(d.getKey(), s.getKey() + " check", () -> s.getValue().check(p, profile).passed());
                }
                time(d.getKey(), "colours repair", () -> solvers.get("colours").repair(p, profile).after().passed());
            }
        }
    }

    private static void time(String design, String what, Supplier<Boolean> run) {
        long t = System.nanoTime();
        boolean passed = run.get();
        System.out.printf("  %-8s %-18s %6.0f ms  %s%n", design, what, (System.nanoTime() - t) / 1e6, passed ? "passed" : "failed");
    }
}
