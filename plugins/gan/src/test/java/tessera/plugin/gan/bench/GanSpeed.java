package tessera.plugin.gan.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
    /**
     * The speed figures by the BENCH-MODELS.md protocol: a 256² tile at batch 1 (warm-up ≥ 1 s, then ≥ 7 runs and
     * ≥ 3 s, median) and a 2048² field (median of {@code fieldRuns}).
     */
    static Map<String, String> measure(TileRenderer renderer, int fieldRuns) {
        GanSpec spec = renderer.generator().spec();
        LatentCode one = LatentCode.sample(spec, 7, 0, spec.anyPalette());
        Map<String, String> r = new LinkedHashMap<>();
        r.put("tessera_256_batch1_ms", GanBench.f(GanBench.median(() -> renderer.render(List.of(one), 256, 256, null), 1, 7, 3)));
        r.put("tessera_2048_field_ms", GanBench.f(GanBench.median(() -> renderer.render(List.of(one), 2048, 2048, null), 0,
                fieldRuns, 0)));
        return r;
    }

    public static void main(String[] a) throws Exception {
        ComputeDevice d = CpuDevices.shared();
        PeriodicGenerator g = ModelFiles.load(Path.of(a[0]), d);
        Path out = Path.of(a[1]);
        java.nio.file.Files.createDirectories(out);
        int fieldRuns = a.length > 2 ? Integer.parseInt(a[2]) : 3;
        TileRenderer renderer = new TileRenderer(g);
        StringBuilder txt = new StringBuilder();
        measure(renderer, fieldRuns).forEach((k, v) -> txt.append(k).append(": ").append(v).append('\n'));
        GanBench.parity(g, renderer, out);
        java.nio.file.Files.writeString(out.resolve("tessera.txt"), txt);
        System.out.print(txt);
        g.weights().close();
    }
}
