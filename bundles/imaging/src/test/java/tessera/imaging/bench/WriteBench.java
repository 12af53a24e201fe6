package tessera.imaging.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

import tessera.api.image.RgbImage;
import tessera.imaging.io.ImageFiles;
import tessera.imaging.io.TiffCompression;
import tessera.imaging.io.TiffOptions;

/**
 * Writing speed of production files (#3): a textile-like design (smooth waves with a little grain, the content
 * the row filters and deflate see in practice) as PNG and as 8-bit TIFF with deflate and LZW; median of several
 * writes, ms, and the file size. Usage: {@code WriteBench [side=4096] [repeats=5]}.
 */
public final class WriteBench {
    private WriteBench() {
    }

    public static void main(String[] args) throws Exception {
        int side = args.length > 0 ? Integer.parseInt(args[0]) : 4096;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Random r = new Random(1);
        float[] p = new float[3 * side * side];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                for (int c = 0; c < 3; c++) {
                    double wave = 0.5 + 0.4 * Math.sin(x * 0.02 * (c + 1)) * Math.cos(y * 0.015);
                    p[(c * side + y) * side + x] = Math.clamp((float) wave + (r.nextInt(7) - 3) / 255f, 0f, 1f);
                }
            }
        }
        RgbImage img = RgbImage.wrap(side, side, p);
        Path dir = Files.createTempDirectory("tessera-write-bench");
        try {
            Path png = dir.resolve("design.png");
            report("png", side, time(repeats, () -> ImageFiles.writePng(img, 150, png)), Files.size(png));
            for (TiffCompression c : new TiffCompression[] {TiffCompression.DEFLATE, TiffCompression.LZW}) {
                Path tif = dir.resolve("design-" + c + ".tif");
                report("tiff_" + c.name().toLowerCase(Locale.ROOT), side,
                        time(repeats, () -> ImageFiles.writeTiff(img, new TiffOptions(8, c, 150, null), tif)), Files.size(tif));
            }
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
        }
    }

    private interface Write {
        void run() throws Exception;
    }

    private static double time(int repeats, Write w) throws Exception {
        w.run(); // warm-up
        double[] t = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long t0 = System.nanoTime();
            w.run();
            t[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(t);
        return t[repeats / 2];
    }

    private static void report(String what, int side, double ms, long bytes) {
        System.out.printf(Locale.ROOT, "%s_%d_write_ms: %.0f%n%s_%d_bytes: %d%n", what, side, ms, what, side, bytes);
    }
}
