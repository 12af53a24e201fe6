package tessera.host.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import tessera.api.image.RgbImage;
import tessera.imaging.io.ImageFiles;

/**
 * #12 QA and provenance over HTTP on a real {@code tessera serve}: a scan against a job's design (raw body)
 * and against an uploaded source (multipart), the overlay downloaded; a dataset folder registered by an
 * admin, scanned by compliance, and a model bundle verified against that scan's manifest.
 */
class ServerQaProvenanceIT {
    @TempDir
    static Path tmp;
    static ServerProcess server;
    static String admin, designer, compliance;

    @BeforeAll
    static void start() throws Exception {
        Path data = tmp.resolve("data");
        admin = ServerProcess.token(data, "ada", "admin");
        designer = ServerProcess.token(data, "dee", "designer");
        compliance = ServerProcess.token(data, "cora", "compliance");
        server = ServerProcess.start(data, "--rate", "1000", "--burst", "1000");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void aScanIsInspectedAgainstAJobsDesignOrAnUploadedSource() throws Exception {
        HttpResponse<String> sub = server.postJson("/api/jobs", designer,
                "{\"prompt\":\"nordic floral, half-drop\",\"generator\":\"procedural\",\"seed\":31,\"tileWidthCm\":4,\"dpi\":150}");
        String job = ServerProcess.json(sub).get("id").asText();
        assertThat(server.awaitJob(job, designer, 120_000).path("status").asText()).isEqualTo("succeeded");
        byte[] tilePng = bytes("/api/jobs/" + job + "/artifacts/design-01-tile.png", designer);
        Path tileFile = tmp.resolve("tile.png");
        Files.write(tileFile, tilePng);
        RgbImage tile = ImageFiles.read(tileFile).image();
        Path scan = tmp.resolve("scan.png");
        ImageFiles.writePng(QaIT.scanOf(tile, 2 * tile.width(), 2 * tile.height(), 0.6, 13.3, 7.7), 150, scan);

        HttpResponse<String> r = server.send("POST", "/api/qa?job=" + job + "&source=design-01-tile.png&repeat=half-drop", designer,
                "image/png", Files.readAllBytes(scan));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode qa = ServerProcess.json(r);
        assertThat(qa.path("kind").asText()).isEqualTo("qa");
        JsonNode report = qa.get("record");
        assertThat(report.get("registration").get("confidence").asDouble()).as(r.body()).isGreaterThan(0.9);
        assertThat(report.get("defects")).as(r.body()).isEmpty();
        String overlay = report.get("artifacts").get("overlay").asText();
        assertThat(overlay).isEqualTo("/api/jobs/" + qa.get("id").asText() + "/artifacts/qa-overlay.png");
        assertThat(qa.get("artifacts").findValuesAsText("name")).contains("qa-overlay.png", "qa-report.json");
        Path overlayFile = tmp.resolve("overlay.png");
        Files.write(overlayFile, bytes(overlay, designer));
        assertThat(ImageFiles.read(overlayFile).image().width()).isGreaterThan(tile.width());

        String boundary = "tessera-" + System.nanoTime();
        HttpResponse<String> multi = server.send("POST", "/api/qa?repeat=half-drop", designer,
                "multipart/form-data; boundary=" + boundary, multipart(boundary, "source", tilePng, "scan", Files.readAllBytes(scan)));
        assertThat(multi.statusCode()).as(multi.body()).isEqualTo(200);
        assertThat(ServerProcess.json(multi).get("record").get("registration").get("confidence").asDouble()).isGreaterThan(0.9);
        assertThat(ServerProcess.json(multi).get("request").get("source").asText()).isEqualTo("upload");

        HttpResponse<String> noSource = server.send("POST", "/api/qa", designer, "image/png", Files.readAllBytes(scan));
        assertThat(noSource.statusCode()).isEqualTo(400);
        assertThat(ServerProcess.json(noSource).path("error").asText()).contains("?job=ID&source=ARTIFACT").contains("multipart");
        assertThat(server.send("POST", "/api/qa?job=" + job + "&source=design-01-tile.png", compliance, "image/png",
                Files.readAllBytes(scan)).statusCode()).isEqualTo(403);
        HttpResponse<String> profile = server.send("POST", "/api/qa?job=" + job + "&source=design-01-tile.png&profile=no-such-line",
                designer, "image/png", Files.readAllBytes(scan));
        assertThat(profile.statusCode()).isEqualTo(400);
        assertThat(ServerProcess.json(profile).path("error").asText()).contains("unknown profile").contains("flatbed-12");
    }

    @Test
    void anAdminRegistersADatasetComplianceScansItAndVerifiesAModel() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("motifs"));
        for (int i = 0; i < 3; i++) {
            // noise, so the default policy's near-duplicate rule sees three different motifs
            java.util.Random rnd = new java.util.Random(i);
            float[] px = new float[3 * 32 * 32];
            for (int k = 0; k < px.length; k++) {
                px[k] = rnd.nextFloat();
            }
            ImageFiles.writePng(RgbImage.wrap(32, 32, px), 72, folder.resolve("motif-" + i + ".png"));
        }
        String body = "{\"folder\":\"" + folder.toAbsolutePath() + "\"}";
        HttpResponse<String> denied = server.send("PUT", "/api/provenance/datasets/motifs", compliance, "application/json",
                body.getBytes(StandardCharsets.UTF_8));
        assertThat(denied.statusCode()).as("provenance administration is admin-only").isEqualTo(403);
        HttpResponse<String> reg = server.send("PUT", "/api/provenance/datasets/motifs", admin, "application/json",
                body.getBytes(StandardCharsets.UTF_8));
        assertThat(reg.statusCode()).as(reg.body()).isEqualTo(200);
        HttpResponse<String> relative = server.send("PUT", "/api/provenance/datasets/other", admin, "application/json",
                "{\"folder\":\"../etc\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(relative.statusCode()).isEqualTo(400);
        assertThat(server.get("/api/provenance/datasets", compliance).body()).contains("\"motifs\"");

        HttpResponse<String> scan = server.send("POST", "/api/provenance/datasets/motifs/scan", compliance, null, null);
        assertThat(scan.statusCode()).as(scan.body()).isEqualTo(200);
        JsonNode audit = ServerProcess.json(scan);
        String scanJob = audit.get("id").asText();
        assertThat(audit.get("record").get("files").asInt()).isEqualTo(3);
        assertThat(audit.get("record").get("passed").asBoolean()).as(scan.body()).isTrue();
        assertThat(audit.get("record").get("manifest").asText()).isEqualTo("/api/jobs/" + scanJob + "/artifacts/manifest.json");
        assertThat(audit.get("artifacts").findValuesAsText("name")).contains("manifest.json");
        byte[] manifest = bytes("/api/jobs/" + scanJob + "/artifacts/manifest.json", compliance);
        assertThat(audit.get("record").get("manifestSha256").asText()).isEqualTo(sha256(manifest));

        HttpResponse<String> ok = server.send("POST", "/api/provenance/verify?dataset=motifs", compliance, "application/java-archive",
                modelJar(sha256(manifest)));
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(ServerProcess.json(ok).get("record").get("status").asText()).as(ok.body()).isEqualTo("VERIFIED");
        assertThat(ServerProcess.json(ok).get("artifacts").findValuesAsText("name")).contains("model.spdx.jsonld");
        HttpResponse<String> wrong = server.send("POST", "/api/provenance/verify?job=" + scanJob, compliance, "application/java-archive",
                modelJar("0".repeat(64)));
        assertThat(ServerProcess.json(wrong).get("record").get("status").asText()).as(wrong.body()).isEqualTo("FAILED");
        assertThat(server.send("POST", "/api/provenance/datasets/nope/scan", compliance, null, null).statusCode()).isEqualTo(404);
        assertThat(server.get("/api/audit", compliance).body()).contains("dataset.register").contains("dataset.scan")
                .contains("model.verify");
    }

    private static byte[] bytes(String path, String token) throws Exception {
        HttpResponse<byte[]> r = ServerProcess.HTTP.send(HttpRequest.newBuilder(URI.create(server.url + path.substring(1)))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return r.body();
    }

    private static byte[] multipart(String boundary, String name1, byte[] part1, String name2, byte[] part2) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object[] p : new Object[][] {{name1, part1}, {name2, part2}}) {
            out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + p[0] + "\"; filename=\"" + p[0]
                    + ".png\"\r\nContent-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.write((byte[]) p[1]);
            out.write("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        out.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** A model bundle as a trainer packages one: weights and a card naming its training manifest. */
    private static byte[] modelJar(String manifestSha) throws Exception {
        byte[] weights = {1, 2, 3, 4};
        String card = """
                {"id": "http-model", "name": "HTTP model", "version": "1.0.0", "kind": "gan", "licence": "Apache-2.0",
                 "trainingManifestSha256": "%s",
                 "weights": [{"path": "weights.bin", "sha256": "%s", "bytes": 4, "dtype": "F32"}]}"""
                .formatted(manifestSha, sha256(weights));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("model-card.json"));
            zip.write(card.getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("weights.bin"));
            zip.write(weights);
        }
        return bytes.toByteArray();
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}
