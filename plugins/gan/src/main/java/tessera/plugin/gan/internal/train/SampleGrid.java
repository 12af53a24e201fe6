package tessera.plugin.gan.internal.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import tessera.api.image.RgbImage;
import tessera.imaging.io.ImageFiles;
import tessera.plugin.gan.internal.model.GanSpec;
import tessera.plugin.gan.internal.model.LatentCode;
import tessera.plugin.gan.internal.model.TileRenderer;

/**
 * A contact sheet of the model's output: one row per motif family (the last row unconditional), the same seeds in
 * every row, so successive grids show how each family's tiles develop. Each tile is shown 2 × 2 to expose seams.
 */
public final class SampleGrid {
    static final int COLUMNS = 6;
    private static final int GAP = 2;

    private SampleGrid() {
    }

    public static RgbImage render(TileRenderer renderer, int tile, long seed) {
        GanSpec spec = renderer.generator().spec();
        int rows = spec.families().size() + 1;
        List<LatentCode> codes = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < COLUMNS; c++) {
                codes.add(LatentCode.sample(spec, seed + c, r, spec.anyPalette()));
            }
        }
        List<RgbImage> tiles = renderer.render(codes, tile, tile, null);
        int cell = 2 * tile + GAP;
        int w = COLUMNS * cell, h = rows * cell;
        float[] planes = new float[3 * w * h];
        java.util.Arrays.fill(planes, 1f);
        for (int i = 0; i < tiles.size(); i++) {
            RgbImage t = tiles.get(i);
            int ox = (i % COLUMNS) * cell, oy = (i / COLUMNS) * cell;
            for (int ch = 0; ch < 3; ch++) {
                for (int y = 0; y < 2 * tile; y++) {
                    for (int x = 0; x < 2 * tile; x++) {
                        planes[(ch * h + oy + y) * w + ox + x] = t.get(ch, y % tile, x % tile);
                    }
                }
            }
        }
        return RgbImage.wrap(w, h, planes);
    }

    public static void write(TileRenderer renderer, int tile, long seed, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        ImageFiles.writePng(render(renderer, tile, seed), 72, file);
    }
}
