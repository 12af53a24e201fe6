package tessera.compute.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import tessera.compute.Tensor;
import tessera.compute.ops.Attention;
import tessera.compute.ops.Dropout;
import tessera.compute.ops.Embeddings;
import tessera.compute.ops.Linalg;
import tessera.compute.ops.Losses;
import tessera.compute.ops.Normalization;
import tessera.compute.ops.Shapes;
import tessera.compute.testing.GradCheck.Input;

/** Normalization, softmax, losses, attention, embedding and dropout. */
public abstract class NormConformance extends ConformanceBase {
    static final float EPS = 1e-5f;

    @Test
    void normsStandardizeLikeFloat64() {
        int n = between(2, 3), c = 4, h = between(1, 5), w = between(1, 5);
        float[] x = uniform(n * c * h * w, -2, 3);
        Tensor t = tensor(x, n, c, h, w);
        assertClose("batchNorm", Normalization.batchNorm(t, null, null, null, null, true, 0.1f, EPS),
                Reference.standardize(x, n, c, h * w, EPS));
        assertClose("groupNorm", Normalization.groupNorm(t, 2, null, null, EPS),
                Reference.standardize(x, 1, n * 2, 2 * h * w, EPS));
        assertClose("layerNorm", Normalization.layerNorm(t, 3, null, null, EPS),
                Reference.standardize(x, 1, n, c * h * w, EPS));
    }

