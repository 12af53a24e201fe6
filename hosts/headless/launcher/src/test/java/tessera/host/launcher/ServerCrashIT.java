package tessera.host.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/** #12: a server killed with SIGKILL mid-job restarts with every record intact and the job resubmittable. */
class ServerCrashIT {
    @TempDir
    Path tmp;

    @Test
    void aKilledServerMarksItsJobInterruptedAndItCanBeResubmitted() throws Exception {
        Path data = tmp.resolve("data");
        String token = ServerProcess.token(data, "opal", "operator");
        String done, victim;
        try (ServerProcess first = ServerProcess.start(data)) {
            done = ServerProcess.json(first.postJson("/api/jobs", token, "{\"prompt\":\"navy stripes\",\"generator\":\"procedural\",\"seed\":1}"))
                    .get("id").asText();
            assertThat(first.awaitJob(done, token, 60_000).get("status").asText()).isEqualTo("succeeded");
            // big enough to be still running when the process dies: 16 large candidates at print resolution
            victim = ServerProcess.json(first.postJson("/api/jobs", token, "{\"prompt\":\"paisley\",\"generator\":\"procedural\","
                    + "\"seed\":2,\"variations\":16,\"tileWidthPx\":1024,\"dpi\":300}")).get("id").asText();
            long deadline = System.currentTimeMillis() + 30_000;
            while (!first.get("/api/jobs/" + victim, token).body().contains("\"running\"") && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            Thread.sleep(1500); // into the job: candidates generated and files being written
            assertThat(first.get("/api/jobs/" + victim, token).body()).contains("\"running\"");
            first.kill();
            assertThat(first.process.exitValue()).isEqualTo(137); // 128 + SIGKILL: no shutdown hook ran
        }
        try (ServerProcess second = ServerProcess.start(data)) {
            JsonNode v = ServerProcess.json(second.get("/api/jobs/" + victim, token));
            assertThat(v.get("status").asText()).isEqualTo("interrupted");
            assertThat(v.get("error").asText()).contains("resubmit");
            assertThat(v.get("artifacts")).isEmpty(); // nothing half-recorded
            JsonNode ok = ServerProcess.json(second.get("/api/jobs/" + done, token));
            assertThat(ok.get("status").asText()).isEqualTo("succeeded");
            for (JsonNode a : ok.get("artifacts")) { // every recorded file is whole: its bytes hash to its name
                String sha = a.get("sha256").asText();
                Path f = data.resolve("server/artifacts").resolve(sha.substring(0, 2)).resolve(sha);
                assertThat(ExportedSha.of(f)).isEqualTo(sha);
            }
            try (Stream<Path> s = Files.walk(data.resolve("server"))) {
                assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".incoming-"));
            }
            try (Stream<Path> s = Files.list(data.resolve("server/work"))) {
                assertThat(s).isEmpty(); // the dead job's work folder is gone
            }
            var re = second.send("POST", "/api/jobs/" + victim + "/resubmit", token, null, null);
            assertThat(re.statusCode()).as(re.body()).isEqualTo(202);
            String again = ServerProcess.json(re).get("id").asText();
            assertThat(ServerProcess.json(re).get("resubmittedFrom").asText()).isEqualTo(victim);
            var cancel = second.send("POST", "/api/jobs/" + again + "/cancel", token, null, null);
            assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(202);
            assertThat(second.awaitJob(again, token, 120_000).get("status").asText()).isEqualTo("cancelled");
        }
    }

    /** SHA-256 of a file, lower-case hex. */
    static final class ExportedSha {
        static String of(Path f) throws Exception {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
        }
    }
}
