package tessera.plugin.gan.internal.model;

import java.util.ArrayList;
import java.util.List;

import tessera.api.image.RgbImage;
import tessera.api.repeat.RepeatGeometry;
import tessera.api.repeat.RepeatType;
import tessera.compute.ComputeDevice;
import tessera.compute.Tensor;
import tessera.compute.TensorScope;
import tessera.compute.ops.Shapes;
import tessera.imaging.repeat.WrapResampler;

/**
 * Turns latent codes into tiles of any size under any repeat: lays the codes out over the repeat's torus, runs the
 * generator, crops the tile and, when the size is not on the generator's grid, resamples it wrap-aware.
 */
public final class TileRenderer {
    private final PeriodicGenerator generator;

    public TileRenderer(PeriodicGenerator generator) {
        this.generator = generator;
    }

    public PeriodicGenerator generator() {
        return generator;
    }

    /** The grid size the generator runs at for a requested size: up to the stride (twice it across a half offset). */
    public int gridSize(int px, boolean shifted) {
        int step = generator.spec().stride() * (shifted ? 2 : 1);
        return Math.max(step, (px + step - 1) / step * step);
    }

    /** The codes' inputs laid out over the torus, as tensors (in the current scope). */
    public Inputs inputs(List<LatentCode> codes, Torus torus) {
        GanSpec spec = generator.spec();
        ComputeDevice d = generator.weights().device();
        int n = codes.size(), fw = torus.fieldW(), fh = torus.fieldH(), dl = spec.localChannels();
        float[] local = new float[n * dl * fw * fh];
        float[] global = new float[n * spec.globalChannels()];
        float[] phases = new float[n * spec.periodicWaves()];
        int[] fam = new int[n], pal = new int[n];
        for (int i = 0; i < n; i++) {
            LatentCode c = codes.get(i);
            float[] field = torus.tileNoise(c.localNoise(spec, torus.cellsW(), torus.cellsH()), dl);
            System.arraycopy(field, 0, local, i * field.length, field.length);
            System.arraycopy(c.global(), 0, global, i * spec.globalChannels(), spec.globalChannels());
            System.arraycopy(c.phases(), 0, phases, i * spec.periodicWaves(), spec.periodicWaves());
            fam[i] = c.family();
            pal[i] = c.palette();
        }
        return new Inputs(Tensor.of(d, local, n, dl, fh, fw), Tensor.of(d, global, n, spec.globalChannels()),
                spec.periodicWaves() > 0 ? Tensor.of(d, phases, n, spec.periodicWaves()) : null, fam, pal, torus);
    }

    /** What the generator reads for a batch. */
    public record Inputs(Tensor local, Tensor global, Tensor phases, int[] family, int[] palette, Torus torus) {
    }

    /** The torus for a tile of {@code gw × gh} pixels (on the grid) under a repeat. */
    public Torus torus(int gw, int gh, RepeatGeometry repeat) {
        int s = generator.spec().stride();
        return Torus.of(repeat, gw / s, gh / s, s);
    }

    /**
     * @param codes  one code per tile
     * @param width  tile width in pixels, any size ≥ 1
     * @param height tile height in pixels
     * @param repeat repeat the tile must be seamless under (null: block)
     * @return sRGB tiles in [0, 1]
     */
    public List<RgbImage> render(List<LatentCode> codes, int width, int height, RepeatGeometry repeat) {
        RepeatGeometry r = repeat == null ? RepeatGeometry.BLOCK : repeat;
        int gw = gridSize(width, r.type() == RepeatType.HALF_BRICK);
        int gh = gridSize(height, r.type() == RepeatType.HALF_DROP);
        Torus torus = torus(gw, gh, r);
        // one tile at a time above 256² pixels: a 2048² field already needs ~1.5 GB of activations
        int batch = (long) gw * gh > 256 * 256 ? 1 : 16;
        List<RgbImage> out = new ArrayList<>(codes.size());
        for (int from = 0; from < codes.size(); from += batch) {
            List<LatentCode> part = codes.subList(from, Math.min(codes.size(), from + batch));
            try (TensorScope s = TensorScope.open(); var off = tessera.compute.Autograd.noGrad()) {
                Inputs in = inputs(part, torus);
                Tensor y = generator.forward(in.local(), in.global(), in.family(), in.palette(), in.phases(), torus);
                y = Shapes.slice(Shapes.slice(y, 2, 0, gh), 3, 0, gw);
                for (int i = 0; i < part.size(); i++) {
                    RgbImage tile = toImage(Shapes.slice(y, 0, i, i + 1), gw, gh);
                    out.add(gw == width && gh == height ? tile : WrapResampler.resample(tile, r, width, height));
                }
            }
        }
        return out;
    }

    /** [1, 3, H, W] in [−1, 1] → sRGB image in [0, 1]. */
    public static RgbImage toImage(Tensor y, int w, int h) {
        float[] v = y.toArray();
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.max(0f, Math.min(1f, (v[i] + 1f) * 0.5f));
        }
        return RgbImage.wrap(w, h, v);
    }

    /** sRGB image in [0, 1] → [1, 3, H, W] in [−1, 1]. */
    public static Tensor toTensor(ComputeDevice d, RgbImage img) {
        float[] p = img.planes();
        for (int i = 0; i < p.length; i++) {
            p[i] = p[i] * 2f - 1f;
        }
        return Tensor.of(d, p, 1, 3, img.height(), img.width());
    }
}