    @Test
    void groupNormAffineAndSiluMatchTheStandardizedValuesInFloat64() {
        int n = between(1, 3), c = 6, h = between(1, 6), w = between(1, 6), groups = 3, s = h * w;
        float[] x = uniform(n * c * s, -2, 3);
        float[] gamma = uniform(c, 0.5f, 1.5f);
        float[] beta = uniform(c, -1, 1);
        double[] xhat = Reference.standardize(x, 1, n * groups, c / groups * s, EPS);
        double[] affine = new double[x.length];
        double[] silu = new double[x.length];
        double[] shiftOnly = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            int ch = i / s % c;
            affine[i] = xhat[i] * gamma[ch] + beta[ch];
            silu[i] = affine[i] / (1 + Math.exp(-affine[i]));
            double z = xhat[i] + beta[ch];
            shiftOnly[i] = z / (1 + Math.exp(-z));
        }
        Tensor t = tensor(x, n, c, h, w);
        Tensor g = tensor(gamma, c);
        Tensor b = tensor(beta, c);
        assertClose("groupNorm affine", Normalization.groupNorm(t, groups, g, b, EPS), affine);
        assertClose("groupNormSilu", Normalization.groupNormSilu(t, groups, g, b, EPS), silu);
        assertClose("groupNormSilu without gamma", Normalization.groupNormSilu(t, groups, null, b, EPS), shiftOnly);
        // a permuted view is read in logical order: swap H and W twice
        Tensor viewed = Shapes.transpose(Shapes.contiguous(Shapes.transpose(t, 2, 3)), 2, 3);
        assertClose("groupNormSilu of a strided view", Normalization.groupNormSilu(viewed, groups, g, b, EPS), silu);
    }

    @Test
    void fusedGroupNormActivationsGiveTheComposedOpsValuesAndGradients() {
        int n = 2, c = 8, h = between(2, 5), w = between(2, 5), groups = 4;
        float[] xv = uniform(n * c * h * w, -2, 2);
        float[] gv = uniform(c, 0.5f, 1.5f);
        float[] bv = uniform(c, -1, 1);
        float[] up = uniform(n * c * h * w, -1, 1);
        for (String act : new String[] {"relu", "silu"}) {
            Tensor[] fused = groupNormGrads(act, true, xv, gv, bv, up, n, c, h, w, groups);
            Tensor[] composed = groupNormGrads(act, false, xv, gv, bv, up, n, c, h, w, groups);
            String[] names = {"output", "x gradient", "gamma gradient", "beta gradient"};
            for (int i = 0; i < names.length; i++) {
                float[] e = composed[i].toArray();
                double[] expected = new double[e.length];
                for (int k = 0; k < e.length; k++) {
                    expected[k] = e[k];
                }
                assertClose("groupNorm+" + act + " " + names[i], fused[i], expected);
            }
        }
    }

    /** The output and the x, gamma, beta gradients for an incoming gradient {@code up}, fused or as two ops. */
    private Tensor[] groupNormGrads(String act, boolean fused, float[] xv, float[] gv, float[] bv, float[] up, int n, int c,
            int h, int w, int groups) {
        Tensor x = tensor(xv, n, c, h, w).requiresGrad(true);
        Tensor g = tensor(gv, c).requiresGrad(true);
        Tensor b = tensor(bv, c).requiresGrad(true);
        Tensor y;
        if (fused) {
            y = act.equals("relu") ? Normalization.groupNormRelu(x, groups, g, b, EPS) : Normalization.groupNormSilu(x, groups, g, b, EPS);
        } else {
            Tensor z = Normalization.groupNorm(x, groups, g, b, EPS);
            y = act.equals("relu") ? tessera.compute.ops.Elementwise.relu(z) : tessera.compute.ops.Elementwise.silu(z);
        }
        Tensor[] grads = tessera.compute.Autograd.vjp(y, tensor(up, n, c, h, w), x, g, b);
        return new Tensor[] {y, grads[0], grads[1], grads[2]};
    }

    @Test
    void batchNormTracksRunningStatisticsAndUsesThemInEvaluation() {
        int n = 4, c = 3, hw = 5;
        float[] x = uniform(n * c * hw, 1, 3);
        Tensor rm = Tensor.zeros(device(), c);
        Tensor rv = Tensor.ones(device(), c);
        Normalization.batchNorm(tensor(x, n, c, 1, hw), null, null, rm, rv, true, 0.5f, EPS);
        float[] m = rm.toArray();
        float[] v = rv.toArray();
        for (int ch = 0; ch < c; ch++) {
            double s = 0;
            double sq = 0;
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < hw; k++) {
                    s += x[(i * c + ch) * hw + k];
                }
            }
            double mu = s / (n * hw);
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < hw; k++) {
                    sq += Math.pow(x[(i * c + ch) * hw + k] - mu, 2);
                }
            }
            assertThat((double) m[ch]).isCloseTo(0.5 * mu, Offset.offset(1e-5));
            assertThat((double) v[ch]).isCloseTo(0.5 + 0.5 * sq / (n * hw - 1), Offset.offset(1e-4));
        }
        Tensor y = Normalization.batchNorm(tensor(x, n, c, 1, hw), null, null, rm, rv, false, 0.5f, EPS);
        float[] yv = y.toArray();
        assertThat((double) yv[0]).isCloseTo((x[0] - m[0]) / Math.sqrt(v[0] + EPS), Offset.offset(1e-4));
        float[] gamma = {1.5f, -0.5f, 2f};
        float[] beta = {-0.2f, 0.3f, 0f};
        float[] r = Normalization.batchNormRelu(tensor(x, n, c, 1, hw), tensor(gamma, c), tensor(beta, c), rm, rv, false, 0.5f, EPS)
                .toArray();
        for (int i = 0; i < r.length; i++) {
            int ch = i / hw % c;
            double z = (x[i] - m[ch]) / Math.sqrt(v[ch] + EPS) * gamma[ch] + beta[ch];
            assertThat((double) r[i]).as("batchNormRelu in evaluation at %d", i).isCloseTo(Math.max(0, z), Offset.offset(1e-4));
        }
    }

    @Test
    void normGradients() {
        int n = 2, c = 4, h = between(2, 3), w = between(2, 3);
        Input x = Input.uniform(rnd, -2, 2, n, c, h, w);
        Input g = Input.uniform(rnd, 0.5f, 1.5f, c);
        Input b = Input.uniform(rnd, -1, 1, c);
        GradCheck.check("batchNorm", device(), seed,
                t -> Normalization.batchNorm(t[0], t[1], t[2], null, null, true, 0.1f, EPS), x, g, b);
        Tensor rm = tensor(uniform(c, -0.5f, 0.5f), c);
        Tensor rv = tensor(uniform(c, 0.5f, 2f), c);
        GradCheck.check("batchNorm in evaluation", device(), seed,
                t -> Normalization.batchNorm(t[0], t[1], t[2], rm, rv, false, 0.1f, EPS), x, g, b);
        GradCheck.check("groupNorm", device(), seed, t -> Normalization.groupNorm(t[0], 2, t[1], t[2], EPS), x, g, b);
        GradCheck.check("groupNormSilu", device(), seed, t -> Normalization.groupNormSilu(t[0], 2, t[1], t[2], EPS), x, g, b);
        GradCheck.check("groupNormSilu without gamma", device(), seed, t -> Normalization.groupNormSilu(t[0], 2, null, t[1], EPS),
                x, b);
        GradCheck.check("groupNorm without affine", device(), seed, t -> Normalization.groupNorm(t[0], 4, null, null, EPS), x);
        GradCheck.check("layerNorm", device(), seed, t -> Normalization.layerNorm(t[0], 1, t[1], t[2], EPS),
                Input.uniform(rnd, -2, 2, 3, 5), Input.uniform(rnd, 0.5f, 1.5f, 5), Input.uniform(rnd, -1, 1, 5));
    }

    @Test
    void softmaxAndLogSoftmax() {
        int rows = between(1, 5), k = between(1, 9);
        float[] x = uniform(rows * k, -5, 5);
        assertClose("softmax", Normalization.softmax(tensor(x, rows, k), -1), Reference.softmax(x, rows, k, false));
        assertClose("logSoftmax", Normalization.logSoftmax(tensor(x, rows, k), 1), Reference.softmax(x, rows, k, true));
        Tensor along0 = Normalization.softmax(Shapes.transpose(tensor(x, rows, k), 0, 1), 0);
        assertClose("softmax of a transposed view", Shapes.transpose(along0, 0, 1), Reference.softmax(x, rows, k, false));
        GradCheck.check("softmax axis 1", device(), seed, t -> Normalization.softmax(t[0], 1),
                Input.uniform(rnd, -2, 2, 2, 4, 3));
        GradCheck.check("logSoftmax", device(), seed, t -> Normalization.logSoftmax(t[0], -1),
                Input.uniform(rnd, -2, 2, 3, 5));
    }

    @Test
    void lossesMatchTheirDefinitions() {
        int n = between(2, 20);
        float[] p = uniform(n, -2, 2);
        float[] q = uniform(n, 0, 1);
        double mse = 0;
        double l1 = 0;
        double bce = 0;
        for (int i = 0; i < n; i++) {
            mse += Math.pow(p[i] - q[i], 2) / n;
            l1 += Math.abs(p[i] - q[i]) / n;
            double s = 1 / (1 + Math.exp(-p[i]));
            bce += -(q[i] * Math.log(s) + (1 - q[i]) * Math.log(1 - s)) / n;
        }
        assertClose("mse", Losses.mse(tensor(p, n), tensor(q, n)), new double[] {mse});
        assertClose("l1", Losses.l1(tensor(p, n), tensor(q, n)), new double[] {l1});
        assertClose("bce", Losses.bceWithLogits(tensor(p, n), tensor(q, n)), new double[] {bce});
        int[] labels = {1, 0, 2};
        float[] logits = uniform(9, -2, 2);
        double[] lsm = Reference.softmax(logits, 3, 3, true);
        assertClose("crossEntropy", Losses.crossEntropy(tensor(logits, 3, 3), labels),
                new double[] {-(lsm[1] + lsm[3] + lsm[8]) / 3});
        Input a = Input.distinct(rnd, 0.05f, 2, 3);
        Input b = Input.distinct(rnd, 0.05f, 0.5f, 2, 3);
        GradCheck.check("mse", device(), seed, t -> Losses.mse(t[0], t[1]), a, b);
        GradCheck.check("l1", device(), seed, t -> Losses.l1(t[0], t[1]), a, b);
        GradCheck.check("bce", device(), seed, t -> Losses.bceWithLogits(t[0], t[1]), a,
                Input.uniform(rnd, 0, 1, 2, 3));
        GradCheck.check("crossEntropy", device(), seed, t -> Losses.crossEntropy(t[0], labels),
                Input.uniform(rnd, -2, 2, 3, 3));
    }

    @Test
    void attentionIsSoftmaxOfScaledScores() {
        int b = 2, l = between(1, 5), d = between(1, 6);
        float[] q = uniform(b * l * d, -1, 1);
        float[] k = uniform(b * l * d, -1, 1);
        float[] v = uniform(b * l * d, -1, 1);
        Tensor y = Attention.scaledDotProduct(tensor(q, b, l, d), tensor(k, b, l, d), tensor(v, b, l, d), null, true);
        double[] expected = new double[b * l * d];
        for (int bi = 0; bi < b; bi++) {
            for (int i = 0; i < l; i++) {
                float[] s = new float[i + 1];
                for (int j = 0; j <= i; j++) {
                    double dot = 0;
                    for (int e = 0; e < d; e++) {
                        dot += (double) q[(bi * l + i) * d + e] * k[(bi * l + j) * d + e];
                    }
                    s[j] = (float) (dot / Math.sqrt(d));
                }
                double[] p = Reference.softmax(s, 1, i + 1, false);
                for (int e = 0; e < d; e++) {
                    double acc = 0;
                    for (int j = 0; j <= i; j++) {
                        acc += p[j] * v[(bi * l + j) * d + e];
                    }
                    expected[(bi * l + i) * d + e] = acc;
                }
            }
        }
        assertClose("causal attention", y, expected);
        GradCheck.check("attention", device(), seed, t -> Attention.scaledDotProduct(t[0], t[1], t[2], null, false),
                Input.uniform(rnd, -1, 1, 1, 2, 3, 4), Input.uniform(rnd, -1, 1, 1, 2, 5, 4),
                Input.uniform(rnd, -1, 1, 1, 2, 5, 3));
    }

    @Test
    void embeddingGathersRowsAndAddsGradientsOfRepeats() {
        float[] table = uniform(5 * 3, -1, 1);
        int[] ids = {4, 0, 4, 2};
        float[] y = Embeddings.embedding(tensor(table, 5, 3), ids).toArray();
        for (int i = 0; i < ids.length; i++) {
            for (int j = 0; j < 3; j++) {
                assertThat(y[i * 3 + j]).isEqualTo(table[ids[i] * 3 + j]);
            }
        }
        GradCheck.check("embedding", device(), seed, t -> Embeddings.embedding(t[0], ids).square(),
                Input.uniform(rnd, -1, 1, 5, 3));
        GradCheck.check("embedding then linear", device(), seed,
                t -> Linalg.linear(Embeddings.embedding(t[0], ids), t[1], null),
                Input.uniform(rnd, -1, 1, 5, 3), Input.uniform(rnd, -1, 1, 2, 3));
    }

    @Test
    void dropoutKeepsTheExpectationAndItsMaskIsTheGradient() {
        Tensor x = Tensor.ones(device(), 20000);
        float[] y = Dropout.dropout(x, 0.25f, seed, true).toArray();
        double mean = 0;
        int zeros = 0;
        for (float v : y) {
            mean += v / y.length;
            zeros += v == 0 ? 1 : 0;
            assertThat(v == 0 || Math.abs(v - 1 / 0.75f) < 1e-6).isTrue();
        }
        assertThat(mean).isCloseTo(1.0, Offset.offset(0.03));
        assertThat(zeros / (double) y.length).isCloseTo(0.25, Offset.offset(0.02));
        assertThat(Dropout.dropout(x, 0.25f, seed, false)).isSameAs(x);
        GradCheck.check("dropout", device(), seed, t -> Dropout.dropout(t[0], 0.5f, 42, true),
                Input.uniform(rnd, -1, 1, 4, 5));
    }
}
