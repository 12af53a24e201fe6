package tessera.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import tessera.api.design.DesignRequest;
import tessera.api.job.CandidateRecord;
import tessera.api.job.DesignOrigin;
import tessera.api.job.JobRecord;
import tessera.api.job.JobStatus;
import tessera.api.json.InvalidJsonException;
import tessera.api.json.TesseraJson;
import tessera.api.profile.PrintProcess;
import tessera.api.profile.ProductionProfile;
import tessera.api.provenance.ModelCard;
import tessera.api.repeat.RepeatGeometry;
import tessera.api.repeat.RepeatType;

/** #2: every record reads from and writes to JSON; bad input is rejected naming the field and the range. */
class JsonContractTest {
    private static final Path EXAMPLES = Path.of("../../docs/examples");

    @Test
    void documentedExamplesReadAndRoundTrip() throws Exception {
        DesignRequest req = TesseraJson.read(EXAMPLES.resolve("design-request.json"), DesignRequest.class);
        assertThat(req.repeat()).isEqualTo(RepeatGeometry.HALF_DROP);
        assertThat(req.dpiOrDefault()).isEqualTo(300);
        assertThat(TesseraJson.read(TesseraJson.write(req), DesignRequest.class)).isEqualTo(req);

        ProductionProfile profile = TesseraJson.read(EXAMPLES.resolve("production-profile.json"), ProductionProfile.class);
        assertThat(profile.process()).isEqualTo(PrintProcess.ROTARY_SCREEN);
        assertThat(profile.repeat().types()).contains(RepeatType.HALF_DROP);
        assertThat(TesseraJson.read(TesseraJson.write(profile), ProductionProfile.class)).isEqualTo(profile);

        ModelCard card = TesseraJson.read(EXAMPLES.resolve("model-card.json"), ModelCard.class);
        assertThat(card.weights()).hasSize(1);
        assertThat(TesseraJson.read(TesseraJson.write(card), ModelCard.class)).isEqualTo(card);

        JobRecord job = TesseraJson.read(EXAMPLES.resolve("job-record.json"), JobRecord.class);
        assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(job.candidates().get(0).checks().get(0).measures()).containsKey("seam.score");
        assertThat(TesseraJson.read(TesseraJson.write(job), JobRecord.class)).isEqualTo(job);
        assertThat(job.origin()).as("a generation job is its own origin").isNull();

        // #11: an export of a design made earlier records where it came from
        JobRecord export = TesseraJson.read(EXAMPLES.resolve("export-record.json"), JobRecord.class);
        DesignOrigin origin = export.origin();
        assertThat(origin.known()).isTrue();
        assertThat(origin.generator().modelId()).isEqualTo("gan-motif-64");
        assertThat(origin.candidate()).isEqualTo(1);
        assertThat(origin.seed()).isEqualTo(8213406772051361044L);
        assertThat(origin.source()).isEqualTo(DesignOrigin.FILE);
        assertThat(TesseraJson.read(TesseraJson.write(export), JobRecord.class)).isEqualTo(export);
        assertThat(TesseraJson.write(export)).doesNotContain("\"known\"");
    }

    @Test
    void aLatentCodeTravelsExactlyAsBase64Float32() throws Exception {
        float[] code = {0f, -1.5f, 3.4028235e38f, 1.4e-45f, 4194303f, (float) Math.PI};
        CandidateRecord c = new CandidateRecord(0, 7, null, null, null, null, null, null, true,
                CandidateRecord.encodeLatent(code));
        assertThat(c.latent()).hasSize(4 * ((4 * code.length + 2) / 3));
        CandidateRecord back = TesseraJson.read(TesseraJson.write(c), CandidateRecord.class);
        assertThat(back).isEqualTo(c);
        assertThat(CandidateRecord.decodeLatent(back.latent())).containsExactly(code);
        assertThat(TesseraJson.write(new CandidateRecord(0, 7, null, null, null, null, null, null, true)))
                .as("no code, no field").doesNotContain("latent");
        assertThatThrownBy(() -> TesseraJson.read("{\"index\":0,\"seed\":1,\"passed\":true,\"latent\":\"AAA\"}",
                CandidateRecord.class)).isInstanceOf(InvalidJsonException.class).hasMessageContaining("latent");
        assertThatThrownBy(() -> CandidateRecord.decodeLatent("AADAfw==")).as("NaN").hasMessageContaining("finite");
        assertThatThrownBy(() -> CandidateRecord.decodeLatent("x".repeat(CandidateRecord.MAX_LATENT_CHARS + 1)))
                .hasMessageContaining("at most " + CandidateRecord.MAX_LATENT_CHARS);
    }

    @Test
    void anOriginIsCheckedLikeAnyRecord() {
        assertThatThrownBy(() -> TesseraJson.read("{\"source\":\"hearsay\"}", DesignOrigin.class))
                .isInstanceOf(InvalidJsonException.class).hasMessageContaining("source").hasMessageContaining("file");
        assertThatThrownBy(() -> TesseraJson.read("{\"candidate\":5000}", DesignOrigin.class))
                .hasMessageContaining("candidate: 5000 is out of range");
        assertThatThrownBy(() -> TesseraJson.read("{\"manifestSha256\":\"abc\"}", DesignOrigin.class))
                .hasMessageContaining("manifestSha256");
        assertThat(DesignOrigin.unknown(DesignOrigin.FILE, "x").withNote("y").note()).isEqualTo("x; y");
    }

