package tessera.host.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code tessera serve} as a client meets it (#12): the API, its document, its security and the studio page. */
class ServerIT {
    @TempDir
    static Path tmp;
    static Path data;
    static ServerProcess server;
    static String admin, designer, compliance;

    @BeforeAll
    static void start() throws Exception {
        data = tmp.resolve("data");
        admin = ServerProcess.token(data, "ada", "admin");
        designer = ServerProcess.token(data, "dee", "designer");
        compliance = ServerProcess.token(data, "cora", "compliance");
        server = ServerProcess.start(data, "--rate", "1000", "--burst", "1000", "--max-tile-px", "1024");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void everyDocumentedOperationAnswersAndUnknownPathsDoNot() throws Exception {
        JsonNode doc = ServerProcess.json(server.get("/api/openapi.json", null));
        assertThat(doc.path("openapi").asText()).startsWith("3.");
        List<String> checked = new ArrayList<>();
        for (var p : doc.get("paths").properties()) {
            for (var op : p.getValue().properties()) {
                String method = op.getKey().toUpperCase(java.util.Locale.ROOT);
                String path = p.getKey().replace("{id}", "0000000000000000").replace("{name}", "x");
                // an empty body is enough: the route must exist (not 404 for the path, not 405) and answer in JSON or its type
                HttpResponse<String> r = server.send(method, path, admin, null, null);
                if (!path.contains("0000000000000000") && !path.startsWith("/api/bundles/")
                        && !path.startsWith("/api/provenance/datasets/")) {
                    assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isNotIn(404, 405).isLessThan(500);
                } else {
                    // a documented route with an unknown id answers 404 that names the object, not "no endpoint"
                    assertThat(r.body()).as(method + " " + path).doesNotContain("no endpoint").doesNotContain("not allowed on");
                }
                checked.add(method + " " + path);
            }
        }
        assertThat(checked).hasSizeGreaterThanOrEqualTo(19);
        HttpResponse<String> none = server.get("/api/nothing-here", admin);
        assertThat(none.statusCode()).isEqualTo(404);
        assertThat(ServerProcess.json(none).path("error").asText()).contains("openapi.json");
        assertThat(server.send("PATCH", "/api/jobs", admin, null, null).statusCode()).isEqualTo(405);
    }

    @Test
    void aJobRunsStreamsProgressAndItsFilesDownload() throws Exception {
        HttpResponse<String> sub = server.postJson("/api/jobs", designer,
                "{\"prompt\":\"sage gingham\",\"generator\":\"procedural\",\"seed\":7,\"variations\":2}");
        assertThat(sub.statusCode()).as(sub.body()).isEqualTo(202);
        String id = ServerProcess.json(sub).get("id").asText();
        HttpResponse<String> events = server.get("/api/jobs/" + id + "/events", designer);
        assertThat(events.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        assertThat(events.body()).contains("event: progress\ndata: {\"jobId\":\"" + id + "\"").contains("\"stage\":\"generate\"")
                .contains("event: end\ndata: {").contains("\"status\":\"succeeded\"");
        JsonNode job = server.awaitJob(id, designer, 60_000);
        assertThat(job.get("status").asText()).isEqualTo("succeeded");
        assertThat(job.at("/record/candidates")).hasSize(2);
        JsonNode files = job.get("artifacts");
        assertThat(files.findValuesAsText("name")).contains("job.json", "design-01-tile.png");
        HttpResponse<byte[]> png = ServerProcess.HTTP.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(server.url + "api/jobs/" + id + "/artifacts/design-01-tile.png"))
                .header("Authorization", "Bearer " + designer).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(png.statusCode()).isEqualTo(200);
        assertThat(png.body()).startsWith(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(png.body()));
        assertThat(files.findValuesAsText("sha256")).contains(sha);
        // the tile checked again over HTTP keeps naming where it came from (its XMP), as `tessera check` does
        HttpResponse<String> check = server.send("POST", "/api/check?widthCm=10", designer, "image/png", png.body());
        assertThat(check.statusCode()).as(check.body()).isEqualTo(200);
        JsonNode origin = ServerProcess.json(check).at("/record/origin");
        assertThat(origin.at("/generator/id").asText()).as(check.body()).isEqualTo("procedural");
        assertThat(origin.path("source").asText()).isEqualTo("file");
        assertThat(origin.path("seed").isIntegralNumber()).as(origin.toString()).isTrue();
        // other designers' jobs are invisible; compliance sees them and the audit log
        String other = ServerProcess.token(data, "eve", "designer");
        assertThat(server.get("/api/jobs/" + id, other).statusCode()).isEqualTo(404);
        assertThat(server.get("/api/jobs/" + id, compliance).statusCode()).isEqualTo(200);
        assertThat(server.get("/api/audit", compliance).body()).contains("job.submit").contains(id);
        assertThat(server.get("/api/metrics", admin).body()).contains("tessera_jobs_finished_total{status=\"succeeded\"}");
    }

    @Test
    void badRequestsGetA4xxThatSaysWhatIsWrong() throws Exception {
        Map<String, Integer> codes = new java.util.LinkedHashMap<>();
        record Case(String what, HttpResponse<String> r, int code, String says) {
        }
        List<Case> cases = List.of(
                new Case("no token", server.get("/api/jobs", null), 401, "Authorization: Bearer"),
                new Case("unknown token", server.get("/api/jobs", "tsr_forged"), 401, "unknown or revoked"),
                new Case("designer manages bundles", server.get("/api/bundles", designer), 403, "role designer may not"),
                new Case("designer reads audit", server.get("/api/audit", designer), 403, "compliance"),
                new Case("unknown field", server.postJson("/api/jobs", designer, "{\"prompt\":\"x\",\"colors\":3}"), 400,
                        "unknown field 'colors'"),
                new Case("malformed JSON", server.postJson("/api/jobs", designer, "{\"prompt\":"), 400, "malformed JSON"),
                new Case("wrong type", server.postJson("/api/jobs", designer, "{\"seed\":\"abc\"}"), 400, "seed"),
                new Case("prompt too long", server.postJson("/api/jobs", designer, "{\"prompt\":\"" + "a".repeat(2001) + "\"}"), 400,
                        "prompt"),
                new Case("oversized body", server.postJson("/api/jobs", designer, "{\"prompt\":\"" + "a".repeat(70_000) + "\"}"), 413,
                        "exceeds the limit"),
                new Case("tile too large", server.postJson("/api/jobs", designer, "{\"tileWidthPx\":4096}"), 413, "1024 px"),
                new Case("not JSON", server.send("POST", "/api/jobs", designer, "text/plain", "x".getBytes()), 415, "application/json"),
                new Case("empty body", server.send("POST", "/api/jobs", designer, "application/json", new byte[0]), 400, "no body"),
                new Case("traversal in artifact name", server.get("/api/jobs/0123456789abcdef/artifacts/..%2f..%2fetc%2fpasswd", designer),
                        400, ""),
                new Case("dot-dot in artifact name", server.get("/api/jobs/0123456789abcdef/artifacts/a/../../x", designer), 400, ""),
                new Case("bad job id", server.get("/api/jobs/..;x", designer), 400, ""),
                new Case("not an image", server.send("POST", "/api/check?widthCm=10", designer, "image/png", "hello".getBytes()), 415,
                        "not a PNG or TIFF"),
                new Case("image too many pixels", server.send("POST", "/api/check?widthCm=10", designer, "image/png", pngHeader(20_000, 20_000)),
                        413, "pixels"),
                new Case("not a bundle", server.send("POST", "/api/bundles", admin, "application/java-archive", "zip?".getBytes()), 400,
                        "not an OSGi bundle"));
        for (Case c : cases) {
            assertThat(c.r().statusCode()).as(c.what() + ": " + c.r().body()).isEqualTo(c.code());
            assertThat(c.r().body()).as(c.what()).contains(c.says());
            codes.put(c.what(), c.r().statusCode());
        }
        assertThat(codes).hasSize(cases.size());
    }

    @Test
    void aTokenThatSendsTooFastIsSlowedDown() throws Exception {
        try (ServerProcess slow = ServerProcess.start(tmp.resolve("slow"), "--rate", "1", "--burst", "3")) {
            String t = ServerProcess.token(tmp.resolve("slow"), "sam", "designer");
            List<Integer> codes = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                codes.add(slow.get("/api/jobs", t).statusCode());
            }
            // a burst of 3, then at most one more refilled token in the few ms the six calls take
            assertThat(codes.subList(0, 3)).containsOnly(200);
            assertThat(codes).contains(429);
            assertThat(slow.get("/api/health", null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void adminInstallsAndRemovesAPluginOverHttp() throws Exception {
        Path jar = TestBundles.swapgen(tmp.resolve("jars"), "1.0.0");
        byte[] bytes = Files.readAllBytes(jar);
        assertThat(server.send("POST", "/api/bundles", designer, "application/java-archive", bytes).statusCode()).isEqualTo(403);
        HttpResponse<String> in = server.send("POST", "/api/bundles", admin, "application/java-archive", bytes);
        assertThat(in.statusCode()).as(in.body()).isEqualTo(201);
        assertThat(ServerProcess.json(in).get("state").asText()).isEqualTo("active");
        assertThat(server.send("POST", "/api/bundles", admin, "application/java-archive", bytes).statusCode()).isEqualTo(409);
        String name = ServerProcess.json(in).get("name").asText();
        assertThat(server.get("/api/bundles", admin).body()).contains(name);
        Path v2 = TestBundles.swapgen(tmp.resolve("jars2"), "2.0.0");
        HttpResponse<String> up = server.send("PUT", "/api/bundles/" + name, admin, "application/java-archive", Files.readAllBytes(v2));
        assertThat(up.statusCode()).as(up.body()).isEqualTo(200);
        assertThat(ServerProcess.json(up).get("version").asText()).isEqualTo("2.0.0");
        assertThat(server.send("DELETE", "/api/bundles/tessera.pipeline", admin, null, null).statusCode()).isEqualTo(409);
        HttpResponse<String> rm = server.send("DELETE", "/api/bundles/" + name, admin, null, null);
        assertThat(rm.statusCode()).as(rm.body()).isEqualTo(200);
        assertThat(server.get("/api/bundles", admin).body()).doesNotContain(name);
        assertThat(server.get("/api/audit", admin).body()).contains("bundle.install").contains("bundle.update").contains("bundle.remove");
    }

    @Test
    void theStudioPageIsServed() throws Exception {
        HttpResponse<String> root = server.get("/", null);
        assertThat(root.statusCode()).isEqualTo(302);
        HttpResponse<String> page = server.get("/studio/", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<script src=\"studio.js\"").contains("id=\"prompt\"");
        assertThat(server.get("/studio/studio.js", null).body()).contains("/api/jobs");
        assertThat(server.get("/studio/../openapi.json", null).statusCode()).isGreaterThanOrEqualTo(400);
    }

    /** A PNG signature and IHDR claiming a huge image, with no pixel data: a decompression bomb's header. */
    static byte[] pngHeader(int w, int h) throws Exception {
        var out = new java.io.ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        var ihdr = java.nio.ByteBuffer.allocate(17).put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(w).putInt(h)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0).array();
        var crc = new java.util.zip.CRC32();
        crc.update(ihdr);
        out.write(java.nio.ByteBuffer.allocate(4).putInt(13).array());
        out.write(ihdr);
        out.write(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        return out.toByteArray();
    }

    static long files(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).count();
        }
    }
}
