package tessera.compute.cpu.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Development harness behind the block sizes in {@link Gemm} (#4): times configurations interleaved
 * in one JVM, best of 5 per round, median over rounds, so load from other processes on the shared
 * machine hits all configurations alike. Not a test:
 * {@code java --add-modules jdk.incubator.vector -cp classes:test-classes tessera.compute.cpu.internal.GemmTuning [n] [threads]}.
 * (A k-loop unrolled by 2 was 10% slower than the plain loop; 256-deep K blocks 5-10% slower than 1024.)
 */
public final class GemmTuning {
    record Config(String name, Gemm gemm) {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1024;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        Parallel par = new Parallel(threads);
        MicroKernel v = new VectorMicroKernel();
        List<Config> configs = new ArrayList<>();
        configs.add(new Config("default 1024/32/3072", new Gemm(v, par)));
        configs.add(new Config("kc256 mc128", new Gemm(v, par, 256, 128, 3072)));
        configs.add(new Config("kc512 mc64", new Gemm(v, par, 512, 64, 3072)));
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
