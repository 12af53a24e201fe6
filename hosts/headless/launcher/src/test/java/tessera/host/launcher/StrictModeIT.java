package tessera.host.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * #7: a host in strict mode ({@code tessera.strict=true}) refuses a learned model whose lineage no
 * provenance checker verifies, writes none of its files and says how to fix it; procedural
 * generators, which learned nothing, still run.
 */
class StrictModeIT {
    @TempDir
    static Path tmp;
    static Engine engine;

    @BeforeAll
    static void start() throws Exception {
        System.setProperty("tessera.strict", "true"); // Felix falls back to system properties
        engine = new Engine(tmp.resolve("data"));
        Path card = tmp.resolve("model-card.json");
        Files.writeString(card, """
                {"id": "learned-it", "name": "Strict-mode test model", "version": "1.0.0", "kind": "gan",
                 "trainingManifestSha256": "%s", "licence": "Apache-2.0"}
                """.formatted("0123456789abcdef".repeat(4)));
        Path jar = TestBundles.build(tmp.resolve("jars"), "tessera.it.learned", "1.0.0", "tessera.it.learned",
                Map.of("-includeresource", "model-card.json=" + card));
        // #12: strict mode also refuses bundles nobody trusts; this one is on the allow-list, so the pipeline judges its model
        Files.createDirectories(tmp.resolve("data/trust"));
        Files.writeString(tmp.resolve("data/trust/allowed.sha256"), TrustPolicyIT.sha256(jar) + "\n");
        Files.createDirectories(engine.hot());
        Files.copy(jar, engine.hot().resolve("learned.jar"));
    }

    @AfterAll
    static void stop() throws Exception {
        System.clearProperty("tessera.strict");
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void anUnverifiedModelIsRefusedAndProceduralDesignsStillRun() throws Exception {
        Path out = tmp.resolve("refused");
        Engine.Result r = engine.cli("generate", "--generator", "learned", "--wait", "10", "--size", "32", "--out",
                out.toString());
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("strict mode refuses model 'learned-it'").contains("lineage is not verified")
                .contains("register its training manifest");
        assertThat(out.resolve("design-01-print.tif")).doesNotExist();
        assertThat(Files.readString(out.resolve("job.json"))).contains("\"status\" : \"failed\"");

        Engine.Result ok = engine.cli("generate", "--generator", "procedural", "--size", "32", "--out",
                tmp.resolve("procedural").toString());
        assertThat(ok.code()).as(ok.toString()).isIn(0, 3);
        assertThat(tmp.resolve("procedural/design-01-print.tif")).exists();
    }
}
