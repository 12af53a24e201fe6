package tessera.dataset.motif.internal;

import static tessera.dataset.motif.internal.Brief.frac;
import static tessera.dataset.motif.internal.Brief.lerp;

import tessera.dataset.motif.Palette;

/** Fine lines on a plain ground: suiting (light on dark) or shirting (dark on light). */
final class Pinstripe implements MotifRenderer {
    @Override
    public InkSet chooseInks(Palette palette, int total, Rng rng) {
        return InkSet.choose(palette, total, rng, rng.chance(0.6));
    }

    @Override
    public String paint(Brief b, Canvas canvas) {
        Rng r = b.rng();
        InkSet inks = b.inks();
        double spacing = b.side() * lerp(0.05, 0.2, 1 - b.density()) * lerp(0.7, 1.6, b.scale());
        double[] k = b.lattice().waveVector(b.rotation() + 90, spacing);
        double period = 1 / Shapes.len(k[0], k[1]);
        double line = Math.max(1.0, b.side() * lerp(0.008, 0.02, b.scale())) / period;
        boolean doubled = r.chance(0.3);
        boolean alternate = inks.motifInks() > 1;
        double gap = doubled ? 2.2 * line : 0;
        // with two line inks, every other line changes colour: the sett spans two lines per period
        canvas.paint((x, y) -> {
            double s = frac(k[0] * x + k[1] * y);
            double t = alternate ? frac(s * 2) : s;
            int ink = alternate && s >= 0.5 ? 2 : 1;
            return t < line || (doubled && t >= gap && t < gap + line) ? ink : 0;
        }, Swatches.of(inks));
        boolean suiting = inks.ground().luminance() < inks.ink(0).luminance();
        return (suiting ? "suiting" : "shirting") + (doubled ? " double" : "");
    }
}
