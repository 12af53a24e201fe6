package tessera.host.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * #8 through the real host: the shipped GAN serves 'tessera generate --generator gan'; 'tessera train gan' trains and
 * packages a model bundle whose lineage verifies; dropping it into the hot folder replaces the running model, an
 * in-place update replaces it again, removing it falls back to the shipped model, all without a restart. Guidance
 * against a production profile records each rule's penalty before and after in the job record.
 */
class GanModelIT {
    @Test
    void trainHotLoadReplaceAndFallBack(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("data");
        Files.createDirectories(data.resolve("hot"));
        try (Engine engine = new Engine(data)) {
            String shipped = generatorVersion(generate(engine, tmp, 1, "--prompt", "navy gingham check"));
            JsonNode first = generate(engine, tmp, 2, "--prompt", "navy gingham check");
            assertThat(first.get("candidates").get(0).get("labels").get("family").asText()).isEqualTo("gingham");
            assertThat(first.get("candidates").get(0).get("labels").get("model").asText()).startsWith("gan-motif ");

            Path tiles = tmp.resolve("tiles");
            Engine.Result made = engine.cli("dataset", "make", "--count", "12", "--size", "64", "--seed", "4", "--out", tiles.toString());
            assertThat(made.code()).as(made.toString()).isZero();
            Path m1 = train(engine, tmp, tiles, "m1.jar", "9.0.0");
            Engine.Result lineage = engine.cli("provenance", "verify", m1.toString(), "--manifest",
                    tmp.resolve("m1.manifest.json").toString());
            assertThat(lineage.code()).as(lineage.toString()).isZero();

            drop(m1, engine.hot().resolve("gan-it.jar"));
            assertThat(awaitVersion(engine, tmp, "9.0.0")).isLessThan(20_000);
            JsonNode hot = generate(engine, tmp, 3);
            assertThat(hot.get("candidates").get(0).get("labels").get("model").asText()).isEqualTo("gan-it 9.0.0");

            Path m2 = train(engine, tmp, tiles, "m2.jar", "9.1.0");
            drop(m2, engine.hot().resolve("gan-it.jar")); // in place: same file name, new bundle version
            assertThat(awaitVersion(engine, tmp, "9.1.0")).isLessThan(20_000);

            Files.delete(engine.hot().resolve("gan-it.jar"));
            assertThat(awaitVersion(engine, tmp, shipped)).isLessThan(20_000);

            JsonNode guided = generate(engine, tmp, 4, "--profile", "inkjet-300-cmyk", "--guidance", "40",
                    "--width-cm", "10", "--dpi", "100");
            JsonNode labels = guided.get("candidates").get(0).get("labels");
            assertThat(labels.fieldNames()).toIterable().anyMatch(n -> n.startsWith("guidance.") && n.endsWith(".before"));
            labels.fieldNames().forEachRemaining(n -> {
                if (n.endsWith(".before")) {
                    String after = n.replace(".before", ".after");
                    assertThat(labels.has(after)).as(after).isTrue();
                }
            });
        }
    }

    private static Path train(Engine engine, Path tmp, Path tiles, String name, String version) {
        Path out = tmp.resolve(name);
        Engine.Result r = engine.cli("train", "gan", "--data", tiles.toString(), "--out", out.toString(), "--steps", "3",
                "--batch", "4", "--widths", "16,8", "--sample-every", "2", "--checkpoint-every", "2", "--id", "gan-it",
                "--model-version", version);
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err()).contains("step 3/3", "ETA");
        assertThat(out).exists();
        return out;
    }

    private static void drop(Path jar, Path target) throws Exception {
        Path part = target.resolveSibling(".drop.tmp");
        Files.copy(jar, part, StandardCopyOption.REPLACE_EXISTING);
        Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static long awaitVersion(Engine engine, Path tmp, String version) throws Exception {
        long t0 = System.nanoTime();
        String seen = null;
        for (int i = 0; i < 100; i++) {
            seen = generatorVersion(generate(engine, tmp, 100 + i));
            if (version.equals(seen)) {
                return (System.nanoTime() - t0) / 1_000_000;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("model " + version + " never served; last " + seen);
    }

    private static JsonNode generate(Engine engine, Path tmp, int n, String... extra) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("generate", "--generator", "gan", "--json",
                "--size", "64", "--seed", Integer.toString(n), "--out", tmp.resolve("jobs/" + n + "-" + System.nanoTime()).toString()));
        java.util.List<String> more = java.util.List.of(extra);
        if (!more.contains("--width-cm")) { // picocli refuses an option given twice
            args.addAll(java.util.List.of("--width-cm", "4", "--dpi", "72"));
        }
        args.addAll(more);
        Engine.Result r = engine.cli(args.toArray(String[]::new));
        assertThat(r.code()).as(r.toString()).isIn(0, 3);
        return r.json();
    }

    private static String generatorVersion(JsonNode rec) {
        for (JsonNode s : rec.get("services")) {
            if ("generator".equals(s.get("role").asText())) {
                return s.get("version").asText();
            }
        }
        throw new AssertionError("no generator in " + rec);
    }
}
