package tessera.plugin.diffusion.internal.serve;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.osgi.framework.BundleContext;

import tessera.api.design.DesignRequest;
import tessera.api.generate.Candidate;
import tessera.api.generate.GenerationContext;
import tessera.api.generate.GenerationException;
import tessera.api.generate.Generator;
import tessera.api.image.RgbImage;
import tessera.api.provenance.ModelCard;
import tessera.api.repeat.RepeatGeometry;
import tessera.api.repeat.RepeatType;
import tessera.compute.Autograd;
import tessera.compute.Tensor;
import tessera.compute.TensorScope;
import tessera.compute.guidance.GuidancePenalty;
import tessera.compute.guidance.GuidanceProviders;
import tessera.compute.guidance.GuidanceTarget;
import tessera.imaging.io.ImageFiles;
import tessera.imaging.repeat.WrapResampler;
import tessera.plugin.diffusion.internal.model.DiffusionSpec;
import tessera.plugin.diffusion.internal.model.ModelFiles;
import tessera.plugin.diffusion.internal.sample.LatentField;
import tessera.plugin.diffusion.internal.sample.Sampler;

/**
 * One diffusion model as a {@code Generator}: the prompt is the text condition. {@code options.mode} picks what to
 * make: {@code sample} (default; N designs), {@code refine} ({@code source} PNG/TIFF, {@code strength} 0..1, default
 * 0.5: the source re-imagined toward the prompt, e.g. "more sparse", "warmer"), {@code inpaint} ({@code source} and
 * either {@code mask}, an image whose light pixels are regenerated, or {@code region=x,y,w,h} in source pixels),
 * {@code outpaint} ({@code source} and {@code field=K}: a seamless field of the requested size whose top-left 1/K
 * holds the source). The tile is always the requested size; a source of another size (e.g. a print-resolution tile)
 * is worked on as a wrap-aware copy at that size. Further options: {@code steps} (DDIM, default 25), {@code cfg} (classifier-free guidance scale,
 * default 2: of 1.5, 4 and 7 the lower scales gave the shipped model the better motif accuracy). With a profile
 * and guidance &gt; 0 the constraint penalties steer every step; labels record each rule's penalty before and after.
 */
final class DiffusionGenerator implements Generator {
    private static final int BATCH = 4;
    /** Longest side the model makes at once: beyond it the activations outgrow a default heap. */
    static final int MAX_SIDE = 1024;
    private final BundleContext context;
    private final ModelCard card;
    private final ModelLoader loader;
    private final String version;
    private volatile ModelFiles.Model loaded;

    /** Reads the networks from the model's bundle; called once, on the first job that needs them. */
    @FunctionalInterface
    interface ModelLoader {
        ModelFiles.Model load() throws IOException;
    }

    /**
     * @param loader reads the weights: deferred to the first job, so an engine started for a check, an export or
     *               another generator does not pay ~0.5 s reading a model it never uses
     */
    DiffusionGenerator(BundleContext context, ModelCard card, ModelLoader loader, String version) {
        this.context = context;
        this.card = card;
        this.loader = loader;
        this.version = version;
    }

    private ModelFiles.Model model() throws IOException {
        ModelFiles.Model m = loaded;
        if (m == null) {
            synchronized (this) {
                m = loaded;
                if (m == null) {
                    try {
                        loaded = m = loader.load();
                    } catch (IllegalStateException e) { // the model's bundle went away before its first job
                        throw new IOException("the model's bundle is no longer installed", e);
                    }
                }
            }
        }
        return m;
    }

