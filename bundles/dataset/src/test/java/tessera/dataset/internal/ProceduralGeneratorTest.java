package tessera.dataset.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import tessera.api.design.DesignRequest;
import tessera.api.generate.Candidate;
import tessera.api.generate.GenerationContext;
import tessera.api.profile.ProductionProfile;
import tessera.api.repeat.RepeatGeometry;
import tessera.dataset.motif.MotifSynthesizer;
import tessera.dataset.motif.PromptReader;

class ProceduralGeneratorTest {
    /** The least a pipeline gives a generator. */
    static final class Context implements GenerationContext {
        final long seed;
        final RepeatGeometry repeat;
        final List<Double> progress = new ArrayList<>();
        final List<String> messages = new ArrayList<>();
        int cancelAfter = Integer.MAX_VALUE;

        Context(long seed, RepeatGeometry repeat) {
            this.seed = seed;
            this.repeat = repeat;
        }

        @Override
        public long seed() {
            return seed;
        }

        @Override
        public RepeatGeometry repeat() {
            return repeat;
        }

        @Override
        public Optional<ProductionProfile> profile() {
            return Optional.empty();
        }

        @Override
        public void progress(double fraction, String message) {
            progress.add(fraction);
            messages.add(message);
        }

        @Override
        public boolean cancelled() {
            return progress.size() > cancelAfter;
        }
    }

    static DesignRequest request(String prompt, int variations, int w, int h) {
        return new DesignRequest(prompt, "procedural", null, null, variations, w, h, null, null, null, null, null, null,
                null, null);
    }

    @Test
    void makesTheRequestedCandidatesFromThePrompt() throws Exception {
        String prompt = "minimalist floral, Nordic palette, half-drop repeat, 64 cm rotary screen, 6 colours";
        DesignRequest req = request(prompt, 4, 96, 64);
        Context ctx = new Context(1234, req.repeatOrDefault());
        List<Candidate> out = new ProceduralGenerator().generate(req, ctx);
        assertThat(out).hasSize(4);
        for (int i = 0; i < 4; i++) {
            Candidate c = out.get(i);
            assertThat(c.index()).isEqualTo(i);
            assertThat(c.tile().width()).isEqualTo(96);
            assertThat(c.tile().height()).isEqualTo(64);
            assertThat(c.labels()).containsEntry("family", "floral").containsEntry("palette", "nordic")
                    .containsEntry("repeat", "half-drop").containsEntry("colours", "6").containsEntry("generator", "procedural")
                    .containsKey("caption");
            assertThat(c.labels().get("caption")).contains("floral").contains("Nordic palette");
            // the candidate's seed reproduces it
            assertThat(MotifSynthesizer.render(PromptReader.read(prompt, c.seed()).withRepeat(RepeatGeometry.HALF_DROP), 96, 64)
                    .image()).isEqualTo(c.tile());
        }
        assertThat(out.stream().map(Candidate::seed).distinct()).hasSize(4);
        assertThat(ctx.progress).first().isEqualTo(0.0);
        assertThat(ctx.progress).last().isEqualTo(1.0);
        assertThat(ctx.progress).isSorted();
    }

    @Test
    void sameSeedSameCandidatesAndTheRepeatComesFromTheContext() throws Exception {
        DesignRequest req = request("sage gingham, half-drop", 3, 48, 48);
        List<Candidate> a = new ProceduralGenerator().generate(req, new Context(9, RepeatGeometry.MIRROR));
        List<Candidate> b = new ProceduralGenerator().generate(req, new Context(9, RepeatGeometry.MIRROR));
        List<Candidate> c = new ProceduralGenerator().generate(req, new Context(10, RepeatGeometry.MIRROR));
        for (int i = 0; i < 3; i++) {
            assertThat(a.get(i).tile()).isEqualTo(b.get(i).tile());
            assertThat(a.get(i).seed()).isEqualTo(b.get(i).seed()).isNotEqualTo(c.get(i).seed());
            assertThat(a.get(i).labels()).containsEntry("repeat", "mirror").containsEntry("family", "gingham")
                    .containsEntry("palette", "sage");
        }
    }

    @Test
    void stopsWhenCancelled() throws Exception {
        Context ctx = new Context(1, RepeatGeometry.BLOCK);
        ctx.cancelAfter = 2; // the opening message and one candidate
        List<Candidate> out = new ProceduralGenerator().generate(request("polka dots", 8, 32, 32), ctx);
        assertThat(out).hasSize(2);
    }

    @Test
    void requestColoursAndPresetOverrideThePrompt() throws Exception {
        DesignRequest req = new DesignRequest("neon stripes", null, "indigo", 5L, 2, 32, 32, null, null, null, null, null, 3,
                null, null);
        for (Candidate c : new ProceduralGenerator().generate(req, new Context(5, RepeatGeometry.BLOCK))) {
            assertThat(c.labels()).containsEntry("palette", "indigo").containsEntry("colours", "3");
        }
    }

    @Test
    void registersAsAPromptAndAnySizeGenerator() throws Exception {
        // DS annotations are not kept at run time; bnd turns them into this descriptor at build time
        try (var in = getClass().getClassLoader().getResourceAsStream("OSGI-INF/" + ProceduralGenerator.class.getName() + ".xml")) {
            assertThat(in).as("component descriptor generated by bnd").isNotNull();
            String xml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(xml).contains("tessera.api.generate.Generator").contains("name=\"tessera.plugin.id\"")
                    .contains("value=\"procedural\"").contains("tessera.generator.capabilities").contains("prompt")
                    .contains("any-size");
        }
    }
}
