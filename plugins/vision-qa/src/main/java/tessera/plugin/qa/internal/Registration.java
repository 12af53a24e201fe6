package tessera.plugin.qa.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import tessera.api.repeat.RepeatGeometry;

/**
 * Scan → source registration (#10): a coarse search over rotations by phase correlation against the design
 * laid out under its repeat (so a scan of several repeats, or of part of one, finds its place), then
 * Gauss–Newton refinement of a similarity with a photometric gain and offset, coarse to fine, with robust
 * weights so that defects and colour shifts do not pull the fit.
 */
final class Registration {
    /** Phase-correlation size: 256² keeps the nine-angle search near 0.3 s on 2 cores; refinement does the rest. */
    private static final int N = 256;
    private static final int WINDOW = 128;

    private Registration() {
    }

    /** An image patch in some pixel frame: values at (x0 + i, y0 + j). */
    record Patch(float[] pix, int x0, int y0, int w, int h) {
    }

    /**
     * @param map scan grid → source; confidence 0..1, the coarse phase-correlation peak's sharpness
     * @param peak 0 for an angle's strongest correlation peak, 1 for its next, … (refinements: 0)
     */
    record Result(Similarity map, double confidence, double residual, int peak) {
        Result(Similarity map, double confidence, double residual) {
            this(map, confidence, residual, 0);
        }
    }

    /**
     * @param grid   scan luma on a grid (box averages), gw × gh
     * @param design the design's luma plane under its repeat
     * @param scale0 expected source pixels per grid pixel (from the two files' DPI)
     * @param maxRotationDeg rotations searched, ± this many degrees in 1° steps
     * @param peaks  correlation peaks kept per angle, strongest first (the next ones serve when the strongest explain
     *               nothing); each result says its rank
     */
    static List<Result> coarse(float[] grid, int gw, int gh, DesignRepeat design, double scale0, double maxRotationDeg, int peaks) {
        double[] period = superPeriod(design);
        // a full period must fit in the valid shifts with room to spare: a peak on the edge of that range is lost
        int k = Math.max(1, (int) Math.ceil(Math.max(period[0], period[1]) / (0.75 * scale0 * (N - WINDOW))));
        int cw = gw / k;
        int ch = gh / k;
        float[] coarse = k == 1 ? grid : Planes.boxDown(grid, gw, gh, 1, k, cw, ch);
        int m = Math.min(WINDOW, Math.min(cw, ch));
        int wx0 = (cw - m) / 2;
        int wy0 = (ch - m) / 2;
        double[] wre = new double[N * N];
        double[] wim = new double[N * N];
        double mean = 0;
        for (int j = 0; j < m; j++) {
            for (int i = 0; i < m; i++) {
                mean += coarse[(wy0 + j) * cw + wx0 + i];
            }
        }
        mean /= (double) m * m;
        for (int j = 0; j < m; j++) {
            double hj = 0.5 - 0.5 * Math.cos(2 * Math.PI * (j + 0.5) / m);
            for (int i = 0; i < m; i++) {
                double hi = 0.5 - 0.5 * Math.cos(2 * Math.PI * (i + 0.5) / m);
                wre[j * N + i] = (coarse[(wy0 + j) * cw + wx0 + i] - mean) * hi * hj;
            }
        }
        Fft.transform2d(wre, wim, N, false);
        double s = scale0 * k;
        DesignRepeat blurred = design.with(Planes.blurRepeat(design, design.plane(0), Math.max(0.5, s / 2)));
        List<Double> angles = new ArrayList<>();
        for (double a = -maxRotationDeg; a <= maxRotationDeg + 1e-9; a += 1.0) {
            angles.add(a);
        }
        // one candidate per angle; the caller keeps the one that explains the whole scan best (the peak's
        // sharpness alone ties between angles on designs with large flat grounds)
        return angles.parallelStream().flatMap(deg -> correlate(blurred, wre, wim, m, s, Math.toRadians(deg), peaks).stream().map(r -> {
            Similarity coarseMap = Similarity.of(s, r[3], 0, 0);
            // window pixel x matches reference pixel x + d: coarse pixel (wx0 + x) ↦ T_θ(x + d)
            double ox = r[1] - wx0;
            double oy = r[2] - wy0;
            Similarity c = new Similarity(coarseMap.a(), coarseMap.b(), coarseMap.u(ox, oy), coarseMap.v(ox, oy));
            return new Result(c.fromGrid(k), r[4], Double.NaN, (int) r[5]);
        })).toList();
    }