    @Override
    public List<Candidate> generate(DesignRequest request, GenerationContext ctx) throws GenerationException {
        Map<String, String> opt = request.options();
        String mode = opt.getOrDefault("mode", "sample");
        try {
            if (!List.of("sample", "refine", "inpaint", "outpaint").contains(mode)) {
                throw new IllegalArgumentException("mode '" + mode + "' is not one of sample, refine, inpaint, outpaint");
            }
            ModelFiles.Model model = model();
            DiffusionSpec spec = model.denoiser().spec();
            int n = request.variationsOrDefault();
            int steps = intOption(opt, "steps", 25, 1, 200);
            float cfg = (float) doubleOption(opt, "cfg", 2.0, 0, 20);
            RepeatGeometry repeat = ctx.repeat() == null ? RepeatGeometry.BLOCK : ctx.repeat();
            int w = request.tileWidthOrDefault(), h = request.tileHeightOrDefault();
            RgbImage source = null;
            double strength = 1;
            int k = 1;
            if (!mode.equals("sample")) {
                source = ImageFiles.read(Path.of(required(opt, "source"))).image();
                if (mode.equals("refine")) {
                    strength = doubleOption(opt, "strength", 0.5, 0.05, 1);
                } else if (mode.equals("outpaint")) {
                    k = intOption(opt, "field", 2, 2, 8);
                }
            }
            if (Math.max(w, h) > MAX_SIDE) {
                throw new IllegalArgumentException("a " + w + " × " + h + " px tile is more than the diffusion model makes "
                        + "at once (at most " + MAX_SIDE + " px a side); ask for a smaller --size");
            }
            int unit = spec.pixelMultiple();
            int gw = roundUp(w, unit * (repeat.type() == RepeatType.HALF_BRICK ? 2 : 1));
            int gh = roundUp(h, unit * (repeat.type() == RepeatType.HALF_DROP ? 2 : 1));
            int ds = spec.downsample();
            LatentField field = LatentField.of(repeat, gw / ds, gh / ds, ds);
            List<GuidancePenalty> penalties = penalties(request, repeat);
            Sampler.Options o = new Sampler.Options(steps, cfg, penalties, request.guidanceOrDefault(), strength);
            float[] sourceLatent = null, keepCells = null, keep = null;
            RgbImage placed = null;
            if (source != null) {
                boolean outpaint = mode.equals("outpaint");
                // the source on the request's grid (a print-resolution source is worked on as a copy of the tile size):
                // the whole tile, or (outpaint) the field's top-left 1/k, in whole latent cells
                placed = outpaint ? WrapResampler.resample(source, RepeatGeometry.BLOCK, gw / k / ds * ds, gh / k / ds * ds)
                        : WrapResampler.resample(source, repeat, gw, gh);
                // the kept region first: a missing or bad region is said before any heavy work
                keepCells = keepMask(mode, opt, source, placed, gw, gh, ds);
                sourceLatent = encode(model, placed, gw, gh, field, outpaint);
                keep = keepCells == null ? null : field.layOut(keepCells, 1);
            }
            ctx.progress(0, "diffusion " + card.id() + " " + version + ": " + mode + ", " + steps + " steps");
            List<Sampler.Job> jobs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                jobs.add(new Sampler.Job(request.prompt(), seedOf(ctx, i), sourceLatent, keep));
            }
            Sampler sampler = new Sampler(model.denoiser(), model.autoencoder());
            List<Candidate> out = new ArrayList<>();
            for (int from = 0; from < n; from += BATCH) {
                int lo = from, hi = Math.min(n, from + BATCH);
                List<Sampler.Made> made = sampler.sample(jobs.subList(lo, hi), field, o,
                        f -> ctx.progress((lo + f * (hi - lo)) / n, "designs " + (lo + 1) + "–" + hi + " of " + n),
                        ctx::cancelled);
                if (made.isEmpty()) {
                    return List.of(); // cancelled
                }
                for (int i = 0; i < made.size(); i++) {
                    RgbImage tile = made.get(i).image();
                    if (keepCells != null) {
                        tile = composite(tile, placed, keepCells, spec.downsample());
                    }
                    if (tile.width() != w || tile.height() != h) {
                        tile = WrapResampler.resample(tile, repeat, w, h);
                    }
                    Map<String, String> labels = new TreeMap<>();
                    labels.put("generator", "diffusion");
                    labels.put("model", card.id() + " " + version);
                    labels.put("mode", mode);
                    labels.put("steps", Integer.toString(steps));
                    labels.put("cfg", fmt(cfg));
                    if (strength < 1) {
                        labels.put("strength", fmt(strength));
                    }
                    for (var e : made.get(i).penalties().entrySet()) {
                        labels.put("guidance." + e.getKey() + ".before", fmt(e.getValue()[0]));
                        labels.put("guidance." + e.getKey() + ".after", fmt(e.getValue()[1]));
                    }
                    out.add(new Candidate(lo + i, seedOf(ctx, lo + i), tile, labels, null));
                }
            }
            ctx.progress(1, out.size() + " designs");
            return out;
        } catch (IllegalArgumentException | IOException e) {
            throw new GenerationException("diffusion " + card.id() + ": " + e.getMessage(), e);
        }
    }

    /** The source's scaled latent on the field (outpaint: the source in the field's top-left corner, zeros elsewhere). */
    private static float[] encode(ModelFiles.Model model, RgbImage img, int gw, int gh, LatentField field, boolean corner) {
        int c = model.denoiser().spec().latentChannels(), ds = model.denoiser().spec().downsample();
        float[] px = img.planesView();
        int iw = img.width(), ih = img.height();
        float[] x = new float[3 * iw * ih];
        for (int i = 0; i < x.length; i++) {
            x[i] = px[i] * 2 - 1;
        }
        float[] z;
        try (TensorScope s = TensorScope.open(); var off = Autograd.noGrad()) {
            z = model.autoencoder().encode(Tensor.of(model.denoiser().parameters().device(), x, 1, 3, ih, iw)).toArray();
        }
        int zw = iw / ds, zh = ih / ds;
        if (!corner) {
            return field.layOut(z, c);
        }
        float[] tile = new float[c * (gw / ds) * (gh / ds)];
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < zh; y++) {
                System.arraycopy(z, (ch * zh + y) * zw, tile, (ch * (gh / ds) + y) * (gw / ds), zw);
            }
        }
        return field.layOut(tile, c);
    }

    /**
     * The source's pixels where they are kept, blended into the generated tile over a soft edge one latent cell wide:
     * the decoder only approximates the source, and inpainting promises that what is outside the region stays.
     */
    static RgbImage composite(RgbImage made, RgbImage source, float[] keepCells, int ds) {
        int w = made.width(), h = made.height(), cw = w / ds;
        float[] hard = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                hard[y * w + x] = keepCells[(y / ds) * cw + x / ds];
            }
        }
        // the blend reaches inward only, so kept pixels deep inside stay exactly the source's
        float[] soft = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float m = hard[y * w + x];
                for (int dy = -ds; dy <= ds && m > 0; dy++) {
                    for (int dx = -ds; dx <= ds && m > 0; dx++) {
                        int yy = y + dy, xx = x + dx;
                        if (yy >= 0 && yy < h && xx >= 0 && xx < w && hard[yy * w + xx] == 0) {
                            m = Math.min(m, (float) Math.max(Math.abs(dx), Math.abs(dy)) / (ds + 1));
                        }
                    }
                }
                soft[y * w + x] = m;
            }
        }
        float[] out = made.planesView().clone();
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    float m = soft[y * w + x];
                    if (m > 0 && y < source.height() && x < source.width()) {
                        int i = (c * h + y) * w + x;
                        out[i] = m * source.get(c, y, x) + (1 - m) * out[i];
                    }
                }
            }
        }
        return RgbImage.wrap(w, h, out);
    }

    /** Per tile cell, 1 where the source is kept; null when the whole tile is regenerated (refine). */
    private static float[] keepMask(String mode, Map<String, String> opt, RgbImage source, RgbImage placed, int gw,
            int gh, int ds) throws IOException {
        int cw = gw / ds, ch = gh / ds;
        float[] tile = new float[cw * ch];
        switch (mode) {
            case "refine" -> {
                return null;
            }
            case "outpaint" -> {
                for (int y = 0; y < placed.height() / ds; y++) {
                    for (int x = 0; x < placed.width() / ds; x++) {
                        tile[y * cw + x] = 1f;
                    }
                }
            }
            default -> { // inpaint: a cell is regenerated when any of its pixels is in the region
                boolean[] regen = regenerate(opt, source, gw, gh);
                for (int y = 0; y < ch; y++) {
                    for (int x = 0; x < cw; x++) {
                        boolean any = false;
                        for (int dy = 0; dy < ds && !any; dy++) {
                            for (int dx = 0; dx < ds && !any; dx++) {
                                any = regen[(y * ds + dy) * gw + x * ds + dx];
                            }
                        }
                        tile[y * cw + x] = any ? 0f : 1f;
                    }
                }
            }
        }
        return tile;
    }

    private static boolean[] regenerate(Map<String, String> opt, RgbImage source, int gw, int gh) throws IOException {
        boolean[] r = new boolean[gw * gh];
        if (opt.containsKey("mask")) {
            RgbImage m = WrapResampler.resample(ImageFiles.read(Path.of(opt.get("mask"))).image(), RepeatGeometry.BLOCK, gw, gh);
            for (int i = 0; i < r.length; i++) {
                r[i] = m.get(0, i / gw, i % gw) + m.get(1, i / gw, i % gw) + m.get(2, i / gw, i % gw) > 1.5f;
            }
            return r;
        }
        String[] box = required(opt, "region").split(",");
        if (box.length != 4) {
            throw new IllegalArgumentException("region must be x,y,w,h in source pixels, got '" + opt.get("region") + "'");
        }
        double sx = (double) gw / source.width(), sy = (double) gh / source.height();
        int x0 = (int) Math.floor(Integer.parseInt(box[0].strip()) * sx), y0 = (int) Math.floor(Integer.parseInt(box[1].strip()) * sy);
        int x1 = (int) Math.ceil((Integer.parseInt(box[0].strip()) + Integer.parseInt(box[2].strip())) * sx);
        int y1 = (int) Math.ceil((Integer.parseInt(box[1].strip()) + Integer.parseInt(box[3].strip())) * sy);
        if (x1 <= x0 || y1 <= y0) {
            throw new IllegalArgumentException("region " + opt.get("region") + " is empty");
        }
        for (int y = Math.max(0, y0); y < Math.min(gh, y1); y++) {
            for (int x = Math.max(0, x0); x < Math.min(gw, x1); x++) {
                r[y * gw + x] = true;
            }
        }
        return r;
    }

    private List<GuidancePenalty> penalties(DesignRequest request, RepeatGeometry repeat) {
        if (request.guidanceOrDefault() <= 0 || request.profile() == null) {
            return List.of();
        }
        return GuidanceProviders.collect(context, new GuidanceTarget(request.profile(), request.tileWidthCmOrDefault(),
                request.tileHeightCmOrDefault(), repeat.label()));
    }

    private static int roundUp(int v, int unit) {
        return Math.max(unit, (v + unit - 1) / unit * unit);
    }

    /** Candidate i's seed: the noise it starts from. */
    private static long seedOf(GenerationContext ctx, int i) {
        return ctx.seed() * 0x9E3779B97F4A7C15L + i * 0xBF58476D1CE4E5B9L + 1;
    }

    private static String required(Map<String, String> opt, String key) {
        String v = opt.get(key);
        if (v == null) {
            throw new IllegalArgumentException("this mode needs --option " + key + "=…");
        }
        return v;
    }

    private static int intOption(Map<String, String> opt, String key, int d, int lo, int hi) {
        return (int) doubleOption(opt, key, d, lo, hi);
    }

    private static double doubleOption(Map<String, String> opt, String key, double d, double lo, double hi) {
        String v = opt.get(key);
        if (v == null) {
            return d;
        }
        try {
            double x = Double.parseDouble(v.strip());
            if (x < lo || x > hi) {
                throw new IllegalArgumentException("option " + key + "=" + v + " is outside " + fmt(lo) + ".." + fmt(hi));
            }
            return x;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option " + key + "=" + v + " is not a number");
        }
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.5g", v);
    }
}
