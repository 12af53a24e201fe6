package tessera.dataset.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import tessera.api.image.RgbImage;
import tessera.api.repeat.RepeatGeometry;
import tessera.api.repeat.RepeatType;
import tessera.dataset.motif.MotifFamily;
import tessera.dataset.motif.MotifSpec;
import tessera.dataset.motif.MotifSynthesizer;
import tessera.dataset.motif.PaletteBook;
import tessera.dataset.motif.PromptWords;
import tessera.imaging.io.ImageFiles;

/**
 * The contact sheet of docs/dataset.md: one row per family in declaration order, one column per
 * repeat (block, half-drop, half-brick, mirror, drop 1/3, brick 1/4), palettes cycling. Each cell shows
 * a 2 × 2 patch of the print laid out in its repeat, centred on a tile corner, so seams are in view.
 * {@code java -cp … tessera.dataset.internal.FamilySheet OUT.png [tilePx] [seed]}
 */
public final class FamilySheet {
    private static final List<RepeatGeometry> REPEATS = List.of(RepeatGeometry.BLOCK, RepeatGeometry.HALF_DROP,
            RepeatGeometry.HALF_BRICK, RepeatGeometry.MIRROR, new RepeatGeometry(RepeatType.DROP, 0.333),
            new RepeatGeometry(RepeatType.BRICK, 0.25));
    private static final int GAP = 4;

    private FamilySheet() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "motif-families.png");
        int tile = args.length > 1 ? Integer.parseInt(args[1]) : 80;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 2026;
        MotifFamily[] families = MotifFamily.values();
        int cell = 2 * tile + GAP;
        int w = REPEATS.size() * cell + GAP, h = families.length * cell + GAP;
        float[] planes = new float[3 * w * h];
        java.util.Arrays.fill(planes, 1f);
        for (int row = 0; row < families.length; row++) {
            for (int col = 0; col < REPEATS.size(); col++) {
                var palette = PaletteBook.all().get((row * REPEATS.size() + col) % PaletteBook.all().size());
                MotifSpec spec = MotifSpec.sample(seed + row * 100L + col, PromptWords.of(families[row], palette))
                        .withRepeat(REPEATS.get(col));
                RgbImage t = MotifSynthesizer.render(spec, tile, tile).image();
                patch(t, spec.repeat(), planes, w, h, GAP + col * cell, GAP + row * cell);
            }
        }
        ImageFiles.writePng(RgbImage.wrap(w, h, planes), 72, out);
        System.out.println("wrote " + out + " (" + w + "×" + h + ")");
    }

    private static void patch(RgbImage t, RepeatGeometry r, float[] planes, int w, int h, int x0, int y0) {
        int n = t.width();
        int drop = r.type() == RepeatType.HALF_DROP || r.type() == RepeatType.DROP ? (int) Math.round(r.offset() * n) : 0;
        int shift = r.type() == RepeatType.HALF_BRICK || r.type() == RepeatType.BRICK ? (int) Math.round(r.offset() * n) : 0;
        for (int y = 0; y < 2 * n; y++) {
            for (int x = 0; x < 2 * n; x++) {
                int gx = x + n / 2, gy = y + n / 2, tx, ty;
                if (r.type() == RepeatType.MIRROR) {
                    tx = gx % n;
                    ty = gy % n;
                    tx = (gx / n & 1) == 1 ? n - 1 - tx : tx;
                    ty = (gy / n & 1) == 1 ? n - 1 - ty : ty;
                } else if (shift == 0) {
                    tx = gx % n;
                    ty = Math.floorMod(gy - gx / n * drop, n);
                } else {
                    ty = gy % n;
                    tx = Math.floorMod(gx - gy / n * shift, n);
                }
                for (int c = 0; c < 3; c++) {
                    planes[(c * h + y0 + y) * w + x0 + x] = t.get(c, ty, tx);
                }
            }
        }
    }
}
