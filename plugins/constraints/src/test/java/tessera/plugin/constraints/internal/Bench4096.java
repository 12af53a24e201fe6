package tessera.plugin.constraints.internal;

import tessera.api.image.RgbImage;
import tessera.api.pattern.Pattern;
import tessera.api.repeat.RepeatGeometry;
import tessera.plugin.constraints.internal.colour.ColourSolver;
import tessera.plugin.constraints.internal.repeat.RepeatSolver;
import tessera.plugin.constraints.internal.resolution.ResolutionSolver;
import tessera.plugin.constraints.internal.seam.SeamSolver;

/** Scratch timing, not a test. */
public final class Bench4096 {
    public static void main(String[] args) {
        int n = 4096;
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(1);
        RgbImage smooth = Designs.blockSeamless(n, n);
        RgbImage noisy = Designs.of(n, n, (c, x, y) -> 0.5 + 0.3 * Math.sin(x * 0.01 + c) * Math.cos(y * 0.013) + 0.05 * rnd.nextDouble());
        RgbImage flat = Designs.bands(n, n, Designs.TWELVE);
        var profile = Designs.profile("rotary-64-6");
        for (int rep = 0; rep < 2; rep++) {
            for (var e : java.util.Map.of("smooth", smooth, "noisy", noisy, "flat12", flat).entrySet()) {
                Pattern p = Designs.pattern(e.getValue(), RepeatGeometry.BLOCK, 64, 64);
                time(e.getKey() + " repeat", () -> RepeatSolver.withDefaults().check(p, profile));
                time(e.getKey() + " seam", () -> SeamSolver.withDefaults().check(p, profile));
                time(e.getKey() + " resolution", () -> ResolutionSolver.withDefaults().check(p, profile));
                time(e.getKey() + " colours check", () -> ColourSolver.withDefaults().check(p, profile));
                time(e.getKey() + " colours repair", () -> ColourSolver.withDefaults().repair(p, profile));
            }
        }
    }

    static void time(String what, java.util.function.Supplier<Object> s) {
        long t = System.nanoTime();
        Object r = s.get();
        System.out.printf("%-28s %7.0f ms  %s%n", what, (System.nanoTime() - t) / 1e6, r.toString().length() > 200 ? r.toString().substring(0, 200) : r);
    }
}
