package tessera.plugin.gan.bench;

import java.nio.file.Path;
import java.util.List;

import tessera.compute.ComputeDevice;
import tessera.compute.cpu.CpuDevices;
import tessera.plugin.gan.internal.model.GanSpec;
import tessera.plugin.gan.internal.model.LatentCode;
import tessera.plugin.gan.internal.model.ModelFiles;
import tessera.plugin.gan.internal.model.PeriodicGenerator;
import tessera.plugin.gan.internal.model.TileRenderer;

/**
 * bench/gan.sh's speed part alone ({@code SPEED_ONLY=1}): a 256² tile at batch 1 and a 2048² seamless field, by
 * {@link GanBench}'s protocol, without the quality half's classifier training; writes the parity input for the
 * PyTorch twin and OUT/tessera.txt as GanBench does. Usage: GanSpeed MODEL OUT_DIR [fieldRuns=3]
 */
public final class GanSpeed {
    public static void main(String[] a) throws Exception {
        ComputeDevice d = CpuDevices.shared();
        PeriodicGenerator g = ModelFiles.load(Path.of(a[0]), d);
        Path out = Path.of(a[1]);
        java.nio.file.Files.createDirectories(out);
        int fieldRuns = a.length > 2 ? Integer.parseInt(a[2]) : 3;
        GanSpec spec = g.spec();
        TileRenderer renderer = new TileRenderer(g);
        LatentCode one = LatentCode.sample(spec, 7, 0, spec.anyPalette());
        double tile = GanBench.median(() -> renderer.render(List.of(one), 256, 256, null), 1, 7, 3);
        double field = GanBench.median(() -> renderer.render(List.of(one), 2048, 2048, null), 0, fieldRuns, 0);
        String txt = "tessera_256_batch1_ms: " + GanBench.f(tile) + "\ntessera_2048_field_ms: " + GanBench.f(field) + "\n";
        GanBench.parity(g, renderer, out);
        java.nio.file.Files.writeString(out.resolve("tessera.txt"), txt);
        System.out.print(txt);
        g.weights().close();
    }
}