    /** @return per peak, strongest first: {peak, dx, dy, theta, sharpness, rank} */
    private static List<double[]> correlate(DesignRepeat design, double[] wre, double[] wim, int m, double s, double theta, int peaks) {
        double[] re = new double[N * N];
        double[] im = new double[N * N];
        Similarity t = Similarity.of(s, theta, 0, 0);
        for (int j = 0; j < N; j++) {
            for (int i = 0; i < N; i++) {
                re[j * N + i] = design.sample(0, t.u(i, j), t.v(i, j));
            }
        }
        Fft.transform2d(re, im, N, false);
        for (int i = 0; i < N * N; i++) {
            // conj(W) · R, whitened: phase correlation
            double pr = wre[i] * re[i] + wim[i] * im[i];
            double pi = wre[i] * im[i] - wim[i] * re[i];
            double mag = Math.hypot(pr, pi) + 1e-12;
            re[i] = pr / mag;
            im[i] = pi / mag;
        }
        Fft.transform2d(re, im, N, true);
        int lim = N - m;
        double sum = 0;
        double sum2 = 0;
        for (int j = 0; j <= lim; j++) {
            for (int i = 0; i <= lim; i++) {
                double v = re[j * N + i];
                sum += v;
                sum2 += v * v;
            }
        }
        double cnt = (lim + 1.0) * (lim + 1.0);
        double mu = sum / cnt;
        double sd = Math.sqrt(Math.max(1e-30, sum2 / cnt - mu * mu));
        List<double[]> out = new ArrayList<>();
        List<int[]> taken = new ArrayList<>();
        for (int q = 0; q < peaks; q++) {
            double peak = -Double.MAX_VALUE;
            int px = -1;
            int py = -1;
            for (int j = 0; j <= lim; j++) {
                for (int i = 0; i <= lim; i++) {
                    double v = re[j * N + i];
                    if (v > peak && farFrom(taken, i, j)) {
                        peak = v;
                        px = i;
                        py = j;
                    }
                }
            }
            if (px < 0) {
                break;
            }
            taken.add(new int[] {px, py});
            double dx = px + parabola(re[py * N + Math.floorMod(px - 1, N)], peak, re[py * N + (px + 1) % N]);
            double dy = py + parabola(re[Math.floorMod(py - 1, N) * N + px], peak, re[((py + 1) % N) * N + px]);
            double sharp = (peak - mu) / sd;
            out.add(new double[] {sharp, dx, dy, theta, sharp, q});
        }
        return out;
    }

    /** A later peak must lie 4 coarse pixels from the earlier ones: their flanks are the same match. */
    private static boolean farFrom(List<int[]> taken, int i, int j) {
        for (int[] t : taken) {
            if (Math.abs(t[0] - i) < 4 && Math.abs(t[1] - j) < 4) {
                return false;
            }
        }
        return true;
    }

    private static double parabola(double l, double c, double r) {
        double d = l - 2 * c + r;
        return d >= 0 ? 0 : Math.clamp(0.5 * (l - r) / d, -0.5, 0.5);
    }

    /** The smallest rectangle that the repeat layout is periodic over, in source pixels. */
    static double[] superPeriod(DesignRepeat d) {
        RepeatGeometry r = d.repeat();
        int n = 1;
        if (r.offset() > 0) {
            while (n < 8 && Math.abs(n * r.offset() - Math.rint(n * r.offset())) > 1e-6) {
                n++;
            }
        }
        return switch (r.type()) {
            case HALF_DROP, DROP -> new double[] {n * d.width(), d.height()};
            case HALF_BRICK, BRICK -> new double[] {d.width(), n * d.height()};
            case MIRROR -> new double[] {2.0 * d.width(), 2.0 * d.height()};
            default -> new double[] {d.width(), d.height()};
        };
    }

