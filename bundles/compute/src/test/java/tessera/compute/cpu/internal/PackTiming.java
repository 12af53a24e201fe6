package tessera.compute.cpu.internal;

/** Temporary: time im2col packing for conv3x3 64ch 128x128. */
public final class PackTiming {
    public static void main(String[] a) {
        int c = 64, h = 128, w = 128;
        float[] x = new float[c * h * w];
        Im2col im = new Im2col(x, 0, h, w, 3, 3, 1, 1, 1, 1, 1, 1, w);
        float[] dst = new float[576 * 3072];
        float[] wt = new float[64 * 576];
        float[] out = new float[64 * h * w];
        Gemm g = new Gemm(new VectorMicroKernel(), new Parallel(1));
        for (int rep = 0; rep < 30; rep++) {
            long t0 = System.nanoTime();
            for (int jc = 0; jc < h * w; jc += 3072) {
                im.packB(dst, 0, 0, 576, jc, Math.min(3072, h * w - jc), 16);
            }
            long t1 = System.nanoTime();
            g.multiply(64, h * w, 576, new DenseMatrix(wt, 0, 576, 1), im, out, 0, h * w, false);
            long t2 = System.nanoTime();
            if (rep % 5 == 4) {
                System.out.printf("pack %.2f ms, conv gemm %.2f ms%n", (t1 - t0) / 1e6, (t2 - t1) / 1e6);
            }
        }
        System.exit(0);
    }
}
