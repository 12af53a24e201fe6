package tessera.plugin.diffusion.internal.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import tessera.api.image.RgbImage;
import tessera.imaging.io.ImageFiles;
import tessera.plugin.diffusion.internal.model.Denoiser;
import tessera.plugin.diffusion.internal.model.DiffusionSpec;
import tessera.plugin.diffusion.internal.model.LatentAutoencoder;
import tessera.plugin.diffusion.internal.sample.LatentField;
import tessera.plugin.diffusion.internal.sample.Sampler;

/**
 * A contact sheet of the model's output during training: one row per prompt (a spread of families, each with a
 * palette, the last row unconditional), the same seeds in every row, each tile shown 2 × 2 so seams show.
 */
final class SampleSheet {
    static final int COLUMNS = 4, ROWS = 8;
    private static final int GAP = 2;

    private SampleSheet() {
    }

    static List<String> prompts(DiffusionSpec spec) {
        List<String> out = new ArrayList<>();
        List<String> f = spec.families(), p = spec.palettes();
        for (int i = 0; i < ROWS - 1 && !f.isEmpty(); i++) {
            String fam = f.get(i * f.size() / (ROWS - 1));
            String pal = p.isEmpty() ? null : p.get(i * 5 % p.size());
            out.add(pal == null ? fam : Captions.request(fam, pal, null));
        }
        out.add("");
        return out;
    }

    static void write(Denoiser net, LatentAutoencoder ae, int steps, long seed, Path file) throws IOException {
        DiffusionSpec spec = net.spec();
        int tile = spec.tileSize(), cells = tile / spec.downsample();
        List<Sampler.Job> jobs = new ArrayList<>();
        for (String p : prompts(spec)) {
            for (int c = 0; c < COLUMNS; c++) {
                jobs.add(new Sampler.Job(p, seed + c, null, null));
            }
        }
        Sampler sampler = new Sampler(net, ae);
        List<Sampler.Made> made = new ArrayList<>();
        for (int from = 0; from < jobs.size(); from += 16) {
            made.addAll(sampler.sample(jobs.subList(from, Math.min(jobs.size(), from + 16)), LatentField.block(cells, cells),
                    Sampler.Options.of(steps, 3f), f -> { }, () -> false));
        }
        int cell = 2 * tile + GAP, rows = made.size() / COLUMNS;
        int w = COLUMNS * cell, h = rows * cell;
        float[] planes = new float[3 * w * h];
        java.util.Arrays.fill(planes, 1f);
        for (int i = 0; i < made.size(); i++) {
            float[] rgb = made.get(i).rgb();
            int ox = (i % COLUMNS) * cell, oy = (i / COLUMNS) * cell;
            for (int ch = 0; ch < 3; ch++) {
                for (int y = 0; y < 2 * tile; y++) {
                    for (int x = 0; x < 2 * tile; x++) {
                        float v = rgb[(ch * tile + y % tile) * tile + x % tile];
                        planes[(ch * h + oy + y) * w + ox + x] = Math.max(0f, Math.min(1f, (v + 1) / 2));
                    }
                }
            }
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        ImageFiles.writePng(RgbImage.wrap(w, h, planes), 72, file);
    }
}
