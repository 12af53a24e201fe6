package tessera.plugin.diffusion.internal.train;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;

import tessera.api.image.RgbImage;
import tessera.api.repeat.RepeatGeometry;
import tessera.dataset.DatasetEntry;
import tessera.dataset.TileDataset;
import tessera.imaging.repeat.WrapResampler;

/**
 * The captioned training tiles, as bytes (a 64 px tile is 12 KB), less the held-out family–palette pairs. Tiles of
 * another size are resampled wrap-aware, so they stay seamless. A user's folder without labels trains on the
 * words of its captions (file names) alone.
 */
final class TrainingTiles {
    final int size;
    final List<byte[]> pixels = new ArrayList<>();
    final List<Map<String, String>> labels = new ArrayList<>();
    final List<String> captions = new ArrayList<>();
    final List<String> families;
    final List<String> palettes;
    /** "family|palette" pairs kept out, and how many tiles that left out */
    final List<String> heldOutPairs = new ArrayList<>();
    final int heldOutTiles;

    private TrainingTiles(int size, List<String> families, List<String> palettes, int heldOutTiles) {
        this.size = size;
        this.families = families;
        this.palettes = palettes;
        this.heldOutTiles = heldOutTiles;
    }

    /**
     * @param heldOutFraction share of family–palette pairs to keep out (0 for none)
     * @param heldOut         the pairs to keep out when resuming (from the checkpoint), else null
     */
    static TrainingTiles load(TileDataset data, int size, double heldOutFraction, List<String> heldOut) throws IOException {
        TreeSet<String> f = new TreeSet<>(), p = new TreeSet<>();
        for (DatasetEntry e : data.entries()) {
            if (e.labels().containsKey("family")) {
                f.add(e.labels().get("family"));
            }
            if (e.labels().containsKey("palette")) {
                p.add(e.labels().get("palette"));
            }
        }
        List<String> fams = List.copyOf(f), pals = List.copyOf(p);
        List<String> out = heldOut != null ? heldOut : Captions.heldOut(fams, pals, heldOutFraction);
        int skipped = 0;
        List<DatasetEntry> kept = new ArrayList<>();
        for (DatasetEntry e : data.entries()) {
            String pair = (e.labels().getOrDefault("family", "") + "|" + e.labels().getOrDefault("palette", "")).toLowerCase(Locale.ROOT);
            if (out.contains(pair)) {
                skipped++;
            } else {
                kept.add(e);
            }
        }
        TrainingTiles t = new TrainingTiles(size, fams, pals, skipped);
        t.heldOutPairs.addAll(out);
        for (DatasetEntry e : kept) {
            RgbImage img = data.image(e);
            if (img.width() != size || img.height() != size) {
                img = WrapResampler.resample(img, RepeatGeometry.BLOCK, size, size);
            }
            float[] planes = img.planesView();
            byte[] b = new byte[planes.length];
            for (int j = 0; j < b.length; j++) {
                b[j] = (byte) Math.round(Math.max(0f, Math.min(1f, planes[j])) * 255f);
            }
            t.pixels.add(b);
            t.labels.add(e.labels());
            t.captions.add(e.caption());
        }
        if (t.pixels.isEmpty()) {
            throw new IllegalArgumentException(data.folder() + " holds no training tiles"
                    + (skipped > 0 ? " outside the held-out pairs" : "") + "; make some with 'tessera dataset make'");
        }
        return t;
    }

    int count() {
        return pixels.size();
    }

    /** Tile i in [−1, 1], CHW, optionally mirrored left–right, into {@code out} at {@code offset}. */
    void tile(int i, boolean mirror, float[] out, int offset) {
        byte[] b = pixels.get(i);
        int plane = size * size;
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    int sx = mirror ? size - 1 - x : x;
                    out[offset + c * plane + y * size + x] = (b[c * plane + y * size + sx] & 0xff) / 127.5f - 1f;
                }
            }
        }
    }

    /** A prompt for tile i, rebuilt from its labels (see {@link Captions}). */
    String prompt(int i, SplittableRandom r) {
        return Captions.prompt(labels.get(i), captions.get(i), r);
    }

    RgbImage image(int i) {
        byte[] b = pixels.get(i);
        float[] f = new float[b.length];
        for (int k = 0; k < b.length; k++) {
            f[k] = (b[k] & 0xff) / 255f;
        }
        return RgbImage.of(size, size, f);
    }
}
