package tessera.compute.cpu.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/** Development harness: interleaved timing of GEMM block sizes and micro-kernel variants. Not a test. */
public final class GemmTuning {
    /** Variant: p-derived indices, k loop unrolled by 2. */
    static final class Unrolled implements MicroKernel {
        private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
        private static final int L = S.length();

        public int mr() {
            return 4;
        }

        public int nr() {
            return 2 * L;
        }

        public String name() {
            return "unrolled";
        }

        public void run(int kc, float[] a, int ao, float[] b, int bo, float[] c, int co, int ldc, boolean acc) {
            FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
            FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
            FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
            FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
            int p = 0;
            for (; p + 1 < kc; p += 2) {
                int pb = bo + p * 2 * L;
                int pa = ao + p * 4;
                FloatVector b0 = FloatVector.fromArray(S, b, pb);
                FloatVector b1 = FloatVector.fromArray(S, b, pb + L);
                FloatVector x = FloatVector.broadcast(S, a[pa]);
                c00 = x.fma(b0, c00);
                c01 = x.fma(b1, c01);
                x = FloatVector.broadcast(S, a[pa + 1]);
                c10 = x.fma(b0, c10);
                c11 = x.fma(b1, c11);
                x = FloatVector.broadcast(S, a[pa + 2]);
                c20 = x.fma(b0, c20);
                c21 = x.fma(b1, c21);
                x = FloatVector.broadcast(S, a[pa + 3]);
                c30 = x.fma(b0, c30);
                c31 = x.fma(b1, c31);
                b0 = FloatVector.fromArray(S, b, pb + 2 * L);
                b1 = FloatVector.fromArray(S, b, pb + 3 * L);
                x = FloatVector.broadcast(S, a[pa + 4]);
                c00 = x.fma(b0, c00);
                c01 = x.fma(b1, c01);
                x = FloatVector.broadcast(S, a[pa + 5]);
                c10 = x.fma(b0, c10);
                c11 = x.fma(b1, c11);
                x = FloatVector.broadcast(S, a[pa + 6]);
                c20 = x.fma(b0, c20);
                c21 = x.fma(b1, c21);
                x = FloatVector.broadcast(S, a[pa + 7]);
                c30 = x.fma(b0, c30);
                c31 = x.fma(b1, c31);
            }
            for (; p < kc; p++) {
                int pb = bo + p * 2 * L;
                int pa = ao + p * 4;
                FloatVector b0 = FloatVector.fromArray(S, b, pb);
                FloatVector b1 = FloatVector.fromArray(S, b, pb + L);
                FloatVector x = FloatVector.broadcast(S, a[pa]);
                c00 = x.fma(b0, c00);
                c01 = x.fma(b1, c01);
                x = FloatVector.broadcast(S, a[pa + 1]);
                c10 = x.fma(b0, c10);
                c11 = x.fma(b1, c11);
                x = FloatVector.broadcast(S, a[pa + 2]);
                c20 = x.fma(b0, c20);
                c21 = x.fma(b1, c21);
                x = FloatVector.broadcast(S, a[pa + 3]);
                c30 = x.fma(b0, c30);
                c31 = x.fma(b1, c31);
            }
            st(c, co, acc, c00, c01);
            st(c, co + ldc, acc, c10, c11);
            st(c, co + 2 * ldc, acc, c20, c21);
            st(c, co + 3 * ldc, acc, c30, c31);
        }

        private static void st(float[] c, int o, boolean acc, FloatVector v0, FloatVector v1) {
            if (acc) {
                v0 = v0.add(FloatVector.fromArray(S, c, o));
                v1 = v1.add(FloatVector.fromArray(S, c, o + L));
            }
            v0.intoArray(c, o);
            v1.intoArray(c, o + L);
        }
    }

    record Config(String name, Gemm gemm) {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1024;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        Parallel par = new Parallel(threads);
        MicroKernel v = new VectorMicroKernel();
        List<Config> configs = new ArrayList<>();
        configs.add(new Config("default 512/64/3072", new Gemm(v, par)));
        configs.add(new Config("kc1024 mc32", new Gemm(v, par, 1024, 32, 3072)));
        configs.add(new Config("kc1024 mc48", new Gemm(v, par, 1024, 48, 3072)));
        configs.add(new Config("kc1024 mc16", new Gemm(v, par, 1024, 16, 3072)));
        configs.add(new Config("kc768 mc32", new Gemm(v, par, 768, 32, 3072)));
        configs.add(new Config("kc2048 mc16", new Gemm(v, par, 2048, 16, 3072)));
        float[] a = new float[n * n];
        float[] b = new float[n * n];
        float[] c = new float[n * n];
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextFloat();
            b[i] = r.nextFloat();
        }
        DenseMatrix da = new DenseMatrix(a, 0, n, 1);
        DenseMatrix db = new DenseMatrix(b, 0, n, 1);
        double[][] gf = new double[configs.size()][];
        for (int i = 0; i < gf.length; i++) {
            gf[i] = new double[0];
        }
        for (int round = 0; round < 12; round++) {
            for (int i = 0; i < configs.size(); i++) {
                Gemm g = configs.get(i).gemm();
                int reps = round == 0 ? 10 : 5;
                double best = 0;
                for (int rep = 0; rep < reps; rep++) {
                    long t0 = System.nanoTime();
                    g.multiply(n, n, n, da, db, c, 0, n, false);
                    double s = (System.nanoTime() - t0) / 1e9;
                    best = Math.max(best, 2.0 * n * n * n / s / 1e9);
                }
                if (round > 1) {
                    gf[i] = Arrays.copyOf(gf[i], gf[i].length + 1);
                    gf[i][gf[i].length - 1] = best;
                }
            }
        }
        for (int i = 0; i < configs.size(); i++) {
            double[] x = gf[i].clone();
            Arrays.sort(x);
            System.out.printf("%-22s median-of-best %.1f  max %.1f%n", configs.get(i).name(), x[x.length / 2],
                    x[x.length - 1]);
        }
        par.close();
    }
}
