package tessera.plugin.qa.internal;

import java.util.stream.IntStream;

/** Small raster operations on planar float images (row-major planes, RGB as three consecutive planes). */
final class Planes {
    private Planes() {
    }

    /** Rec. 601 luma of gamma-encoded RGB planes: the registration signal, cheap and monotone in ink density. */
    static float[] luma(float[] rgb, int w, int h) {
        int n = w * h;
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = 0.299f * rgb[i] + 0.587f * rgb[n + i] + 0.114f * rgb[2 * n + i];
        }
        return out;
    }

    /** Box average of each f × f block (the last partial blocks average what they cover). */
    static float[] boxDown(float[] src, int w, int h, int channels, int f, int ow, int oh) {
        float[] out = new float[channels * ow * oh];
        IntStream.range(0, oh).parallel().forEach(j -> {
            int y0 = j * f;
            int y1 = Math.min(h, y0 + f);
            for (int c = 0; c < channels; c++) {
                int base = c * w * h;
                for (int i = 0; i < ow; i++) {
                    int x0 = i * f;
                    int x1 = Math.min(w, x0 + f);
                    float s = 0;
                    for (int y = y0; y < y1; y++) {
                        int row = base + y * w;
                        for (int x = x0; x < x1; x++) {
                            s += src[row + x];
                        }
                    }
                    out[(c * oh + j) * ow + i] = s / Math.max(1, (y1 - y0) * (x1 - x0));
                }
            }
        });
        return out;
    }

    static float[] gaussianKernel(double sigma) {
        int r = Math.max(1, (int) Math.ceil(3 * sigma));
        float[] k = new float[2 * r + 1];
        double s = 0;
        for (int i = -r; i <= r; i++) {
            k[i + r] = (float) Math.exp(-0.5 * i * i / (sigma * sigma));
            s += k[i + r];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= (float) s;
        }
        return k;
    }

    /** Separable Gaussian blur of one plane, clamping at the borders (a scan has no repeat). */
    static float[] blur(float[] src, int w, int h, double sigma) {
        if (sigma < 0.2) {
            return src.clone();
        }
        float[] k = gaussianKernel(sigma);
        int r = k.length / 2;
        float[] tmp = new float[w * h];
        float[] out = new float[w * h];
        IntStream.range(0, h).parallel().forEach(y -> {
            for (int x = 0; x < w; x++) {
                float s = 0;
                for (int t = -r; t <= r; t++) {
                    s += k[t + r] * src[y * w + Math.clamp(x + t, 0, w - 1)];
                }
                tmp[y * w + x] = s;
            }
        });
        IntStream.range(0, h).parallel().forEach(y -> {
            for (int x = 0; x < w; x++) {
                float s = 0;
                for (int t = -r; t <= r; t++) {
                    s += k[t + r] * tmp[Math.clamp(y + t, 0, h - 1) * w + x];
                }
                out[y * w + x] = s;
            }
        });
        return out;
    }

    /** Gaussian blur of a tile plane through its repeat, so the blurred tile is still a tile of the same layout. */
    static float[] blurRepeat(DesignRepeat d, float[] src, double sigma) {
        int w = d.width();
        int h = d.height();
        if (sigma < 0.2) {
            return src.clone();
        }
        float[] k = gaussianKernel(sigma);
        int r = k.length / 2;
        float[] tmp = new float[w * h];
        float[] out = new float[w * h];
        IntStream.range(0, h).parallel().forEach(y -> {
            for (int x = 0; x < w; x++) {
                float s = 0;
                for (int t = -r; t <= r; t++) {
                    s += k[t + r] * src[d.index(x + t, y)];
                }
                tmp[y * w + x] = s;
            }
        });
        IntStream.range(0, h).parallel().forEach(y -> {
            for (int x = 0; x < w; x++) {
                float s = 0;
                for (int t = -r; t <= r; t++) {
                    s += k[t + r] * tmp[d.index(x, y + t)];
                }
                out[y * w + x] = s;
            }
        });
        return out;
    }

    /** Central-difference gradients of a tile plane through its repeat: {gx, gy} in value per source pixel. */
    static float[][] gradientRepeat(DesignRepeat d, float[] p) {
        int w = d.width();
        int h = d.height();
        float[] gx = new float[w * h];
        float[] gy = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                gx[y * w + x] = 0.5f * (p[d.index(x + 1, y)] - p[d.index(x - 1, y)]);
                gy[y * w + x] = 0.5f * (p[d.index(x, y + 1)] - p[d.index(x, y - 1)]);
            }
        }
        return new float[][] {gx, gy};
    }

    /** |a − (α·b + β)| per pixel for the least-squares gain α and offset β: what a scan does not share with its print. */
    static float[] fitResiduals(float[] a, float[] b) {
        int n = a.length;
        double ma = mean(a);
        double mb = mean(b);
        double sab = 0;
        double sbb = 0;
        for (int i = 0; i < n; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        double alpha = sbb == 0 ? 0 : sab / sbb;
        float[] r = new float[n];
        for (int i = 0; i < n; i++) {
            r[i] = (float) Math.abs(a[i] - ma - alpha * (b[i] - mb));
        }
        return r;
    }

    /**
     * Opponent colour planes of RGB planes: {R − G, (R + G)/2 − B}. Luma cannot tell two copies of a motif printed in
     * different inks apart; these can.
     */
    static float[][] opponent(float[] rgb, int w, int h) {
        int n = w * h;
        float[] rg = new float[n];
        float[] yb = new float[n];
        for (int i = 0; i < n; i++) {
            rg[i] = rgb[i] - rgb[n + i];
            yb[i] = 0.5f * (rgb[i] + rgb[n + i]) - rgb[2 * n + i];
        }
        return new float[][] {rg, yb};
    }

    static double mean(float[] p) {
        double s = 0;
        for (float v : p) {
            s += v;
        }
        return s / p.length;
    }

    static double std(float[] p) {
        double m = mean(p);
        double s = 0;
        for (float v : p) {
            s += (v - m) * (v - m);
        }
        return Math.sqrt(s / p.length);
    }

    /**
     * The k-th smallest value of {@code a} (what {@code a[k]} would be after sorting), by Hoare's selection in
     * expected linear time; {@code a} is reordered.
     */
    static double select(double[] a, int k) {
        int lo = 0;
        int hi = a.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            // median of three as the pivot: sorted or constant runs do not degrade it
            double x = a[lo];
            double y = a[mid];
            double z = a[hi];
            double pivot = x < y ? (y < z ? y : Math.max(x, z)) : (x < z ? x : Math.max(y, z));
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    double t = a[i];
                    a[i++] = a[j];
                    a[j--] = t;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return a[k];
            }
        }
        return a[k];
    }
}
