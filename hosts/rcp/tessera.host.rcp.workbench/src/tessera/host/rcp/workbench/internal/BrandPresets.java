package tessera.host.rcp.workbench.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import org.osgi.framework.ServiceReference;

import tessera.api.ServiceProperties;
import tessera.api.design.DesignRequest;
import tessera.api.generate.Candidate;
import tessera.api.generate.GenerationContext;
import tessera.api.generate.Generator;
import tessera.api.job.DesignPipeline;
import tessera.api.job.JobListener;
import tessera.api.json.TesseraJson;
import tessera.api.profile.ProductionProfile;
import tessera.api.provenance.ModelCard;
import tessera.api.repeat.RepeatGeometry;
import tessera.imaging.io.ImageFiles;

/**
 * "Save as brand preset" (#11): picked GAN designs become a preset file of the GAN plugin (docs/gan.md, "Brand
 * presets"), in the folder the plugin reads presets from, so {@code tessera generate --generator gan --preset ID}
 * and the studio sample from it. The GAN's own {@code fit-preset} mode projects reference images, which finds a
 * code near a design, not its code; a designer who picked a design wants that design's style, so the studio
 * writes the box around the picked designs' own global codes.
 */
final class BrandPresets {
    /** Box half-width in standard deviations of the picked codes, the GAN's fit-preset spread (K). */
    static final double SPREAD = 1.5;

    private BrandPresets() {
    }

    /**
     * The GAN plugin's preset file: designs made with it draw their global code (style) uniformly from
     * {@code centre ± halfWidth}; layout and wave phases stay free, drawn from each design's seed.
     *
     * @param model      model id and version the codes belong to ("gan-motif 1.0.0.20261123T0042Z")
     * @param family     family index in the model's list, its length for "any"
     * @param palette    palette index, likewise
     * @param references how many designs it was made from
     */
    public record PresetFile(String id, String name, String model, int family, int palette, float[] centre, float[] halfWidth,
            int references) {
    }

    /** The shape of a GAN model's code, from its card ({@code architecture.spec}). */
    record CodeShape(int globalChannels, List<String> families, List<String> palettes) {
        @SuppressWarnings("unchecked")
        static CodeShape of(ModelCard card) {
            if (!(card.architecture().get("spec") instanceof Map<?, ?> spec) || !(spec.get("globalChannels") instanceof Number g)) {
                throw new IllegalStateException("model card " + card.id() + " has no architecture.spec with globalChannels: "
                        + "not a GAN card this studio knows");
            }
            return new CodeShape(g.intValue(), (List<String>) spec.get("families"), (List<String>) spec.get("palettes"));
        }

        /** @return the index of a {@code family} or {@code palette} label ("any": one past the list, as the GAN counts) */
        static int index(List<String> ids, String label) {
            if (label == null || label.equals("any")) {
                return ids.size();
            }
            int i = ids.indexOf(label);
            if (i < 0) {
                throw new IllegalStateException("the model knows no '" + label + "'");
            }
            return i;
        }
    }

    /**
     * A saved preset and the engine's check of it.
     *
     * @param file       where it was written
     * @param regenerate the request that makes the first picked design from the preset (its design {@code design})
     * @param samePixels whether that request made the picked design pixel for pixel; null when not checked (a
     *                   preset from several designs is a box, not one design)
     * @param recipe     the {@code tessera generate} command of that request
     */
    record Saved(Path file, PresetFile preset, DesignRequest regenerate, int design, Boolean samePixels, String recipe) {
    }

    /**
     * Where the serving GAN generator reads presets: its {@code tessera.gan.presets} service property (the plugin
     * decides the folder; the studio only asks).
     */
    static Path folder(ServiceReference<Generator> ref) {
        Object p = ref.getProperty(ServiceProperties.BRAND_PRESETS);
        if (!(p instanceof String s) || s.isBlank()) {
            throw new IllegalStateException("the " + Engine.pluginId(ref) + " generator does not say where it reads brand presets"
                    + " (no tessera.gan.presets service property); update the GAN plugin");
        }
        return Path.of(s);
    }

