package tessera.plugin.qa.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

import tessera.api.image.RgbImage;
import tessera.api.repeat.RepeatGeometry;
import tessera.dataset.DatasetMaker;
import tessera.dataset.motif.Ink;
import tessera.dataset.motif.Motif;
import tessera.dataset.motif.MotifSynthesizer;

/**
 * Simulated scans for training and for the held-out bench: designs from Tessera's motif synthesizer (flat
 * screen colours, every repeat type) and, for continuous tone, GIMP's patterns; fabric grain from MyPaint and
 * Krita. The training and held-out sets share no texture, no GIMP pattern and no motif seed.
 */
final class SimulatedSet {
    static final double DESIGN_DPI = 150;
    static final double SCAN_DPI = 150;
    /** The training grid: box averages of 2 × 2 scan pixels, 75 dpi, like inspection's grid. */
    static final int GRID = 2;
    private static final long TRAIN_SEED = 0x7E55E7AL;
    private static final long HELD_OUT_SEED = 0x0DDBA11L;

    final boolean heldOut;
    private final Path root;
    private final List<Textures.Grain> grains;
    private final List<Path> gimpFiles;
    private final List<RgbImage> gimp = new ArrayList<>();

    /** The set on Debian's installed textures. */
    SimulatedSet(boolean heldOut) throws IOException {
        this(Textures.DEBIAN, heldOut);
    }

    /** @param root a folder laid out as /usr/share for the three texture packages */
    SimulatedSet(Path root, boolean heldOut) throws IOException {
        this.heldOut = heldOut;
        this.root = root;
        grains = Textures.grains(root, heldOut);
        gimpFiles = Textures.designFiles(root, heldOut);
        for (Path p : gimpFiles) {
            RgbImage img = Textures.read(p);
            if (img.width() >= 32 && img.height() >= 32) {
                gimp.add(img);
            }
        }
    }

    /** A design with its flat inks (empty for continuous tone). */
    record Design(DesignRepeat repeat, int[] inks, String name) {
    }

    /** One training or bench example: the comparison features and the defect target on the grid. */
    record Sample(PrintSimulator.Scan scan, Design design, Comparison comparison, float[] target, int gw, int gh) {
        boolean defective() {
            for (float t : target) {
                if (t > 0) {
                    return true;
                }
            }
            return false;
        }
    }

    Design design(long index, SplittableRandom rnd) {
        if (!gimp.isEmpty() && rnd.nextDouble() < 0.3) {
            int k = rnd.nextInt(gimp.size());
            return new Design(DesignRepeat.of(gimp.get(k), RepeatGeometry.BLOCK), new int[0], "gimp:" + k);
        }
        int size = 96 + 32 * rnd.nextInt(6);
        Motif m = MotifSynthesizer.render(DatasetMaker.tileSpec(heldOut ? HELD_OUT_SEED : TRAIN_SEED, (int) Math.floorMod(index, 1_000_000L)), size, size);
        int[] inks = m.inks().stream().mapToInt(Ink::rgb).toArray();
        return new Design(DesignRepeat.of(m.image(), m.spec().repeat()), inks, "motif:" + index);
    }

    Textures.Grain grain(SplittableRandom rnd) {
        return grains.isEmpty() ? null : grains.get(rnd.nextInt(grains.size()));
    }

    /**
     * @param defects    structural defects to plant
     * @param colourDe   ΔE2000 colour shift, 0 for none
     * @param misregMm   one screen's misregistration, 0 for none
     */
    Sample sample(long index, int scanSide, int defects, double colourDe, double misregMm) {
        SplittableRandom rnd = new SplittableRandom((heldOut ? HELD_OUT_SEED : TRAIN_SEED) * 31 + index);
        Design d = design(index, rnd);
        PrintSimulator.Spec spec = new PrintSimulator.Spec(scanSide, scanSide, SCAN_DPI, DESIGN_DPI, defects, colourDe,
                misregMm, rnd.nextLong());
        PrintSimulator.Scan scan = PrintSimulator.simulate(d.repeat(), d.inks(), grain(rnd), spec);
        int gw = scanSide / GRID;
        int gh = scanSide / GRID;
        float[] grid = Planes.boxDown(scan.image().planesView(), scanSide, scanSide, 3, GRID, gw, gh);
        Similarity gridMap = scan.truth().onGrid(GRID);
        float[] expect = Expectation.renderFitted(d.repeat(), gridMap, grid, gw, gh);
        Comparison c = new Comparison(grid, expect, gw, gh, Palette.of(d.repeat()));
        float[] target = Planes.boxDown(scan.mask(), scanSide, scanSide, 1, GRID, gw, gh);
        return new Sample(scan, d, c, target, gw, gh);
    }

    /**
     * SHA-256 over the SHA-256 and root-relative path of every texture file this set draws on, plus the synthesizer's
     * version and seed: the same data under another root gives the same manifest.
     */
    String manifestSha256() throws IOException {
        try {
            MessageDigest all = MessageDigest.getInstance("SHA-256");
            List<Path> files = new ArrayList<>(Textures.substrateFiles(root, heldOut));
            files.addAll(gimpFiles);
            for (Path p : files) {
                MessageDigest one = MessageDigest.getInstance("SHA-256");
                try (InputStream in = Files.newInputStream(p)) {
                    one.update(in.readAllBytes());
                }
                all.update((HexFormat.of().formatHex(one.digest()) + "  " + root.relativize(p) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            all.update(("motif-synthesizer " + MotifSynthesizer.version() + " seed " + (heldOut ? HELD_OUT_SEED : TRAIN_SEED))
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(all.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    int textureCount() {
        return grains.size() + gimp.size();
    }
}
