package tessera.plugin.qa.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import tessera.api.image.RgbImage;
import tessera.imaging.io.GimpPattern;
import tessera.imaging.io.ImageFiles;

/**
 * Real third-party textures from Debian (#10: "textures nobody here made"): MyPaint's paper backgrounds and
 * Krita's paper and texture patterns as the substrate a print sits on, GIMP's patterns as continuous-tone
 * designs. Files are split by position in the sorted list, every fourth held out, so the bench never sees a
 * texture the model was trained on.
 */
final class Textures {
    /** Where Debian installs the three packages' data; {@code tessera train qa --data} names a folder laid out alike. */
    static final Path DEBIAN = Path.of("/usr/share");
    static final String MYPAINT = "mypaint/backgrounds";
    static final String KRITA = "krita/patterns";
    static final String GIMP = "gimp/2.0/patterns";

    private Textures() {
    }

    /** A texture as a grey plane with zero mean and unit standard deviation, ready to scale into a fabric grain. */
    record Grain(String name, int w, int h, float[] z) {
    }

    static boolean installed() {
        return installed(DEBIAN);
    }

    static boolean installed(Path root) {
        return Files.isDirectory(root.resolve(MYPAINT)) || Files.isDirectory(root.resolve(KRITA));
    }

    /**
     * The split depends on each file's place in its own folder's sorted list only, so a copy of the folders under
     * another root (a training data folder) splits exactly as /usr/share does.
     */
    static List<Path> substrateFiles(Path root, boolean heldOut) throws IOException {
        List<Path> all = new ArrayList<>();
        all.addAll(list(root.resolve(MYPAINT)));
        all.addAll(list(root.resolve(KRITA)));
        return split(all, heldOut);
    }

    static List<Path> designFiles(Path root, boolean heldOut) throws IOException {
        return split(list(root.resolve(GIMP)), heldOut);
    }

    private static List<Path> split(List<Path> all, boolean heldOut) {
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if ((i % 4 == 3) == heldOut) {
                out.add(all.get(i));
            }
        }
        return out;
    }

    private static List<Path> list(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(folder)) {
            return s.filter(p -> {
                String n = p.getFileName().toString();
                return n.endsWith(".png") || n.endsWith(".pat");
            }).sorted().toList();
        }
    }

    static RgbImage read(Path file) throws IOException {
        return file.toString().endsWith(".pat") ? GimpPattern.read(file).image() : ImageFiles.read(file).image();
    }

    /** @return the texture as a grain, or null when it is flat (a plain white background carries no grain) */
    static Grain grain(Path file) throws IOException {
        RgbImage img = read(file);
        float[] l = Planes.luma(img.planesView(), img.width(), img.height());
        if (Planes.std(l) < 1e-3 || img.width() < 16 || img.height() < 16) {
            return null;
        }
        // grain is texture, not shading: without the high-pass a large paper background's slow gradients would
        // shift a whole colour patch by a few percent and read as a colour error
        float[] low = Planes.blur(l, img.width(), img.height(), 6);
        float[] hp = new float[l.length];
        for (int i = 0; i < l.length; i++) {
            hp[i] = l[i] - low[i];
        }
        double hs = Planes.std(hp);
        if (hs < 1e-3) {
            return null;
        }
        float[] z = new float[l.length];
        for (int i = 0; i < l.length; i++) {
            z[i] = (float) (hp[i] / hs);
        }
        return new Grain(file.getFileName().toString(), img.width(), img.height(), z);
    }

    static List<Grain> grains(Path root, boolean heldOut) throws IOException {
        List<Grain> out = new ArrayList<>();
        for (Path p : substrateFiles(root, heldOut)) {
            Grain g = grain(p);
            if (g != null) {
                out.add(g);
            }
        }
        return out;
    }
}
