package tessera.plugin.constraints.internal.ink;

import tessera.api.image.RgbImage;
import tessera.imaging.colour.DeltaE;
import tessera.imaging.colour.LabImage;
import tessera.imaging.icc.CmykImage;
import tessera.imaging.icc.CmykSeparation;

/**
 * What the ink check needs, sampled once on a 33 × 33 × 33 grid of sRGB colours (the grid imaging's
 * separation table itself uses) and read per pixel by trilinear interpolation: the total ink the
 * separation lays down, the ΔE2000 of the round trip sRGB → CMYK → sRGB (how far the colour is outside
 * the press gamut; in gamut it is below 1), and the repair's change of the colour (gamut mapped and
 * ink limited). Sampling ~36 000 colours through the ICC transform costs tens of milliseconds, a tile of
 * 16 M pixels a fraction of a second; per-pixel proofs through the ICC transform would take seconds.
 */
final class InkTable {
    static final int N = 33;
    private static final int NODES = N * N * N;
    /** Repair targets stay this far under the limit, so interpolation between nodes does not cross it. */
    private static final double MARGIN = 0.03;

    /** Per node: total ink (fraction, 0–4), round-trip ΔE2000, and the repair's shift of r, g, b. */
    private final float[] tac = new float[NODES];
    private final float[] de = new float[NODES];
    private final float[] shift = new float[3 * NODES];
    private final double limit;
    private final double tolerance;
    private final CmykSeparation separation;

    /**
     * @param separation sRGB → CMYK, relative colorimetric (so in-gamut colours come back unchanged)
     * @param limit      total ink allowed, as a fraction (2.8 = 280 %)
     * @param toleranceDe round trips closer than half of this are left alone by the repair; from there to
     *                    the tolerance the repair blends in the gamut mapping, so no edge appears in a gradient
     */
    InkTable(CmykSeparation separation, double limit, double toleranceDe) {
        this.limit = limit;
        this.tolerance = toleranceDe;
        this.separation = separation;
        float[] rgb = new float[3 * NODES];
        for (int i = 0; i < NODES; i++) {
            rgb[i] = (i / (N * N)) / (N - 1f);
            rgb[NODES + i] = (i / N % N) / (N - 1f);
            rgb[2 * NODES + i] = (i % N) / (N - 1f);
        }
        RgbImage nodes = RgbImage.wrap(N * N, N, rgb);
        CmykImage inks = separation.separate(nodes);
        float[] ink = inks.planesView();
        for (int i = 0; i < NODES; i++) {
            tac[i] = ink[i] + ink[NODES + i] + ink[2 * NODES + i] + ink[3 * NODES + i];
        }
        float[] roundTrip = DeltaE.ciede2000Map(LabImage.of(nodes), LabImage.of(separation.proof(inks)));
        System.arraycopy(roundTrip, 0, de, 0, NODES);
        targets(separation, nodes, ink, limit, toleranceDe);
    }

    private void targets(CmykSeparation separation, RgbImage nodes, float[] ink, double limit, double toleranceDe) {
        float[] rgb = nodes.planesView();
        // what the line prints for every node: the gamut-mapped colour
        float[] proof = separation.proof(CmykImage.wrap(N * N, N, ink.clone(), separation.profile())).planesView();
        int over = 0;
        int[] index = new int[NODES];
        for (int i = 0; i < NODES; i++) {
            if (tac[i] > limit) {
                index[over++] = i;
            }
        }
        float[] dark = new float[3 * over];
        for (int j = 0; j < over; j++) {
            for (int c = 0; c < 3; c++) {
                dark[c * over + j] = proof[c * NODES + index[j]];
            }
        }
        float[] light = Lightening.underLimit(separation, dark, over, limit - MARGIN);
        for (int i = 0; i < NODES; i++) {
            double w = tac[i] > limit ? 1 : smoothstep(toleranceDe / 2, toleranceDe, de[i]);
            for (int c = 0; c < 3; c++) {
                shift[c * NODES + i] = (float) (w * (proof[c * NODES + i] - rgb[c * NODES + i]));
            }
        }
        for (int j = 0; j < over; j++) {
            for (int c = 0; c < 3; c++) {
                shift[c * NODES + index[j]] = light[c * over + j] - rgb[c * NODES + index[j]];
            }
        }
    }

