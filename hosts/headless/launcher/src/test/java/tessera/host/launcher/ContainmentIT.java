package tessera.host.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * #2 containment: plugins that do not resolve, throw in activate, throw in a call or hang in a call do not
 * take the host down; other jobs go on and {@code bundles list} says which bundle failed and why.
 */
class ContainmentIT {

    @Test
    void brokenPluginsAreContainedAndExplained(@TempDir Path tmp) throws Exception {
        Path hot = tmp.resolve("data/hot");
        Files.createDirectories(hot);
        Path jars = tmp.resolve("jars");
        Files.copy(TestBundles.swapgen(jars, "1.0.0"), hot.resolve("swapgen.jar"));
        Files.copy(TestBundles.build(jars, "tessera.it.throws", "1.0.0", "tessera.it.broken",
                Map.of("-dsannotations", "tessera.it.broken.ThrowingGenerator")), hot.resolve("throws.jar"));
        Files.copy(TestBundles.build(jars, "tessera.it.hangs", "1.0.0", "tessera.it.broken",
                Map.of("-dsannotations", "tessera.it.broken.HangingGenerator")), hot.resolve("hangs.jar"));
        Files.copy(TestBundles.build(jars, "tessera.it.activatefails", "1.0.0", "tessera.it.broken",
                Map.of("-dsannotations", "tessera.it.broken.FailingActivateGenerator")), hot.resolve("activate.jar"));
        Files.copy(TestBundles.build(jars, "tessera.it.unresolvable", "1.0.0", "tessera.it.unresolvable",
                Map.of("Import-Package", "tessera.no.such.pkg;version=\"[3,4)\",*")), hot.resolve("unresolvable.jar"));

        try (Engine engine = new Engine(tmp.resolve("data"))) {
            // a hanging plugin is stopped by the call timeout, while a healthy plugin keeps serving
            CompletableFuture<Engine.Result> hang = CompletableFuture.supplyAsync(() -> engine.cli("generate",
                    "--generator", "hangs", "--timeout", "2", "--out", tmp.resolve("hang").toString()));
            for (int i = 0; i < 5; i++) {
                Engine.Result ok = engine.cli("generate", "--generator", "swapgen", "--size", "16", "--out",
                        tmp.resolve("ok" + i).toString());
                assertThat(ok.code()).as(ok.toString()).isZero();
            }
            Engine.Result hung = hang.get();
            assertThat(hung.code()).isEqualTo(1);
            assertThat(hung.err()).contains("'hangs'").contains("did not finish generating within 2 s");

            Engine.Result threw = engine.cli("generate", "--generator", "throws", "--out", tmp.resolve("throw").toString());
            assertThat(threw.code()).isEqualTo(1);
            assertThat(threw.err()).contains("'throws'").contains("model weights are corrupt");
            assertThat(Files.readString(tmp.resolve("throw/job.json"))).contains("\"status\" : \"failed\"")
                    .contains("model weights are corrupt");

            Engine.Result absent = engine.cli("generate", "--generator", "activate-fails", "--wait", "1", "--out",
                    tmp.resolve("absent").toString());
            assertThat(absent.code()).isEqualTo(1);
            assertThat(absent.err()).contains("'activate-fails'").contains("failed to start").contains("bundles list");

            JsonNode list = engine.cli("bundles", "list", "--json").json();
            assertThat(problems(list, "tessera.it.unresolvable")).contains("does not resolve").contains("tessera.no.such.pkg");
            assertThat(state(list, "tessera.it.unresolvable")).isEqualTo("installed");
            assertThat(problems(list, "tessera.it.activatefails")).contains("failed to activate")
                    .contains("gan.safetensors is missing");
            assertThat(problems(list, "tessera.it.throws")).contains("model weights are corrupt");
            assertThat(problems(list, "tessera.it.hangs")).contains("did not finish");
            assertThat(problems(list, "tessera.it.swapgen")).isEmpty();
            assertThat(state(list, "tessera.pipeline")).isEqualTo("active");
            // #5: the CUDA device resolves and starts everywhere; without a GPU it simply registers nothing
            assertThat(state(list, "tessera.jcuda")).isEqualTo("active");
            assertThat(state(list, "tessera.compute.cuda")).isEqualTo("active");
            assertThat(problems(list, "tessera.compute.cuda")).isEmpty();

            Engine.Result after = engine.cli("generate", "--generator", "swapgen", "--size", "16", "--out", tmp.resolve("after").toString());
            assertThat(after.code()).as(after.toString()).isZero();
        }
    }

    private static JsonNode bundle(JsonNode list, String bsn) {
        for (JsonNode b : list) {
            if (bsn.equals(b.get("name").asText())) {
                return b;
            }
        }
        throw new AssertionError(bsn + " not listed: " + list);
    }

    private static String state(JsonNode list, String bsn) {
        return bundle(list, bsn).get("state").asText();
    }

    private static String problems(JsonNode list, String bsn) {
        JsonNode p = bundle(list, bsn).get("problems");
        return p == null ? "" : p.toString();
    }
}