    @Test
    void aPromptAloneIsAWholeRequest() throws Exception {
        DesignRequest r = TesseraJson.read("{\"prompt\":\"sage gingham, half-drop\"}", DesignRequest.class);
        assertThat(r.variationsOrDefault()).isEqualTo(1);
        assertThat(r.tileWidthOrDefault()).isEqualTo(256);
        assertThat(r.tileHeightCmOrDefault()).isEqualTo(32);
        assertThat(RepeatGeometry.findIn(r.prompt())).contains(RepeatGeometry.HALF_DROP);
    }

    @Test
    void unknownFieldsNameTheFieldAndTheKnownOnes() {
        assertThatThrownBy(() -> TesseraJson.read("{\"prompt\":\"x\",\"colors\":6}", DesignRequest.class))
                .isInstanceOf(InvalidJsonException.class)
                .hasMessageContaining("unknown field 'colors'").hasMessageContaining("colours");
    }

    @Test
    void wrongTypesNameTheFieldAndTheType() {
        assertThatThrownBy(() -> TesseraJson.read("{\"variations\":\"many\"}", DesignRequest.class))
                .isInstanceOf(InvalidJsonException.class).hasMessageContaining("variations")
                .hasMessageContaining("whole number");
        assertThatThrownBy(() -> TesseraJson.read("{\"variations\":2.5}", DesignRequest.class))
                .isInstanceOf(InvalidJsonException.class).hasMessageContaining("variations");
        assertThatThrownBy(() -> TesseraJson.read("{\"prompt\":\"x\"", DesignRequest.class))
                .isInstanceOf(InvalidJsonException.class).hasMessageContaining("malformed JSON");
    }

    @Test
    void outOfRangeValuesNameTheFieldAndTheRange() {
        assertThatThrownBy(() -> TesseraJson.read("{\"dpi\":0}", DesignRequest.class))
                .hasMessageContaining("dpi: 0 is out of range; allowed 10 to 2400");
        assertThatThrownBy(() -> TesseraJson.read("{\"tileWidthCm\":1000}", DesignRequest.class))
                .hasMessageContaining("tileWidthCm: 1000 is out of range; allowed 0.5 to 500");
        assertThatThrownBy(() -> TesseraJson.read("{\"tileWidthPx\":40000}", DesignRequest.class))
                .hasMessageContaining("tileWidthPx").hasMessageContaining("8192");
        // 10^9 pixels: a 400 cm repeat at 2400 dpi
        assertThatThrownBy(() -> TesseraJson.read("{\"tileWidthCm\":400,\"dpi\":2400}", DesignRequest.class))
                .hasMessageContaining("dpi").hasMessageContaining("lower the DPI or the repeat size");
        assertThatThrownBy(() -> TesseraJson.read("{\"repeat\":\"zigzag\"}", DesignRequest.class))
                .hasMessageContaining("'zigzag' is not a repeat type").hasMessageContaining("half-drop");
        assertThatThrownBy(() -> TesseraJson.read("{\"repeat\":{\"type\":\"drop\",\"offset\":1.5}}", DesignRequest.class))
                .hasMessageContaining("repeat.offset");
        assertThatThrownBy(() -> TesseraJson.read("{\"id\":\"x\",\"name\":\"x\",\"process\":\"rotary-screen\","
                + "\"repeat\":{\"maxWidthCm\":10,\"maxHeightCm\":10},\"minDpi\":0,\"minFeatureMm\":0.1,"
                + "\"registrationToleranceMm\":0.1,\"colourToleranceDe\":1}", ProductionProfile.class))
                .hasMessageContaining("minDpi: 0 is out of range");
        assertThatThrownBy(() -> TesseraJson.read("{\"generator\":\"Bad Id!\"}", DesignRequest.class))
                .hasMessageContaining("generator").hasMessageContaining("lower-case");
    }

    @Test
    void repeatGeometryReadsTradeWords() {
        assertThat(RepeatGeometry.parse("full drop")).isEqualTo(RepeatGeometry.BLOCK);
        assertThat(RepeatGeometry.parse("drop:0.25")).isEqualTo(new RepeatGeometry(RepeatType.DROP, 0.25));
        assertThat(RepeatGeometry.findIn("tossed roses, mirrored, 64 cm screen")).contains(RepeatGeometry.MIRROR);
        assertThat(RepeatGeometry.findIn("Nordic knit, brick repeat")).contains(RepeatGeometry.HALF_BRICK);
        assertThat(RepeatGeometry.findIn("plain stripes")).isEmpty();
        assertThat(new RepeatGeometry(RepeatType.HALF_DROP, 0.0).offset()).isEqualTo(0.5);
    }

    @Test
    void aJobsRepeatIsTheRequestsElseThePromptsElseBlock() {
        assertThat(DesignRequest.ofPrompt("sage gingham, half-drop").repeatOrDefault()).isEqualTo(RepeatGeometry.HALF_DROP);
        assertThat(DesignRequest.ofPrompt("sage gingham").repeatOrDefault()).isEqualTo(RepeatGeometry.BLOCK);
        assertThat(DesignRequest.ofPrompt("sage gingham, half-drop").withRepeat(RepeatGeometry.MIRROR).repeatOrDefault())
                .isEqualTo(RepeatGeometry.MIRROR);
    }
}
