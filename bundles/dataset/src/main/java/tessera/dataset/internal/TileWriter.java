package tessera.dataset.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import tessera.dataset.DatasetEntry;
import tessera.dataset.motif.Motif;
import tessera.dataset.motif.MotifSpec;
import tessera.dataset.motif.MotifSynthesizer;
import tessera.imaging.io.ImageFiles;

/** Renders one tile, writes it as a PNG (atomically) and describes it for the index. */
public final class TileWriter {
    private TileWriter() {
    }

    public static DatasetEntry write(MotifSpec spec, int size, Path folder, String file, double dpi) throws IOException {
        Motif motif = MotifSynthesizer.render(spec, size, size);
        Path path = folder.resolve(file);
        ImageFiles.writePng(motif.image(), dpi, path);
        // hash the bytes as they are on disk, which is what a manifest checks later
        String sha = Sha256.hex(Files.readAllBytes(path));
        // PNG bytes depend on the platform's zlib; the decoded pixels do not, so record both
        java.util.SortedMap<String, String> labels = new java.util.TreeMap<>(motif.labels());
        labels.put("pixels_sha256", pixelHash(motif.image()));
        return new DatasetEntry(file, motif.caption(), labels, spec.seed(), sha, size, size);
    }

    /** SHA-256 of the 8-bit RGB samples, row-major, R G B per pixel: what any PNG decoder yields. */
    public static String pixelHash(tessera.api.image.RgbImage image) {
        int[] packed = image.toPackedRgb();
        byte[] bytes = new byte[packed.length * 3];
        for (int i = 0; i < packed.length; i++) {
            bytes[3 * i] = (byte) (packed[i] >> 16);
            bytes[3 * i + 1] = (byte) (packed[i] >> 8);
            bytes[3 * i + 2] = (byte) packed[i];
        }
        return Sha256.hex(bytes);
    }
}
