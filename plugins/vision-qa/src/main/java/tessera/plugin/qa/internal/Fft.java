package tessera.plugin.qa.internal;

/** In-place radix-2 complex FFT on split real/imaginary arrays; 2-D transforms of n × n, n a power of two. */
final class Fft {
    private Fft() {
    }

    static void transform(double[] re, double[] im, int off, int stride, int n, boolean inverse) {
        for (int i = 1, j = 0; i < n; i++) {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) {
                j ^= bit;
            }
            j ^= bit;
            if (i < j) {
                int a = off + i * stride;
                int b = off + j * stride;
                double t = re[a];
                re[a] = re[b];
                re[b] = t;
                t = im[a];
                im[a] = im[b];
                im[b] = t;
            }
        }
        for (int len = 2; len <= n; len <<= 1) {
            double ang = 2 * Math.PI / len * (inverse ? 1 : -1);
            double wr = Math.cos(ang);
            double wi = Math.sin(ang);
            for (int i = 0; i < n; i += len) {
                double cr = 1;
                double ci = 0;
                for (int k = 0; k < len / 2; k++) {
                    int a = off + (i + k) * stride;
                    int b = off + (i + k + len / 2) * stride;
                    double xr = re[b] * cr - im[b] * ci;
                    double xi = re[b] * ci + im[b] * cr;
                    re[b] = re[a] - xr;
                    im[b] = im[a] - xi;
                    re[a] += xr;
                    im[a] += xi;
                    double t = cr * wr - ci * wi;
                    ci = cr * wi + ci * wr;
                    cr = t;
                }
            }
        }
    }

    /** 2-D transform of an n × n row-major array; the inverse is unnormalised. */
    static void transform2d(double[] re, double[] im, int n, boolean inverse) {
        java.util.stream.IntStream.range(0, n).parallel().forEach(r -> transform(re, im, r * n, 1, n, inverse));
        java.util.stream.IntStream.range(0, n).parallel().forEach(c -> transform(re, im, c, n, n, inverse));
    }

    static boolean isPowerOfTwo(int n) {
        return n > 0 && (n & (n - 1)) == 0;
    }
}