    /**
     * Gauss–Newton on (a, b, tx, ty, gain, offset) with Tukey weights on the residual.
     *
     * @param design planes {value, d/du, d/dv} of the design under its repeat, blurred like the patches
     */
    static Result refine(List<Patch> patches, DesignRepeat design, Similarity start, int iterations, int maxPoints) {
        // sample points: high-gradient pixels carry the registration, flat ones only the photometry
        int total = patches.stream().mapToInt(p -> p.w * p.h).sum();
        int stride = Math.max(1, (int) Math.sqrt((double) total / maxPoints));
        List<double[]> pts = new ArrayList<>();
        for (Patch p : patches) {
            for (int j = 1; j < p.h - 1; j += stride) {
                for (int i = 1; i < p.w - 1; i += stride) {
                    pts.add(new double[] {p.x0 + i, p.y0 + j, p.pix[j * p.w + i]});
                }
            }
        }
        double cx = pts.stream().mapToDouble(q -> q[0]).average().orElse(0);
        double cy = pts.stream().mapToDouble(q -> q[1]).average().orElse(0);
        // centred parameters: u = a(x−cx) − b(y−cy) + tu
        double a = start.a();
        double b = start.b();
        double tu = start.u(cx, cy);
        double tv = start.v(cx, cy);
        double gain = 1;
        double off = 0;
        double sigma = Double.NaN;
        int n = pts.size();
        double[] res = new double[n];
        for (int it = 0; it < iterations; it++) {
            double[] h = new double[36];
            double[] g = new double[6];
            final double fa = a;
            final double fb = b;
            final double ftu = tu;
            final double ftv = tv;
            final double fg = gain;
            final double fo = off;
            final double c = Double.isNaN(sigma) ? Double.POSITIVE_INFINITY : 4.685 * sigma;
            double[][] partial = IntStream.range(0, 2).parallel().mapToObj(part -> {
                double[] hh = new double[36];
                double[] gg = new double[6];
                double[] jac = new double[6];
                float[][] s = new float[3][1];
                for (int q = part; q < n; q += 2) {
                    double[] pt = pts.get(q);
                    double x = pt[0] - cx;
                    double y = pt[1] - cy;
                    double u = fa * x - fb * y + ftu;
                    double v = fb * x + fa * y + ftv;
                    design.sampleAll(u, v, s, 0);
                    double r = pt[2] - (fg * s[0][0] + fo);
                    res[q] = r;
                    double wgt = 1;
                    if (c < Double.POSITIVE_INFINITY) {
                        double z = r / c;
                        wgt = Math.abs(z) >= 1 ? 0 : (1 - z * z) * (1 - z * z);
                    }
                    if (wgt == 0) {
                        continue;
                    }
                    double pu = fg * s[1][0];
                    double pv = fg * s[2][0];
                    jac[0] = pu * x + pv * y;
                    jac[1] = -pu * y + pv * x;
                    jac[2] = pu;
                    jac[3] = pv;
                    jac[4] = s[0][0];
                    jac[5] = 1;
                    for (int i = 0; i < 6; i++) {
                        gg[i] += wgt * jac[i] * r;
                        for (int j = 0; j <= i; j++) {
                            hh[i * 6 + j] += wgt * jac[i] * jac[j];
                        }
                    }
                }
                double[] outp = new double[42];
                System.arraycopy(hh, 0, outp, 0, 36);
                System.arraycopy(gg, 0, outp, 36, 6);
                return outp;
            }).toArray(double[][]::new);
            for (double[] p : partial) {
                for (int i = 0; i < 36; i++) {
                    h[i] += p[i];
                }
                for (int i = 0; i < 6; i++) {
                    g[i] += p[36 + i];
                }
            }
            for (int i = 0; i < 6; i++) {
                for (int j = i + 1; j < 6; j++) {
                    h[i * 6 + j] = h[j * 6 + i];
                }
                h[i * 6 + i] *= 1.0001;
                h[i * 6 + i] += 1e-9;
            }
            double[] d = solve(h, g);
            if (d == null) {
                break;
            }
            a += d[0];
            b += d[1];
            tu += d[2];
            tv += d[3];
            gain += d[4];
            off += d[5];
            sigma = 1.4826 * median(res);
            if (Math.abs(d[2]) + Math.abs(d[3]) < 1e-4 && it > 3) {
                break;
            }
        }
        Similarity m = new Similarity(a, b, tu - (a * cx - b * cy), tv - (b * cx + a * cy));
        return new Result(m, Double.NaN, sigma);
    }

    private static double median(double[] r) {
        double[] c = new double[r.length];
        for (int i = 0; i < r.length; i++) {
            c[i] = Math.abs(r[i]);
        }
        // a selection, not a sort: this runs once per Gauss–Newton step on up to 60,000 residuals, and sorting them was
        // 15 % of an A4 inspection's samples, on one thread (JFR, 2026-11-23)
        return Math.max(1e-4, Planes.select(c, c.length / 2));
    }

    /** Gaussian elimination with partial pivoting of a small dense system; null when singular. */
    static double[] solve(double[] a, double[] b) {
        int n = b.length;
        double[] m = a.clone();
        double[] x = b.clone();
        for (int col = 0; col < n; col++) {
            int p = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(m[r * n + col]) > Math.abs(m[p * n + col])) {
                    p = r;
                }
            }
            if (Math.abs(m[p * n + col]) < 1e-30) {
                return null;
            }
            if (p != col) {
                for (int k = 0; k < n; k++) {
                    double t = m[p * n + k];
                    m[p * n + k] = m[col * n + k];
                    m[col * n + k] = t;
                }
                double t = x[p];
                x[p] = x[col];
                x[col] = t;
            }
            for (int r = col + 1; r < n; r++) {
                double f = m[r * n + col] / m[col * n + col];
                for (int k = col; k < n; k++) {
                    m[r * n + k] -= f * m[col * n + k];
                }
                x[r] -= f * x[col];
            }
        }
        for (int r = n - 1; r >= 0; r--) {
            double s = x[r];
            for (int k = r + 1; k < n; k++) {
                s -= m[r * n + k] * x[k];
            }
            x[r] = s / m[r * n + r];
        }
        return x;
    }

    /** The design's {luma, d/du, d/dv} after a Gaussian blur of {@code sigma} source pixels, for {@link #refine}. */
    static DesignRepeat template(DesignRepeat lumaDesign, double sigma) {
        // gradients are sampled through the layout: unfolded, so a mirror repeat's reversed cells read them right
        DesignRepeat d = lumaDesign.unfolded();
        float[] b = Planes.blurRepeat(d, d.plane(0), sigma);
        float[][] gr = Planes.gradientRepeat(d, b);
        return d.with(b, gr[0], gr[1]);
    }
}
