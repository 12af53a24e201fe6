package tessera.plugin.gan.internal.serve;

import java.io.IOException;
import java.nio.file.Files;
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
import tessera.api.job.CandidateRecord;
import tessera.api.image.RgbImage;
import tessera.api.provenance.ModelCard;
import tessera.api.repeat.RepeatGeometry;
import tessera.api.repeat.RepeatType;
import tessera.compute.guidance.GuidancePenalty;
import tessera.compute.guidance.GuidanceProviders;
import tessera.compute.guidance.GuidanceTarget;
import tessera.dataset.motif.PromptReader;
import tessera.dataset.motif.PromptWords;
import tessera.imaging.io.ImageFiles;
import tessera.plugin.gan.internal.explore.BrandPreset;
import tessera.plugin.gan.internal.explore.ConstraintGuidance;
import tessera.plugin.gan.internal.explore.LatentMoves;
import tessera.plugin.gan.internal.explore.Projection;
import tessera.plugin.gan.internal.model.GanSpec;
import tessera.plugin.gan.internal.model.LatentCode;
import tessera.plugin.gan.internal.model.PeriodicGenerator;
import tessera.plugin.gan.internal.model.TileRenderer;

/**
 * One GAN model as a {@code Generator}. The prompt's motif and palette words condition it (neither: unconditional);
 * {@code options.mode} picks what to make: {@code sample} (default: N designs, seed i = derived from the job seed),
 * {@code interpolate} ({@code from}, {@code to}), {@code ring} ({@code around}, {@code radius}
 * small|medium|large), {@code mix} ({@code style} and {@code layout}), each end a seed or {@code code:<latent>}, {@code project} ({@code reference} PNG),
 * {@code fit-preset} ({@code references} folder; saves the request's {@code preset} and samples from it). A request
 * {@code preset} samples inside that brand region. With a profile and guidance &gt; 0 each code is optimised against the
 * constraint penalties first; labels record every rule's penalty before and after.
 */
final class GanGenerator implements Generator {
    private final BundleContext context;
    private final ModelCard card;
    private final String version;
    private final TileRenderer renderer;
    private final Path presets;

    GanGenerator(BundleContext context, ModelCard card, String version, PeriodicGenerator g, Path presets) {
        this.context = context;
        this.card = card;
        this.version = version;
        this.renderer = new TileRenderer(g);
        this.presets = presets;
    }

