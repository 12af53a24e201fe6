package tessera.host.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * #7 through the real host: the provenance plugin, with Apache Tika embedded, resolves and serves in Felix;
 * {@code tessera provenance scan} catches planted violations and {@code verify} checks a model's lineage.
 */
class ProvenanceIT {
    @TempDir
    static Path tmp;
    static Engine engine;
    static Path clean;

    @BeforeAll
    static void start() throws Exception {
        engine = new Engine(tmp.resolve("data"));
        clean = tmp.resolve("clean");
        Engine.Result r = engine.cli("dataset", "make", "--count", "8", "--size", "64", "--seed", "3", "--out", clean.toString());
        assertThat(r.code()).as(r.toString()).isZero();
    }

    @AfterAll
    static void stop() throws Exception {
        engine.close();
    }

    @Test
    void thePluginAndItsEmbeddedTikaResolveInFelix() {
        Engine.Result r = engine.cli("bundles", "list");
        assertThat(r.out()).contains("tessera.plugin.provenance");
        assertThat(r.out().lines().filter(l -> l.contains("tessera.plugin.provenance")).findFirst().orElseThrow())
                .containsIgnoringCase("active");
    }

    @Test
    void aCleanFolderPassesAndItsManifestsAreWritten() throws Exception {
        Path m = tmp.resolve("m/clean.json");
        Engine.Result r = engine.cli("provenance", "scan", clean.toString(), "--out", m.toString(), "--json");
        assertThat(r.code()).as(r.toString()).isZero();
        JsonNode a = r.json();
        assertThat(a.get("files").asInt()).isEqualTo(9); // 8 tiles and index.jsonl
        assertThat(a.get("passed").asBoolean()).isTrue();
        JsonNode manifest = Engine.JSON.readTree(m.toFile());
        for (JsonNode f : manifest.get("files")) {
            boolean png = f.get("path").asText().endsWith(".png");
            assertThat(f.get("mediaType").asText()).isEqualTo(png ? "image/png" : "text/plain");
            assertThat(f.path("phash").asText()).matches(png ? "[0-9a-f]{16}" : "");
        }
        assertThat(Engine.JSON.readTree(tmp.resolve("m/clean.spdx.jsonld").toFile()).get("@graph").toString())
                .contains("dataset_DatasetPackage").contains("software_File");
        assertThat(Engine.JSON.readTree(tmp.resolve("m/clean.croissant.jsonld").toFile()).get("conformsTo").asText())
                .isEqualTo("http://mlcommons.org/croissant/1.0");
    }