    /**
     * Writes the preset of the picked designs and, for one design, regenerates it from the preset through the
     * pipeline and compares the pixels.
     *
     * @param picks designs of sample jobs of one GAN model (see {@link LatentExplorer#whyNot})
     * @param id    preset id, 1–64 lower-case letters, digits, '.', '-', '_'
     */
    static Saved save(Engine engine, List<Variation> picks, String id, String name, JobListener listener)
            throws Exception {
        tessera.api.Check.notNull("id", tessera.api.Check.id("preset", id));
        Variation first = picks.get(0);
        ServiceReference<Generator> ref = engine.servingGenerator(first.generator().id())
                .orElseThrow(() -> new IllegalStateException("no " + first.generator().id() + " generator is installed now"));
        ModelCard card = Engine.modelCard(ref).orElseThrow(() -> new IllegalStateException(
                first.generator().id() + " names no model card: its codes have no shape the studio can read"));
        CodeShape shape = CodeShape.of(card);
        float[][] codes = new float[picks.size()][];
        for (int i = 0; i < codes.length; i++) {
            listener.onEvent(new tessera.api.job.JobEvent("preset", "codes", 0.3 * i / codes.length,
                    "reading the code of " + picks.get(i).label()));
            codes[i] = globalCode(engine, ref, picks.get(i), shape, listener::cancelled);
        }
        PresetFile preset = box(id, name == null || name.isBlank() ? id : name.strip(), first, codes, shape);
        Path file = folder(ref).resolve(id + ".json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, TesseraJson.write(preset));

        DesignRequest again = regeneration(first, id);
        if (picks.size() > 1) {
            return new Saved(file, preset, again, first.index(), null, null);
        }
        listener.onEvent(new tessera.api.job.JobEvent("preset", "check", 0.4, "regenerating " + first.label() + " from " + id));
        DesignPipeline pipeline = engine.await(DesignPipeline.class, java.time.Duration.ofSeconds(10));
        DesignResult made = DesignRun.run(pipeline, again, DesignRun.besides(first.job().outDir(), "preset-" + id), listener);
        boolean same = Arrays.equals(pixels(made.tiles().get(first.index())), pixels(first.tile()));
        return new Saved(file, preset, again, first.index(), same, new Variation(made, first.index()).recipe());
    }

    /**
     * The request that makes {@code v} from preset {@code id}: its own request (seed, prompt, size) with the preset.
     * Design i's code is the preset's sample for seed i of the job, whose layout and phases are the design's.
     */
    static DesignRequest regeneration(Variation v, String id) {
        DesignRequest r = v.request();
        return new DesignRequest(r.prompt(), v.generator().id(), id, r.seed(), v.index() + 1, r.tileWidthPx(),
                r.tileHeightPx(), r.repeat(), r.tileWidthCm(), r.tileHeightCm(), r.dpi(), r.profile(), r.colours(),
                r.guidance(), r.options());
    }

    /** Centre: the mean code; half-width: {@link #SPREAD} standard deviations (0 for one design: exactly its style). */
    static PresetFile box(String id, String name, Variation first, float[][] codes, CodeShape shape) {
        int d = shape.globalChannels();
        float[] centre = new float[d], half = new float[d];
        for (int i = 0; i < d; i++) {
            double mean = 0, var = 0;
            for (float[] c : codes) {
                mean += c[i] / (double) codes.length;
            }
            for (float[] c : codes) {
                var += (c[i] - mean) * (c[i] - mean) / codes.length;
            }
            centre[i] = codes.length == 1 ? codes[0][i] : (float) mean; // one design: its code bit for bit
            half[i] = (float) (SPREAD * Math.sqrt(var));
        }
        return new PresetFile(id, name, first.labels().get("model"), CodeShape.index(shape.families(),
                first.labels().get("family")), CodeShape.index(shape.palettes(), first.labels().get("palette")), centre,
                half, codes.length);
    }

    /**
     * A design's global code (style): the front of the code its job recorded ({@code CandidateRecord.latent}, the
     * GAN's {@code LatentCode.vector()}: global first). Only where the record kept none (a code over its size bound)
     * is the job's design drawn again, at the smallest tile (the global code does not depend on the size) and
     * without guidance, for {@link Candidate#latent()}.
     */
    static float[] globalCode(Engine engine, ServiceReference<Generator> ref, Variation v, CodeShape shape,
            BooleanSupplier cancelled) throws Exception {
        if (!Engine.pluginVersion(ref).equals(v.generator().version())) {
            throw new IllegalStateException(v.label() + " was made by " + v.generator().id() + " " + v.generator().version()
                    + "; " + Engine.pluginVersion(ref) + " serves now, and a preset belongs to one model");
        }
        String recorded = v.candidate().latent();
        if (recorded != null) {
            return Arrays.copyOf(tessera.api.job.CandidateRecord.decodeLatent(recorded), shape.globalChannels());
        }
        DesignRequest r = v.request();
        DesignRequest probe = new DesignRequest(r.prompt(), v.generator().id(), null, r.seed(), v.index() + 1, 16, 16,
                RepeatGeometry.BLOCK, null, null, null, null, null, null, r.options());
        GenerationContext ctx = new GenerationContext() {
            @Override
            public long seed() {
                return r.seed();
            }

            @Override
            public RepeatGeometry repeat() {
                return RepeatGeometry.BLOCK;
            }

            @Override
            public Optional<ProductionProfile> profile() {
                return Optional.empty();
            }

            @Override
            public void progress(double fraction, String message) {
            }

            @Override
            public boolean cancelled() {
                return cancelled.getAsBoolean();
            }
        };
        List<Candidate> made = engine.call(ref, g -> g.generate(probe, ctx))
                .orElseThrow(() -> new IllegalStateException(v.generator().id() + " went away while its code was read"));
        if (cancelled.getAsBoolean() || made.size() <= v.index()) {
            throw new java.util.concurrent.CancellationException("cancelled");
        }
        Candidate c = made.get(v.index());
        if (c.latent() == null || !String.valueOf(c.labels().get("local_seed")).equals(v.labels().get("local_seed"))) {
            throw new IllegalStateException(v.generator().id() + " draws " + v.label() + " differently now (local seed "
                    + c.labels().get("local_seed") + ", recorded " + v.labels().get("local_seed") + ")");
        }
        return Arrays.copyOf(c.latent(), shape.globalChannels());
    }

    private static int[] pixels(Path tile) throws IOException {
        return ImageFiles.read(tile).image().toPackedRgb();
    }
}
