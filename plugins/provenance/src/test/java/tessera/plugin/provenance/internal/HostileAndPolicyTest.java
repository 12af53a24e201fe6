package tessera.plugin.provenance.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import tessera.api.json.InvalidJsonException;
import tessera.api.json.TesseraJson;
import tessera.api.provenance.DatasetAudit;
import tessera.api.provenance.PolicyViolation;
import tessera.api.provenance.ScanRequest;
import tessera.plugin.provenance.internal.manifest.FileEntry;
import tessera.plugin.provenance.internal.manifest.ManifestFiles;
import tessera.plugin.provenance.internal.policy.Policy;
import tessera.plugin.provenance.internal.scan.Limits;

/** #7: hostile input is recorded with a reason, planted violations are caught, the exports hold together. */
class HostileAndPolicyTest {
    @TempDir
    static Path tmp;
    static DatasetAudit audit;
    static Map<String, FileEntry> files;

    @BeforeAll
    static void scan() throws Exception {
        Path d = tmp.resolve("data");
        Files.createDirectories(d);
        // a zip bomb: 256 MiB of zeros deflate to ~250 KiB (ratio ~1000)
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(d.resolve("bomb.zip")))) {
            z.putNextEntry(new ZipEntry("zeros.bin"));
            byte[] mib = new byte[1 << 20];
            for (int i = 0; i < 256; i++) {
                z.write(mib);
            }
        }
        Files.writeString(d.resolve("deep.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\">" + "<g>".repeat(5000) + "</g>".repeat(5000) + "</svg>");
        Files.writeString(d.resolve("laughs.svg"), "<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY a \"aaaaaaaaaa\">"
                + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
                + "<!ENTITY e \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\"><!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\">]>"
                + "<svg xmlns=\"http://www.w3.org/2000/svg\"><text>&f;&f;&f;&f;&f;&f;&f;&f;</text></svg>");
        byte[] png = Files.readAllBytes(extractPng(tmp));
        Files.write(d.resolve("truncated.png"), java.util.Arrays.copyOf(png, png.length / 3));
        Files.write(d.resolve("named-like-a.jpg"), png);
        Files.write(d.resolve("a.png"), png);
        byte[] noise = new byte[2_000_000];
        new java.util.Random(7).nextBytes(noise);
        Files.write(d.resolve("big.bin"), noise);
        Policy p = TesseraJson.read("{\"requiredFields\":[\"creator\"],\"nameMismatch\":\"deny\",\"maxFileBytes\":1000000}", Policy.class);
        Files.writeString(tmp.resolve("policy.json"), TesseraJson.write(p));
        DatasetAuditorComponent auditor = new DatasetAuditorComponent(Limits.defaults(), 2, "test");
        audit = auditor.scan(new ScanRequest(d, tmp.resolve("policy.json"), tmp.resolve("out/m.json")));
        files = ManifestFiles.read(audit.manifest()).files().stream().collect(Collectors.toMap(FileEntry::path, Function.identity()));
    }

    private static Path extractPng(Path tmp) throws Exception {
        Corpora.extract("test-documents/testPNG.png", "test-documents", tmp, "tika");
        return tmp.resolve("tika/testPNG.png");
    }

    @Test
    void hostileFilesAreRecordedWithTheirReason() {
        assertThat(files.get("bomb.zip!/zeros.bin").reason()).contains("zip bomb");
        // ours (256) or the JDK's own element-depth limit, whichever is lower, stops it
        assertThat(files.get("deep.svg").reason()).containsIgnoringCase("depth").doesNotContain("ParseError");
        assertThat(files.get("laughs.svg").status()).isEqualTo(FileEntry.UNREADABLE);
        assertThat(files.get("truncated.png").status()).isEqualTo(FileEntry.UNREADABLE);
        assertThat(files.get("a.png").ok()).isTrue();
    }

    @Test
    void everyPlantedViolationIsReportedWithFileAndRule() {
        List<String> got = audit.violations().stream().map(v -> v.rule() + " " + v.file()).toList();
        assertThat(got).contains("media.mismatch named-like-a.jpg", "duplicate.exact named-like-a.jpg", "field.required a.png",
                "size.max big.bin", "file.unreadable bomb.zip!/zeros.bin", "file.unreadable deep.svg", "file.unreadable truncated.png");
        assertThat(audit.passed()).isFalse();
        assertThat(audit.violations()).allSatisfy(v -> assertThat(v.message()).isNotBlank());
    }

    @Test
    void aPolicyWithAnUnknownFieldIsRejectedNamingIt() {
        assertThatThrownBy(() -> TesseraJson.read("{\"licenses\":{}}", Policy.class)).isInstanceOf(InvalidJsonException.class)
                .hasMessageContaining("licenses");
        assertThatThrownBy(() -> TesseraJson.read("{\"requiredFields\":[\"colour\"]}", Policy.class))
                .hasMessageContaining("colour");
    }

    @Test
    void spdxDocumentHoldsTogether() throws Exception {
        JsonNode doc = TesseraJson.mapper().readTree(audit.spdx().toFile());
        assertThat(doc.get("@context").asText()).isEqualTo("https://spdx.org/rdf/3.0.1/spdx-context.jsonld");
        java.util.Set<String> ids = new java.util.HashSet<>();
        int datasets = 0, concluded = 0, declared = 0, filesWithHash = 0;
        for (JsonNode e : doc.get("@graph")) {
            assertThat(e.has("type")).as(e.toString()).isTrue();
            if (e.has("spdxId")) {
                assertThat(ids.add(e.get("spdxId").asText())).as("unique " + e.get("spdxId")).isTrue();
                assertThat(e.get("creationInfo").asText()).isEqualTo("_:creationinfo");
            }
            datasets += e.get("type").asText().equals("dataset_DatasetPackage") ? 1 : 0;
            if (e.get("type").asText().equals("software_File") && e.has("verifiedUsing")) {
                assertThat(e.get("verifiedUsing").get(0).get("hashValue").asText()).matches("[0-9a-f]{64}");
                filesWithHash++;
            }
        }
        for (JsonNode e : doc.get("@graph")) {
            if (e.get("type").asText().equals("Relationship")) {
                assertThat(ids).contains(e.get("from").asText());
                for (JsonNode to : e.get("to")) {
                    assertThat(ids.contains(to.asText()) || to.asText().startsWith("https://spdx.org/rdf/3.0.1/terms/")).as(to.asText()).isTrue();
                }
                String from = e.get("from").asText();
                if (from.endsWith("#dataset")) {
                    concluded += e.get("relationshipType").asText().equals("hasConcludedLicense") ? 1 : 0;
                    declared += e.get("relationshipType").asText().equals("hasDeclaredLicense") ? 1 : 0;
                }
            }
            if (e.get("type").asText().equals("SpdxDocument")) {
                for (JsonNode el : e.get("element")) {
                    assertThat(ids).contains(el.asText());
                }
            }
        }
        assertThat(datasets).isEqualTo(1);
        assertThat(concluded).isEqualTo(1); // Dataset profile: exactly one concluded and one declared licence
        assertThat(declared).isEqualTo(1);
        assertThat(filesWithHash).isEqualTo((int) files.values().stream().filter(f -> f.sha256() != null).count());
    }

    @Test
    void croissantHasTheRequiredFieldsAndReadsTheManifest() throws Exception {
        JsonNode c = TesseraJson.mapper().readTree(audit.croissant().toFile());
        assertThat(c.get("@type").asText()).isEqualTo("sc:Dataset");
        assertThat(c.get("conformsTo").asText()).isEqualTo("http://mlcommons.org/croissant/1.0");
        for (String f : List.of("name", "description", "license", "url", "distribution", "recordSet", "rai:dataCollection",
                "rai:dataLimitations", "rai:dataUseCases")) {
            assertThat(c.has(f)).as(f).isTrue();
        }
        assertThat(c.get("@context").get("cr").asText()).isEqualTo("http://mlcommons.org/croissant/");
        JsonNode manifest = c.get("distribution").get(0);
        assertThat(manifest.get("sha256").asText()).isEqualTo(audit.manifestSha256());
        assertThat(manifest.get("sha256").asText()).isEqualTo(ManifestFiles.sha256(audit.manifest()));
        for (JsonNode field : c.get("recordSet").get(0).get("field")) {
            assertThat(field.get("source").get("fileObject").get("@id").asText()).isEqualTo("manifest");
            assertThat(field.get("source").get("extract").get("jsonPath").asText()).startsWith("$.files[*].");
        }
    }

    @Test
    void violationsNameTheRuleOnce() {
        assertThat(audit.violations().stream().map(PolicyViolation::rule).distinct())
                .allSatisfy(r -> assertThat(r).matches("[a-z]+\\.[a-z-]+"));
    }
}
