package tessera.plugin.gan.internal.quality;

/**
 * Fréchet distance between Gaussians fitted to two feature sets (the FID formula on the motif classifier's features):
 * |μ₁ − μ₂|² + tr(Σ₁ + Σ₂ − 2 (Σ₁^½ Σ₂ Σ₁^½)^½), with square roots of symmetric matrices by Jacobi eigendecomposition.
 * Also the mean pairwise distance of a set (diversity).
 */
public final class Frechet {
    private Frechet() {
    }

    /** @param a, b rows of features (n × d) */
    public static double distance(double[][] a, double[][] b) {
        int d = a[0].length;
        double[] ma = mean(a), mb = mean(b);
        double[][] ca = cov(a, ma), cb = cov(b, mb);
        double[][] sa = sqrtm(ca);
        double[][] m = mul(mul(sa, cb), sa);
        double trSqrt = 0;
        for (double e : eigen(symmetrize(m))[0]) {
            trSqrt += Math.sqrt(Math.max(0, e));
        }
        double dist = 0, tr = 0;
        for (int i = 0; i < d; i++) {
            dist += (ma[i] - mb[i]) * (ma[i] - mb[i]);
            tr += ca[i][i] + cb[i][i];
        }
        return dist + tr - 2 * trSqrt;
    }

    /** Mean Euclidean distance over all pairs of rows. */
    public static double meanPairwise(double[][] a) {
        double s = 0;
        long n = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = i + 1; j < a.length; j++) {
                double q = 0;
                for (int k = 0; k < a[i].length; k++) {
                    q += (a[i][k] - a[j][k]) * (a[i][k] - a[j][k]);
                }
                s += Math.sqrt(q);
                n++;
            }
        }
        return s / n;
    }

    static double[] mean(double[][] x) {
        double[] m = new double[x[0].length];
        for (double[] r : x) {
            for (int i = 0; i < m.length; i++) {
                m[i] += r[i] / x.length;
            }
        }
        return m;
    }

    static double[][] cov(double[][] x, double[] m) {
        int d = m.length;
        double[][] c = new double[d][d];
        for (double[] r : x) {
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    c[i][j] += (r[i] - m[i]) * (r[j] - m[j]) / (x.length - 1);
                }
            }
        }
        return c;
    }

    static double[][] sqrtm(double[][] s) {
        double[][][] vd = eigenFull(symmetrize(s));
        double[] e = vd[0][0];
        double[][] v = vd[1];
        int d = e.length;
        double[][] out = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double acc = 0;
                for (int k = 0; k < d; k++) {
                    acc += v[i][k] * Math.sqrt(Math.max(0, e[k])) * v[j][k];
                }
                out[i][j] = acc;
            }
        }
        return out;
    }

    static double[][] eigen(double[][] a) {
        return eigenFull(a)[0];
    }

    /** Cyclic Jacobi: returns {{eigenvalues}} and the eigenvectors as columns. */
    static double[][][] eigenFull(double[][] a0) {
        int n = a0.length;
        double[][] a = new double[n][];
        double[][] v = new double[n][n];
        for (int i = 0; i < n; i++) {
            a[i] = a0[i].clone();
            v[i][i] = 1;
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    off += a[p][q] * a[p][q];
                }
            }
            if (off < 1e-22) {
                break;
            }
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    if (Math.abs(a[p][q]) < 1e-300) {
                        continue;
                    }
                    double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1), s = t * c;
                    for (int k = 0; k < n; k++) {
                        double akp = a[k][p], akq = a[k][q];
                        a[k][p] = c * akp - s * akq;
                        a[k][q] = s * akp + c * akq;
                    }
                    for (int k = 0; k < n; k++) {
                        double apk = a[p][k], aqk = a[q][k];
                        a[p][k] = c * apk - s * aqk;
                        a[q][k] = s * apk + c * aqk;
                    }
                    for (int k = 0; k < n; k++) {
                        double vkp = v[k][p], vkq = v[k][q];
                        v[k][p] = c * vkp - s * vkq;
                        v[k][q] = s * vkp + c * vkq;
                    }
                }
            }
        }
        double[] e = new double[n];
        for (int i = 0; i < n; i++) {
            e[i] = a[i][i];
        }
        return new double[][][] {{e}, v};
    }

    static double[][] mul(double[][] a, double[][] b) {
        int n = a.length, m = b[0].length, k = b.length;
        double[][] c = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                double x = a[i][j];
                for (int l = 0; l < m; l++) {
                    c[i][l] += x * b[j][l];
                }
            }
        }
        return c;
    }

    static double[][] symmetrize(double[][] a) {
        int n = a.length;
        double[][] s = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                s[i][j] = 0.5 * (a[i][j] + a[j][i]);
            }
        }
        return s;
    }
}
