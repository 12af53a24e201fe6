package tessera.dataset.motif.internal;

import static tessera.dataset.motif.internal.Brief.lerp;

/**
 * Argyle: a checker of tall diamonds with raker lines running through the diamond centres. The
 * diamond coordinates A and B come from the dual lattice at half frequency, so the colour parities
 * survive every lattice step.
 */
final class Argyle implements MotifRenderer {
    @Override
    public String paint(Brief b, Canvas canvas) {
        Rng r = b.rng();
        InkSet inks = b.inks();
        double dw = b.side() * lerp(0.2, 0.6, b.scale());
        double dh = dw * r.range(1.3, 1.6);
        double rot = b.rotation();
        double edge = Math.toDegrees(StrictMath.atan2(1 / dh, 1 / dw));
        double unit = 1 / Shapes.len(1 / dw, 1 / dh);
        double[] ka = b.lattice().waveVector(rot + edge, 2 * unit);
        double[] kb = b.lattice().waveVector(rot - edge, 2 * unit);
        int motifInks = inks.motifInks();
        boolean checker = motifInks >= 3 || (motifInks == 2 && r.chance(0.5));
        boolean rakers = motifInks >= 2 && !(motifInks == 2 && checker);
        int lineInk = checker ? 3 : 2;
        double line = Math.max(1.0, dw * lerp(0.02, 0.05, b.density()));
        double lineA = line * 2 * Shapes.len(ka[0], ka[1]);
        double lineB = line * 2 * Shapes.len(kb[0], kb[1]);
        boolean dashed = rakers && r.chance(0.4);
        canvas.paint((x, y) -> {
            double a = 2 * (ka[0] * x + ka[1] * y);
            double bb = 2 * (kb[0] * x + kb[1] * y);
            long i = (long) Math.floor(a + 0.5), j = (long) Math.floor(bb + 0.5);
            if (rakers) {
                boolean onA = Math.abs(a - Math.rint(a)) < lineA / 2;
                boolean onB = Math.abs(bb - Math.rint(bb)) < lineB / 2;
                boolean dashOn = !dashed || ((long) Math.floor(4 * (onA ? bb : a)) & 1) == 0;
                if ((onA || onB) && dashOn) {
                    return lineInk;
                }
            }
            if (((i + j) & 1) != 0) {
                return 0;
            }
            return checker && (i & 1) != 0 ? 2 : 1;
        }, Swatches.of(inks));
        return (checker ? "three-colour" : "classic") + (rakers ? dashed ? " with dashed rakers" : " with rakers" : "");
    }
}
