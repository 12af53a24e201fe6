package tessera.plugin.gan.internal.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import tessera.api.design.DesignRequest;
import tessera.api.generate.Candidate;
import tessera.api.generate.GenerationContext;
import tessera.api.generate.GenerationException;
import tessera.api.job.CandidateRecord;
import tessera.api.profile.ProductionProfile;
import tessera.api.provenance.ModelCard;
import tessera.api.repeat.RepeatGeometry;
import tessera.compute.cpu.CpuDevices;
import tessera.plugin.gan.internal.model.GanSpec;
import tessera.plugin.gan.internal.model.LatentCode;
import tessera.plugin.gan.internal.model.PeriodicGenerator;

/**
 * #11: a design's code as the job record keeps it ({@code candidates[].latent}) takes the GAN back to exactly that
 * design, blends included, through {@code code:<latent>} wherever its moves take a seed.
 */
class RecordedCodeTest {
    static final GanSpec SPEC = new GanSpec(4, 6, 3, 4, 3, List.of("stripes", "floral"), List.of("nordic"),
            List.of(16, 8), List.of(8, 16), 4, 32);
    static final PeriodicGenerator G = new PeriodicGenerator(SPEC, CpuDevices.shared(), 11);
    static final GanGenerator GAN = new GanGenerator(null, new ModelCard("gan-test", "test", "1", "gan", null, null, null,
            null, null, null, null, null, null, null, null, null), "1.0.0", G, Path.of("presets"));

    @AfterAll
    static void close() {
        G.weights().close();
    }

    /** The job as the pipeline gives it: seed, repeat, no profile, never cancelled. */
    record Job(long seed, RepeatGeometry repeat) implements GenerationContext {
        @Override
        public Optional<ProductionProfile> profile() {
            return Optional.empty();
        }

        @Override
        public void progress(double fraction, String message) {
        }

        @Override
        public boolean cancelled() {
            return false;
        }
    }

    private static List<Candidate> generate(long seed, int n, String... options) throws GenerationException {
        Map<String, String> opt = new java.util.LinkedHashMap<>();
        for (int i = 0; i < options.length; i += 2) {
            opt.put(options[i], options[i + 1]);
        }
        DesignRequest r = new DesignRequest("nordic stripes", "gan", null, seed, n, 32, 32, RepeatGeometry.BLOCK, 4.0, 4.0,
                72.0, null, null, null, opt);
        return GAN.generate(r, new Job(seed, RepeatGeometry.BLOCK));
    }

    /** The code as a job record holds it, and as the studio passes it back. */
    private static String recorded(Candidate c) {
        CandidateRecord rec = new CandidateRecord(c.index(), c.seed(), c.labels(), null, null, null, null, null, true,
                CandidateRecord.encodeLatent(c.latent()));
        return GanGenerator.CODE + rec.latent();
    }

    @Test
    void aBlendsRecordedCodeRendersTheSamePixels() throws Exception {
        Candidate blend = generate(5, 3, "mode", "interpolate", "from", "1", "to", "2").get(1);
        int g = SPEC.globalChannels(), p = SPEC.periodicWaves(), cells = (32 / SPEC.stride()) * (32 / SPEC.stride());
        assertThat(blend.latent()).as("a blend's code carries its local noise").hasSize(g + p + 5 + SPEC.localChannels() * cells);
        String code = recorded(blend);
        // mixing a code's style with its own layout is that code: the design itself, from the record alone
        Candidate again = generate(99, 1, "mode", "mix", "style", code, "layout", code).get(0);
        assertThat(again.tile()).isEqualTo(blend.tile());
        // and a move starts there: the first design of a strip from the blend is the blend
        Candidate first = generate(99, 2, "mode", "interpolate", "from", code, "to", "7").get(0);
        assertThat(first.tile()).isEqualTo(blend.tile());
    }

    @Test
    void aSampledDesignsCodeIsShortAndRendersTheSamePixels() throws Exception {
        Candidate sampled = generate(42, 2, "mode", "sample").get(1);
        assertThat(sampled.latent()).hasSize(SPEC.globalChannels() + SPEC.periodicWaves() + 5);
        assertThat(CandidateRecord.encodeLatent(sampled.latent())).hasSizeLessThan(120);
        String code = recorded(sampled);
        assertThat(generate(1, 1, "mode", "mix", "style", code, "layout", code).get(0).tile()).isEqualTo(sampled.tile());
        LatentCode back = LatentCode.fromVector(SPEC, sampled.latent(), 8, 8);
        assertThat(back.localSeed()).as("the local seed survives float32 exactly").isEqualTo(Long.parseLong(sampled.labels()
                .get("local_seed")));
    }

    @Test
    void aCodeOfAnotherSizeOrModelOrNotACodeSaysWhatToDo() throws Exception {
        String blend = recorded(generate(5, 3, "mode", "interpolate", "from", "1", "to", "2").get(1));
        DesignRequest bigger = new DesignRequest("", "gan", null, 1L, 1, 64, 64, RepeatGeometry.BLOCK, 4.0, 4.0, 72.0, null,
                null, null, Map.of("mode", "ring", "around", blend));
        assertThatThrownBy(() -> GAN.generate(bigger, new Job(1, RepeatGeometry.BLOCK))).isInstanceOf(GenerationException.class)
                .hasMessageContaining("option around").hasMessageContaining("32×32 px tile").hasMessageContaining("ask for that size");
        String foreign = GanGenerator.CODE + CandidateRecord.encodeLatent(new float[] {1, 2, 3});
        assertThatThrownBy(() -> generate(1, 1, "mode", "ring", "around", foreign)).hasMessageContaining("another model");
        assertThatThrownBy(() -> generate(1, 1, "mode", "ring", "around", "code:%%%")).hasMessageContaining("not base64");
        assertThatThrownBy(() -> generate(1, 1, "mode", "ring", "around", "leaves")).hasMessageContaining("neither a seed");
    }
}
