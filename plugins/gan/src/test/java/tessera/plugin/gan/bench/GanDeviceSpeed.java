package tessera.plugin.gan.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import tessera.api.image.RgbImage;
import tessera.compute.Autograd;
import tessera.compute.ComputeDevice;
import tessera.compute.TensorScope;
import tessera.compute.cpu.CpuDevices;
import tessera.compute.cuda.CudaDevices;
import tessera.plugin.gan.internal.model.LatentCode;
import tessera.plugin.gan.internal.model.ModelFiles;
import tessera.plugin.gan.internal.model.PeriodicGenerator;
import tessera.plugin.gan.internal.model.TileRenderer;

/**
 * #8 on a GPU: the shipped GAN's speed on every device present (a 256² tile at batch 1 and a 2048²
 * seamless field, median of synchronised runs after warm-up; reading the image back waits for the
 * device), and the largest pixel difference between the CUDA and CPU renderings of the same latent.
 *
 * <pre>java ... tessera.plugin.gan.bench.GanDeviceSpeed MODEL_DIR_OR_JAR [seconds=3]</pre>
 */
public final class GanDeviceSpeed {
    private GanDeviceSpeed() {
    }

    interface Render {
        RgbImage run();
    }

    static double median(Render r, double seconds) {
        for (long end = System.nanoTime() + 1_000_000_000L; System.nanoTime() < end;) {
            try (TensorScope s = TensorScope.open()) {
                r.run();
            }
        }
        List<Double> ms = new ArrayList<>();
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (ms.size() < 7 || System.nanoTime() < end) {
            try (TensorScope s = TensorScope.open()) {
                long t0 = System.nanoTime();
                r.run();
                ms.add((System.nanoTime() - t0) / 1e6);
            }
        }
        double[] a = ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return a[a.length / 2];
    }

    public static void main(String[] args) throws Exception {
        Path model = Path.of(args[0]);
        double seconds = args.length > 1 ? Double.parseDouble(args[1].replace("seconds=", "")) : 3;
        List<ComputeDevice> devices = new ArrayList<>();
        if (CudaDevices.available()) {
            devices.add(CudaDevices.open(0, Map.of()));
        } else {
            System.out.println("cuda: " + CudaDevices.status());
        }
        devices.add(CpuDevices.shared());
        float[][] field = new float[devices.size()][];
        try (Autograd.GradMode off = Autograd.noGrad()) {
            for (int i = 0; i < devices.size(); i++) {
                ComputeDevice d = devices.get(i);
                PeriodicGenerator g = ModelFiles.load(model, d);
                TileRenderer renderer = new TileRenderer(g);
                LatentCode one = LatentCode.sample(g.spec(), 7, 0, g.spec().anyPalette());
                try (TensorScope s = TensorScope.open()) {
                    field[i] = renderer.render(List.of(one), 512, 512, null).get(0).planes().clone();
                }
                System.out.printf("%s_256_batch1_ms: %.2f%n", d.kind(), median(() -> renderer.render(List.of(one), 256, 256, null).get(0), seconds));
                System.out.printf("%s_2048_field_ms: %.1f%n", d.kind(), median(() -> renderer.render(List.of(one), 2048, 2048, null).get(0), 0));
                System.out.println(d.kind() + "_device: " + d.description());
                g.weights().close();
            }
        }
        if (devices.size() == 2) {
            double worst = 0;
            for (int k = 0; k < field[0].length; k++) {
                worst = Math.max(worst, Math.abs(field[0][k] - field[1][k]));
            }
            System.out.printf("max_abs_diff_cuda_vs_cpu_512: %.2e%n", worst);
            if (!(worst < 1e-3)) {
                throw new AssertionError("the CUDA and CPU renderings differ by " + worst);
            }
        }
        System.out.println("devices: " + Arrays.toString(devices.stream().map(ComputeDevice::id).toArray()));
    }
}