    @Override
    public List<Candidate> generate(DesignRequest request, GenerationContext ctx) throws GenerationException {
        GanSpec spec = renderer.generator().spec();
        int n = request.variationsOrDefault(), w = request.tileWidthOrDefault(), h = request.tileHeightOrDefault();
        Map<String, String> opt = request.options();
        String mode = opt.getOrDefault("mode", "sample");
        try {
            PromptWords words = PromptReader.words(request.prompt());
            int fam = spec.familyIndex(opt.getOrDefault("family", words.family() == null ? null : words.family().id()));
            int pal = spec.paletteIndex(opt.getOrDefault("palette", words.palette() == null ? null : words.palette().id()));
            RepeatGeometry repeat = repeatOf(ctx);
            int cw = renderer.gridSize(w, repeat.type() == RepeatType.HALF_BRICK) / spec.stride();
            int ch = renderer.gridSize(h, repeat.type() == RepeatType.HALF_DROP) / spec.stride();
            ctx.progress(0, "GAN " + card.id() + " " + version + ": " + mode);
            List<LatentCode> codes = codes(mode, request, ctx, spec, n, fam, pal, cw, ch);
            List<Map<String, String>> extra = new ArrayList<>();
            for (int i = 0; i < codes.size(); i++) {
                extra.add(new TreeMap<>());
            }
            List<GuidancePenalty> penalties = penalties(request, ctx);
            if (!penalties.isEmpty()) {
                for (int i = 0; i < codes.size(); i++) {
                    if (ctx.cancelled()) {
                        return List.of();
                    }
                    ConstraintGuidance.Guided gd = ConstraintGuidance.guide(renderer.generator(), codes.get(i), cw, ch,
                            penalties, request.guidanceOrDefault());
                    codes.set(i, gd.code());
                    for (var e : gd.penalties().entrySet()) {
                        extra.get(i).put("guidance." + e.getKey() + ".before", fmt(e.getValue()[0]));
                        extra.get(i).put("guidance." + e.getKey() + ".after", fmt(e.getValue()[1]));
                    }
                    ctx.progress(0.5 * (i + 1) / codes.size(), "guided design " + (i + 1) + " of " + codes.size());
                }
            }
            List<RgbImage> tiles = renderer.render(codes, w, h, repeat);
            List<Candidate> out = new ArrayList<>();
            for (int i = 0; i < tiles.size(); i++) {
                LatentCode c = codes.get(i);
                Map<String, String> labels = new TreeMap<>(extra.get(i));
                labels.put("generator", "gan");
                labels.put("model", card.id() + " " + version);
                labels.put("mode", mode);
                labels.put("family", c.family() == spec.anyFamily() ? "any" : spec.families().get(c.family()));
                labels.put("palette", c.palette() == spec.anyPalette() ? "any" : spec.palettes().get(c.palette()));
                labels.put("local_seed", Long.toString(c.localSeed()));
                if (request.preset() != null) {
                    labels.put("preset", request.preset());
                }
                out.add(new Candidate(i, seedOf(ctx, i), tiles.get(i), labels, c.vector()));
            }
            ctx.progress(1, out.size() + " designs");
            return out;
        } catch (IllegalArgumentException e) {
            throw new GenerationException("GAN " + card.id() + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new GenerationException("GAN " + card.id() + ": " + e.getMessage(), e);
        }
    }

    private List<LatentCode> codes(String mode, DesignRequest request, GenerationContext ctx, GanSpec spec, int n,
            int fam, int pal, int cw, int ch) throws IOException {
        Map<String, String> opt = request.options();
        List<LatentCode> codes = new ArrayList<>();
        switch (mode) {
            case "sample" -> {
                BrandPreset preset = request.preset() == null ? null : preset(request.preset());
                for (int i = 0; i < n; i++) {
                    codes.add(preset != null ? preset.sample(spec, seedOf(ctx, i)) : LatentCode.sample(spec, seedOf(ctx, i), fam, pal));
                }
            }
            case "interpolate" -> codes.addAll(LatentMoves.interpolate(spec, code(opt, "from", spec, fam, pal, cw, ch),
                    code(opt, "to", spec, fam, pal, cw, ch), n, cw, ch));
            case "ring" -> codes.addAll(LatentMoves.ring(spec, code(opt, "around", spec, fam, pal, cw, ch),
                    LatentMoves.Radius.of(opt.getOrDefault("radius", "medium")), n, ctx.seed(), cw, ch));
            case "mix" -> {
                LatentCode layout = code(opt, "layout", spec, fam, pal, cw, ch);
                for (int i = 0; i < n; i++) {
                    LatentCode style = opt.containsKey("style") ? code(opt, "style", spec, fam, pal, cw, ch)
                            : LatentCode.sample(spec, seedOf(ctx, i), fam, pal);
                    codes.add(LatentMoves.mix(spec, style, layout, cw, ch));
                }
            }
            case "project" -> {
                RgbImage ref = ImageFiles.read(Path.of(required(opt, "reference"))).image();
                LatentCode found = Projection.project(renderer.generator(), ref, fam, pal,
                        Integer.parseInt(opt.getOrDefault("steps", "100")), ctx.seed()).code();
                codes.add(found);
                if (n > 1) {
                    codes.addAll(LatentMoves.ring(spec, found, LatentMoves.Radius.SMALL, n - 1, ctx.seed(),
                            spec.trainingSize() / spec.stride(), spec.trainingSize() / spec.stride()));
                }
            }
            case "fit-preset" -> {
                if (request.preset() == null) {
                    throw new IllegalArgumentException("mode fit-preset needs the request's preset id (the name to save it under)");
                }
                List<RgbImage> refs = new ArrayList<>();
                try (var files = Files.list(Path.of(required(opt, "references")))) {
                    for (Path f : files.filter(p -> p.toString().toLowerCase(Locale.ROOT).endsWith(".png")).sorted().toList()) {
                        refs.add(ImageFiles.read(f).image());
                    }
                }
                BrandPreset p = BrandPreset.fit(request.preset(), opt.getOrDefault("name", request.preset()),
                        card.id() + " " + version, renderer.generator(), refs, fam, pal, Integer.parseInt(opt.getOrDefault("steps", "60")));
                p.save(presets.resolve(request.preset() + ".json"));
                for (int i = 0; i < n; i++) {
                    codes.add(p.sample(spec, seedOf(ctx, i)));
                }
            }
            default -> throw new IllegalArgumentException("mode '" + mode
                    + "' is not one of sample, interpolate, ring, mix, project, fit-preset");
        }
        return codes;
    }

    private BrandPreset preset(String id) throws IOException {
        Path f = presets.resolve(id + ".json");
        if (!Files.exists(f)) {
            throw new IllegalArgumentException("no brand preset '" + id + "' in " + presets
                    + "; fit one with --option mode=fit-preset --option references=DIR --preset " + id);
        }
        return BrandPreset.load(f);
    }

    /** Prefix of an option value that is a recorded code rather than a seed. */
    static final String CODE = "code:";

    /**
     * A move's end: {@code SEED} (the code a sample job draws from it, with the request's family and palette), or
     * {@code code:<latent>} with a job record's {@code candidates[].latent} (#11: any recorded design, blends
     * included, with its own family and palette).
     */
    private static LatentCode code(Map<String, String> opt, String key, GanSpec spec, int fam, int pal, int cw, int ch) {
        String v = required(opt, key).strip();
        if (v.startsWith(CODE)) {
            try {
                return LatentCode.fromVector(spec, CandidateRecord.decodeLatent(v.substring(CODE.length())), cw, ch);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("option " + key + ": " + e.getMessage(), e);
            }
        }
        try {
            return LatentCode.sample(spec, Long.parseLong(v), fam, pal);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option " + key + "='" + (v.length() > 40 ? v.substring(0, 40) + "…" : v)
                    + "' is neither a seed (a whole number) nor code:<latent> (a job record's candidates[].latent)", e);
        }
    }

    private static String required(Map<String, String> opt, String key) {
        String v = opt.get(key);
        if (v == null) {
            throw new IllegalArgumentException("this mode needs --option " + key + "=…");
        }
        return v;
    }

    /** Candidate i's seed: its code is LatentCode.sample(spec, seed, family, palette). */
    private static long seedOf(GenerationContext ctx, int i) {
        return ctx.seed() * 0x9E3779B97F4A7C15L + i * 0xBF58476D1CE4E5B9L + 1;
    }

    private List<GuidancePenalty> penalties(DesignRequest request, GenerationContext ctx) {
        if (request.guidanceOrDefault() <= 0 || request.profile() == null) {
            return List.of();
        }
        return GuidanceProviders.collect(context, new GuidanceTarget(request.profile(), request.tileWidthCmOrDefault(),
                request.tileHeightCmOrDefault(), repeatOf(ctx).label()));
    }

    private static RepeatGeometry repeatOf(GenerationContext ctx) {
        return ctx.repeat() == null ? RepeatGeometry.BLOCK : ctx.repeat();
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.5g", v);
    }
}
