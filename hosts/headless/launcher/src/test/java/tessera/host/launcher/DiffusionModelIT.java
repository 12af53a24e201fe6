package tessera.host.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import tessera.api.image.RgbImage;
import tessera.imaging.io.ImageFiles;

/**
 * #9 through the real host: the shipped model serves 'tessera generate --generator diffusion'; 'tessera train diffusion' trains (a tiny architecture, a few steps) and packages a model
 * bundle whose lineage verifies; dropped into the hot folder it serves 'tessera generate --generator diffusion';
 * refinement, inpainting and outpainting work from the CLI, and inpainting keeps the source outside its region.
 */
class DiffusionModelIT {
    @Test
    void trainHotLoadGenerateRefineInpaintOutpaint(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("data");
        Files.createDirectories(data.resolve("hot"));
        try (Engine engine = new Engine(data)) {
            JsonNode shipped = awaitModel(engine, tmp, null);
            assertThat(shipped.get("candidates").get(0).get("labels").get("model").asText()).startsWith("diffusion-motif ");
            Path tiles = tmp.resolve("tiles");
            Engine.Result made = engine.cli("dataset", "make", "--count", "12", "--size", "64", "--seed", "5", "--out", tiles.toString());
            assertThat(made.code()).as(made.toString()).isZero();
            Path jar = tmp.resolve("d1.jar");
            Engine.Result trained = engine.cli("train", "diffusion", "--data", tiles.toString(), "--out", jar.toString(),
                    "--tiny", "--steps", "3", "--ae-steps", "2", "--batch", "4", "--sample-every", "3", "--sample-steps", "2",
                    "--checkpoint-every", "2", "--hold-out", "0", "--id", "diffusion-it", "--model-version", "9.0.0");
            assertThat(trained.code()).as(trained.toString()).isZero();
            assertThat(trained.err()).contains("autoencoder step 2/2", "denoiser step 3/3", "ETA");
            Engine.Result lineage = engine.cli("provenance", "verify", jar.toString(), "--manifest",
                    tmp.resolve("d1.manifest.json").toString());
            assertThat(lineage.code()).as(lineage.toString()).isZero();

            Path target = engine.hot().resolve("diffusion-it.jar");
            Path part = target.resolveSibling(".drop.tmp");
            Files.copy(jar, part, StandardCopyOption.REPLACE_EXISTING);
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
            JsonNode first = awaitModel(engine, tmp, "diffusion-it 9.0.0");
            JsonNode labels = first.get("candidates").get(0).get("labels");
            assertThat(labels.get("mode").asText()).isEqualTo("sample");
            Path design = findTile(tmp.resolve("jobs"));

            JsonNode refined = generate(engine, tmp, "refine", "--prompt", "more sparse, warmer", "--option", "mode=refine",
                    "--option", "source=" + design, "--option", "strength=0.6");
            assertThat(refined.get("candidates").get(0).get("labels").get("strength").asText()).startsWith("0.6");

            Path inpaintOut = tmp.resolve("jobs/inpaint");
            JsonNode inpainted = generate(engine, inpaintOut, "inpaint", "--prompt", "navy polka dots", "--option", "mode=inpaint",
                    "--option", "source=" + design, "--option", "region=0,0,32,32");
            assertThat(inpainted.get("candidates").get(0).get("labels").get("mode").asText()).isEqualTo("inpaint");
            RgbImage src = ImageFiles.read(design).image();
            RgbImage out = ImageFiles.read(findTile(inpaintOut)).image();
            // far from the region (beyond the one-cell blend) the source stays as it was
            assertThat(Math.abs(out.get(0, 60, 60) - src.get(0, 60, 60))).isLessThan(2f / 255);
            assertThat(Math.abs(out.get(2, 50, 40) - src.get(2, 50, 40))).isLessThan(2f / 255);

            Path outpaintOut = tmp.resolve("jobs/outpaint");
            JsonNode outpainted = generate(engine, outpaintOut, "outpaint", "--prompt", "navy gingham check", "--option",
                    "mode=outpaint", "--option", "source=" + design, "--option", "field=2", "--size", "128");
            assertThat(outpainted.get("candidates")).hasSize(1);
            RgbImage field = ImageFiles.read(findTile(outpaintOut)).image();
            assertThat(field.width()).isEqualTo(2 * src.width());
            assertThat(Math.abs(field.get(1, 20, 20) - src.get(1, 20, 20))).isLessThan(2f / 255);

            Engine.Result bad = engine.cli("generate", "--generator", "diffusion", "--size", "64", "--option", "mode=inpaint",
                    "--option", "source=" + design, "--out", tmp.resolve("jobs/bad").toString());
            assertThat(bad.code()).isEqualTo(1);
            assertThat(bad.err()).contains("region");
        }
    }

    /** Generates until {@code model} serves (null: any model, e.g. the shipped one); returns that job's record. */
    private static JsonNode awaitModel(Engine engine, Path tmp, String model) throws Exception {
        String seen = null;
        for (int i = 0; i < 100; i++) {
            Engine.Result r = engine.cli("generate", "--generator", "diffusion", "--json", "--size", "64", "--seed", "3",
                    "--prompt", "sage floral, half-drop", "--option", "steps=3", "--width-cm", "4", "--dpi", "72",
                    "--out", tmp.resolve("jobs/wait-" + i + "-" + System.nanoTime()).toString());
            if (r.code() == 0 || r.code() == 3) {
                seen = r.json().get("candidates").get(0).get("labels").get("model").asText();
                if (model == null || model.equals(seen)) {
                    return r.json();
                }
            } else {
                seen = r.err();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("model " + model + " never served; last " + seen);
    }

    private static JsonNode generate(Engine engine, Path out, String name, String... extra) {
        List<String> args = new ArrayList<>(List.of("generate", "--generator", "diffusion", "--json", "--seed", "4",
                "--option", "steps=3", "--width-cm", "4", "--dpi", "72", "--out", out.resolve(name).toString()));
        args.addAll(List.of(extra));
        if (!args.contains("--size")) {
            args.addAll(List.of("--size", "64"));
        }
        Engine.Result r = engine.cli(args.toArray(String[]::new));
        assertThat(r.code()).as(r.toString()).isIn(0, 3);
        return r.json();
    }

    private static Path findTile(Path dir) throws Exception {
        try (var s = Files.walk(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith("-tile.png")).sorted().findFirst()
                    .orElseThrow(() -> new AssertionError("no tile PNG under " + dir));
        }
    }
}
