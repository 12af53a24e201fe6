package tessera.plugin.constraints.internal.guidance;

import tessera.compute.Tensor;
import tessera.compute.guidance.GuidancePenalty;
import tessera.compute.ops.Elementwise;
import tessera.compute.ops.Normalization;
import tessera.compute.ops.Reductions;
import tessera.compute.ops.Shapes;

/**
 * Colour count by soft assignment, in CIELAB (#6), where the {@code colours} check counts and the repair
 * reduces: the pixels go to Lab on the tensor ({@link LabTensor}, differentiable, on the image's device); the
 * line's k colours are found in the image itself (k-means in Lab, not differentiated: the palette is where the
 * design already wants to go), and every pixel pays the squared Lab distance (÷ 100², so ΔE76 10 costs 0.01)
 * to the palette colours weighted by a softmax over them (temperature {@value #TAU}: colours about 10 ΔE76
 * apart share a pixel's pull). Descending it pulls each pixel to its perceptually nearest palette colour: the
 * palette reduction the screens need, done while the design is still being made. In sRGB, the first version's
 * space, dark colours that look far apart sat close together and light ones the eye merges sat far apart.
 */
final class PalettePenalty implements GuidancePenalty {
    static final float TAU = 0.01f;
    private static final int SAMPLE = 4096;
    private static final int ROUNDS = 12;
    private final int k;

    PalettePenalty(int k) {
        this.k = k;
    }

    @Override
    public String rule() {
        return "colour.count";
    }

    @Override
    public Tensor penalty(Tensor x) {
        Tensor lab = LabTensor.of(x);
        float[] palette = palette(lab.detach().toArray(), x.shape().dim(2) * x.shape().dim(3), k);
        int kk = palette.length / 3;
        Tensor p = Tensor.of(x.device(), palette, 1, kk, 3, 1, 1);
        Tensor d = Reductions.sum(Elementwise.square(Elementwise.sub(Shapes.unsqueeze(lab, 1), p)), false, 2); // [1, k, H, W]
        Tensor weight = Normalization.softmax(Elementwise.mul(d, -1 / TAU), 1);
        return Reductions.mean(Reductions.sum(Elementwise.mul(weight, d), false, 1));
    }

    /**
     * @param planes three planes of n pixels (here L*, a*, b* ÷ 100)
     * @return k colours (interleaved), from a deterministic k-means on at most 4096 evenly spaced pixels
     */
    static float[] palette(float[] planes, int n, int k) {
        int m = Math.min(n, SAMPLE);
        float[][] s = new float[m][3];
        for (int i = 0; i < m; i++) {
            int at = (int) ((long) i * n / m);
            for (int c = 0; c < 3; c++) {
                s[i][c] = planes[c * n + at];
            }
        }
        int kk = Math.min(k, m);
        float[][] centre = new float[kk][];
        centre[0] = s[0].clone();
        float[] nearest = new float[m];
        java.util.Arrays.fill(nearest, Float.MAX_VALUE);
        for (int j = 1; j < kk; j++) { // farthest-point seeding: deterministic and spread out
            int far = 0;
            for (int i = 0; i < m; i++) {
                nearest[i] = Math.min(nearest[i], dist(s[i], centre[j - 1]));
                if (nearest[i] > nearest[far]) {
                    far = i;
                }
            }
            centre[j] = s[far].clone();
        }
        for (int round = 0; round < ROUNDS; round++) {
            double[][] sum = new double[kk][3];
            int[] count = new int[kk];
            for (float[] v : s) {
                int best = 0;
                for (int j = 1; j < kk; j++) {
                    if (dist(v, centre[j]) < dist(v, centre[best])) {
                        best = j;
                    }
                }
                count[best]++;
                for (int c = 0; c < 3; c++) {
                    sum[best][c] += v[c];
                }
            }
            for (int j = 0; j < kk; j++) {
                for (int c = 0; c < 3 && count[j] > 0; c++) {
                    centre[j][c] = (float) (sum[j][c] / count[j]);
                }
            }
        }
        float[] out = new float[3 * kk];
        for (int j = 0; j < kk; j++) {
            System.arraycopy(centre[j], 0, out, 3 * j, 3);
        }
        return out;
    }

    private static float dist(float[] a, float[] b) {
        float d0 = a[0] - b[0];
        float d1 = a[1] - b[1];
        float d2 = a[2] - b[2];
        return d0 * d0 + d1 * d1 + d2 * d2;
    }
}