    /** @return total ink (fraction) at every node, index (r × N + g) × N + b: the table the device penalty interpolates */
    float[] coverageNodes() {
        return tac.clone();
    }

    /** @return the separation the table samples (the line's profile, relative colorimetric) */
    CmykSeparation separation() {
        return separation;
    }

    /** @return the total ink allowed, as a fraction (2.8 = 280 %) */
    double limit() {
        return limit;
    }

    /** @return the ΔE2000 beyond which a round trip counts as out of gamut */
    double tolerance() {
        return tolerance;
    }

    private static double smoothstep(double a, double b, double x) {
        double t = Math.clamp((x - a) / (b - a), 0, 1);
        return t * t * (3 - 2 * t);
    }

    /** Trilinear read of one per-node quantity at a pixel; {@code out} gets (tac, ΔE) or the shift. */
    void read(float r, float g, float b, float[] out, boolean repair) {
        float fr = Math.clamp(r, 0f, 1f) * (N - 1);
        float fg = Math.clamp(g, 0f, 1f) * (N - 1);
        float fb = Math.clamp(b, 0f, 1f) * (N - 1);
        int ir = Math.min((int) fr, N - 2);
        int ig = Math.min((int) fg, N - 2);
        int ib = Math.min((int) fb, N - 2);
        float dr = fr - ir;
        float dg = fg - ig;
        float db = fb - ib;
        int base = (ir * N + ig) * N + ib;
        if (repair) {
            for (int c = 0; c < 3; c++) {
                out[c] = lerp3(shift, c * NODES + base, dr, dg, db);
            }
        } else {
            out[0] = lerp3(tac, base, dr, dg, db);
            out[1] = lerp3(de, base, dr, dg, db);
        }
    }

    /** @return total ink at a pixel (fraction) into out[0] and its derivatives by r, g, b into out[1..3] */
    void coverageGradient(float r, float g, float b, float[] out) {
        float fr = Math.clamp(r, 0f, 1f) * (N - 1);
        float fg = Math.clamp(g, 0f, 1f) * (N - 1);
        float fb = Math.clamp(b, 0f, 1f) * (N - 1);
        int ir = Math.min((int) fr, N - 2);
        int ig = Math.min((int) fg, N - 2);
        int ib = Math.min((int) fb, N - 2);
        float dr = fr - ir;
        float dg = fg - ig;
        float db = fb - ib;
        int i = (ir * N + ig) * N + ib;
        int sr = N * N;
        float c00 = tac[i] + (tac[i + 1] - tac[i]) * db;
        float c01 = tac[i + N] + (tac[i + N + 1] - tac[i + N]) * db;
        float c10 = tac[i + sr] + (tac[i + sr + 1] - tac[i + sr]) * db;
        float c11 = tac[i + sr + N] + (tac[i + sr + N + 1] - tac[i + sr + N]) * db;
        float c0 = c00 + (c01 - c00) * dg;
        float c1 = c10 + (c11 - c10) * dg;
        out[0] = c0 + (c1 - c0) * dr;
        out[1] = (c1 - c0) * (N - 1);
        float e00 = tac[i + 1] - tac[i];
        float e01 = tac[i + N + 1] - tac[i + N];
        float e10 = tac[i + sr + 1] - tac[i + sr];
        float e11 = tac[i + sr + N + 1] - tac[i + sr + N];
        out[2] = ((c01 - c00) + ((c11 - c10) - (c01 - c00)) * dr) * (N - 1);
        out[3] = ((e00 + (e01 - e00) * dg) * (1 - dr) + (e10 + (e11 - e10) * dg) * dr) * (N - 1);
    }

    private static float lerp3(float[] v, int i, float dr, float dg, float db) {
        int sr = N * N;
        int sg = N;
        float c00 = v[i] + (v[i + 1] - v[i]) * db;
        float c01 = v[i + sg] + (v[i + sg + 1] - v[i + sg]) * db;
        float c10 = v[i + sr] + (v[i + sr + 1] - v[i + sr]) * db;
        float c11 = v[i + sr + sg] + (v[i + sr + sg + 1] - v[i + sr + sg]) * db;
        float c0 = c00 + (c01 - c00) * dg;
        float c1 = c10 + (c11 - c10) * dg;
        return c0 + (c1 - c0) * dr;
    }
}
