package tessera.plugin.gan.internal.train;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

import tessera.api.image.RgbImage;
import tessera.api.repeat.RepeatGeometry;
import tessera.dataset.DatasetEntry;
import tessera.dataset.TileDataset;
import tessera.imaging.repeat.WrapResampler;

/**
 * Training tiles held as bytes (a 64 px tile is 12 KB, so 10 000 fit in 120 MB) with their family and palette.
 * Batches are random circular shifts and mirror images of the tiles: both keep a seamless tile seamless and
 * both keep its family, so the model learns motifs independent of where the repeat starts.
 */
public final class TileBatches {
    private final int size;
    private final List<byte[]> pixels = new ArrayList<>();
    private final int[] family;
    private final int[] palette;
    private final List<String> families;
    private final List<String> palettes;

    private TileBatches(int size, List<byte[]> pixels, int[] family, int[] palette, List<String> families,
            List<String> palettes) {
        this.size = size;
        this.pixels.addAll(pixels);
        this.family = family;
        this.palette = palette;
        this.families = families;
        this.palettes = palettes;
    }

    /**
     * Reads every tile; tiles of another size are resampled wrap-aware to {@code size} (so they stay seamless).
     * Families and palettes come from the data set's labels; a user's folder without them trains unconditionally.
     *
     * @param vocabulary families and palettes to use (from a checkpoint when resuming), or null to take them from the data
     */
    public static TileBatches load(TileDataset data, int size, List<List<String>> vocabulary) throws IOException {
        List<DatasetEntry> entries = data.entries();
        List<String> fams, pals;
        if (vocabulary != null) {
            fams = vocabulary.get(0);
            pals = vocabulary.get(1);
        } else {
            TreeSet<String> f = new TreeSet<>(), p = new TreeSet<>();
            for (DatasetEntry e : entries) {
                if (e.labels().containsKey("family")) {
                    f.add(e.labels().get("family"));
                }
                if (e.labels().containsKey("palette")) {
                    p.add(e.labels().get("palette"));
                }
            }
            fams = List.copyOf(f);
            pals = List.copyOf(p);
        }
        List<byte[]> px = new ArrayList<>(entries.size());
        int[] fam = new int[entries.size()], pal = new int[entries.size()];
        for (int i = 0; i < entries.size(); i++) {
            DatasetEntry e = entries.get(i);
            RgbImage img = data.image(e);
            if (img.width() != size || img.height() != size) {
                img = WrapResampler.resample(img, RepeatGeometry.BLOCK, size, size);
            }
            float[] planes = img.planesView();
            byte[] b = new byte[planes.length];
            for (int j = 0; j < b.length; j++) {
                b[j] = (byte) Math.round(Math.max(0f, Math.min(1f, planes[j])) * 255f);
            }
            px.add(b);
            int fi = fams.indexOf(e.labels().getOrDefault("family", ""));
            int pi = pals.indexOf(e.labels().getOrDefault("palette", ""));
            fam[i] = fi < 0 ? fams.size() : fi;
            pal[i] = pi < 0 ? pals.size() : pi;
        }
        return new TileBatches(size, px, fam, pal, fams, pals);
    }

    public int count() {
        return pixels.size();
    }

    public int size() {
        return size;
    }

    public List<String> families() {
        return families;
    }

    public List<String> palettes() {
        return palettes;
    }

    public int family(int i) {
        return family[i];
    }

    public int palette(int i) {
        return palette[i];
    }

    /** One augmented tile in [−1, 1], CHW, into {@code out} at {@code offset}. */
    public void tile(int index, SplittableRandom r, float[] out, int offset) {
        byte[] b = pixels.get(index);
        int dx = r.nextInt(size), dy = r.nextInt(size);
        boolean mirror = r.nextBoolean();
        int plane = size * size;
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < size; y++) {
                int sy = (y + dy) % size;
                for (int x = 0; x < size; x++) {
                    int sx = (x + dx) % size;
                    if (mirror) {
                        sx = size - 1 - sx;
                    }
                    out[offset + c * plane + y * size + x] = (b[c * plane + sy * size + sx] & 0xff) / 127.5f - 1f;
                }
            }
        }
    }

    /** The tile as stored, sRGB [0, 1] (for metrics). */
    public RgbImage image(int index) {
        byte[] b = pixels.get(index);
        float[] f = new float[b.length];
        for (int i = 0; i < b.length; i++) {
            f[i] = (b[i] & 0xff) / 255f;
        }
        return RgbImage.of(size, size, f);
    }
}