    @Test
    void plantedViolationsAreEachReportedWithFileAndRuleAndExit3() throws Exception {
        Path dirty = tmp.resolve("dirty");
        Files.createDirectories(dirty);
        try (var s = Files.list(clean)) {
            for (Path p : s.toList()) {
                Files.copy(p, dirty.resolve(p.getFileName()));
            }
        }
        Path tile = dirty.resolve("tile-000000.png");
        assertThat(tile).exists();
        Files.copy(tile, dirty.resolve("copy-of-a-tile.png"));
        Files.writeString(dirty.resolve("nc.svg"), svg("<cc:license rdf:resource=\"http://creativecommons.org/licenses/by-nc/4.0/\"/>"));
        Files.writeString(dirty.resolve("reserved.svg"), svg("<cc:license rdf:resource=\"http://creativecommons.org/publicdomain/zero/1.0/\"/>"
                + "</cc:Work><rdf:Description xmlns:plus=\"http://ns.useplus.org/ldf/xmp/1.0/\" "
                + "plus:DataMining=\"http://ns.useplus.org/ldf/vocab/DMI-PROHIBITED-AIMLTraining\"><dc:title>x</dc:title>"
                + "</rdf:Description><cc:Work>"));
        Files.writeString(dirty.resolve("xxe.svg"), "<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<svg xmlns=\"http://www.w3.org/2000/svg\"><text>&x;</text></svg>");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(dirty.resolve("more.zip")))) {
            z.putNextEntry(new ZipEntry("inside/nc-again.svg"));
            z.write(svg("<cc:license rdf:resource=\"http://creativecommons.org/licenses/by-nc/4.0/\"/>").replace("Ada", "Bob").getBytes());
        }
        Path policy = tmp.resolve("policy.json");
        Files.writeString(policy, """
                {"name": "studio", "licences": {"deny": ["CC-BY-NC-4.0"], "unknown": "allow"}}""");
        Engine.Result r = engine.cli("provenance", "scan", dirty.toString(), "--policy", policy.toString(), "--out",
                tmp.resolve("m/dirty.json").toString());
        assertThat(r.code()).as(r.toString()).isEqualTo(3);
        assertThat(r.out()).contains("duplicate.exact  tile-000000.png: same bytes as copy-of-a-tile.png")
                .contains("licence.denied  nc.svg")
                .contains("licence.denied  more.zip!/inside/nc-again.svg")
                .contains("optout.tdm  reserved.svg")
                .contains("file.unreadable  xxe.svg").contains("XXE")
                .contains("policy: FAILED with 5 violation(s)");

        Files.writeString(policy, "{\"licences\": {\"deny\": [\"CC-BY-NC-4.0\"]}, \"optouts\": \"deny\"}");
        Engine.Result bad = engine.cli("provenance", "scan", dirty.toString(), "--policy", policy.toString(), "--out",
                tmp.resolve("m/bad.json").toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("optouts").contains("optOuts");
    }

    @Test
    void lineageOfAModelCardIsVerifiedAgainstItsManifest() throws Exception {
        Path m = tmp.resolve("m/lineage.json");
        assertThat(engine.cli("provenance", "scan", clean.toString(), "--out", m.toString()).code()).isZero();
        Path otherPolicy = tmp.resolve("other-policy.json");
        Files.writeString(otherPolicy, "{\"name\": \"other\"}");
        String sha = engine.cli("provenance", "scan", clean.toString(), "--policy", otherPolicy.toString(), "--out",
                tmp.resolve("m/other.json").toString(), "--json").json().get("manifestSha256").asText();
        Path model = tmp.resolve("model");
        Files.createDirectories(model);
        Files.write(model.resolve("weights.bin"), new byte[] {1, 2, 3, 4});
        String good = sha256(m);
        Files.writeString(model.resolve("model-card.json"), card(good));
        Engine.Result ok = engine.cli("provenance", "verify", model.toString(), "--manifest", m.toString(), "--spdx",
                tmp.resolve("m/model.spdx.jsonld").toString());
        assertThat(ok.code()).as(ok.toString()).isZero();
        assertThat(ok.out()).contains("VERIFIED");
        assertThat(Files.readString(tmp.resolve("m/model.spdx.jsonld"))).contains("ai_AIPackage").contains("trainedOn");

        // the same data under another policy: another manifest, so not the one the model was trained on
        Engine.Result wrong = engine.cli("provenance", "verify", model.toString(), "--manifest", tmp.resolve("m/other.json").toString());
        assertThat(sha).isNotEqualTo(good);
        assertThat(wrong.code()).isEqualTo(3);
        assertThat(wrong.out()).contains("FAILED").contains(good);
    }

    private static String card(String manifestSha) throws Exception {
        return """
                {"id": "it-model", "name": "IT model", "version": "1.0.0", "kind": "gan", "licence": "Apache-2.0",
                 "trainingManifestSha256": "%s",
                 "weights": [{"path": "weights.bin", "sha256": "%s", "bytes": 4, "dtype": "F32"}]}"""
                .formatted(manifestSha, hex(java.security.MessageDigest.getInstance("SHA-256").digest(new byte[] {1, 2, 3, 4})));
    }

    private static String sha256(Path p) throws Exception {
        return hex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    }

    private static String hex(byte[] b) {
        return java.util.HexFormat.of().formatHex(b);
    }

    private static String svg(String work) {
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" "
                + "xmlns:cc=\"http://creativecommons.org/ns#\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" width=\"8\" height=\"8\">"
                + "<metadata><rdf:RDF><cc:Work rdf:about=\"\"><dc:creator><cc:Agent><dc:title>Ada</dc:title></cc:Agent></dc:creator>"
                + work + "</cc:Work></rdf:RDF></metadata><rect width=\"8\" height=\"8\"/></svg>";
    }
}
