package tessera.host.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * #12 scale-out: three real hosts ({@code tessera serve} processes) share one real PostgreSQL database as their job
 * queue and one artifact folder. Under load one host is killed with SIGKILL while it runs a job, and later another
 * is frozen (SIGSTOP) past its lease and let go again: every job still ends {@code succeeded} exactly once, by the
 * database's own record of every claim, and its files are served by a surviving host. Then the two hosts left are
 * stopped in order (SIGTERM) while they run a job: one with no drain time gives its job back to the queue, which the
 * other runs; the last lets its job finish and claims nothing more.
 */
class ScaleOutIT {
    private static final int JOBS = 24;
    private static final int MORE_JOBS = 6;
    private static final long WAIT_MS = 240_000;

    @TempDir
    Path tmp;

    @Test
    void everyJobCompletesExactlyOnceWhenHostsDieOrStall() throws Exception {
        try (PostgresCluster pg = PostgresCluster.start(); Connection db = pg.connect()) {
            // the rate limit off: the test reads every artifact of every job back through one host
            String[] shared = {"--db", pg.url(), "--artifacts", tmp.resolve("artifacts").toString(), "--lease", "4", "--workers", "1",
                "--rate", "100000", "--burst", "100000", "--max-tile-px", "4096"};
            // started at once on an empty database: their migrations meet under the advisory lock
            List<CompletableFuture<ServerProcess>> starting = new ArrayList<>();
            for (String name : List.of("a", "b", "c")) {
                starting.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        // c gives its jobs back at once when stopped; the others let them finish (the default drain)
                        return ServerProcess.start(tmp.resolve(name), name.equals("c") ? with(shared, "--drain", "0") : shared);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            try (ServerProcess a = starting.get(0).join(); ServerProcess b = starting.get(1).join(); ServerProcess c = starting.get(2).join()) {
                assertThat(rows(db, "SELECT version FROM schema_version ORDER BY version")).as("each migration applied once")
                        .extracting(r -> ((Number) r.get("version")).intValue()).containsExactly(1, 2, 3, 4, 5, 6);
                String token = ServerProcess.token(tmp.resolve("c"), "opal", "operator", shared);
                String hostA = host(a), hostB = host(b), hostC = host(c);
                assertThat(Set.of(hostA, hostB, hostC)).hasSize(3);

                List<String> ids = submit(c, token, JOBS, 0);
                awaitSucceeded(db, ids, 3); // load is flowing
                assertFollowedFromAnotherHost(db, ids, token, Map.of(hostA, a, hostB, b, hostC, c));
                String held = freezeWhileRunning(a, hostA, db); // frozen, a job of its own in hand: no race with its end
                int heldAttempt = attempt(db, held);
                a.kill();
                assertThat(a.process.exitValue()).isEqualTo(137);
                awaitEnded(db, ids);
                assertExactlyOnce(db, ids);
                assertThat(rows(db, "SELECT host, outcome, ended_at FROM job_runs WHERE job_id = ? AND attempt = ?", held, heldAttempt))
                        .as("the killed host's claim never ended").extracting(r -> r.get("host") + ":" + r.get("outcome") + ":" + r.get("ended_at"))
                        .containsExactly(hostA + ":null:null");
                assertThat(rows(db, "SELECT host, attempt FROM job_runs WHERE job_id = ? AND outcome = 'succeeded'", held))
                        .as("the killed host's job, run again by a survivor").singleElement()
                        .satisfies(r -> assertThat(r.get("host")).isIn(hostB, hostC))
                        .satisfies(r -> assertThat(((Number) r.get("attempt")).intValue()).isGreaterThan(heldAttempt));
                assertThat(rows(db, "SELECT DISTINCT host FROM job_runs WHERE outcome = 'succeeded'")).as("work spread over hosts")
                        .hasSizeGreaterThanOrEqualTo(2);
                for (String id : ids) {
                    assertArtifactsServed(b, token, id); // written by whichever host ran it, read through another
                }

                // a host frozen past its lease comes back: its late end is refused, the job keeps its one end
                List<String> more = submit(c, token, MORE_JOBS, JOBS);
                String stalled = freezeWhileRunning(b, hostB, db);
                int stalledAttempt = attempt(db, stalled);
                awaitEnded(db, List.of(stalled)); // taken over by c once b's lease ran out
                b.signal("CONT");
                await(() -> !rows(db, "SELECT 1 FROM job_runs WHERE job_id = ? AND attempt = ? AND outcome = 'lost'", stalled,
                        stalledAttempt).isEmpty(), "host b, let go again, to record its claim on " + stalled + " as lost");
                awaitEnded(db, more);
                assertExactlyOnce(db, more);
                assertThat(rows(db, "SELECT attempt FROM job_runs WHERE job_id = ? AND outcome = 'succeeded'", stalled))
                        .extracting(r -> ((Number) r.get("attempt")).intValue()).singleElement().isNotEqualTo(stalledAttempt);
                for (String id : more) {
                    assertArtifactsServed(b, token, id);
                }

                // a running job cancelled through the host that does not run it: the running host's keeper reads the
                // request when it renews its lease and stops the job, which ends cancelled (a 4096 px design takes
                // seconds, a keeper tick a third of the 4 s lease)
                HttpResponse<String> bigJob = c.postJson("/api/jobs", token, "{\"prompt\":\"sage gingham\",\"generator\":\"procedural\","
                        + "\"tileWidthPx\":4096,\"seed\":4096}");
                assertThat(bigJob.statusCode()).as(bigJob.body()).isEqualTo(202);
                String big = ServerProcess.json(bigJob).get("id").asText();
                await(() -> !rows(db, "SELECT 1 FROM jobs WHERE id = ? AND status = 'running'", big).isEmpty(), "the 4096 px job to start");
                String runsIt = (String) rows(db, "SELECT claimed_by FROM jobs WHERE id = ?", big).getFirst().get("claimed_by");
                ServerProcess other = runsIt.equals(hostB) ? c : b;
                HttpResponse<String> cancel = other.send("POST", "/api/jobs/" + big + "/cancel", token, null, null);
                assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(202);
                awaitEnded(db, List.of(big));
                assertThat(statuses(db, List.of(big))).as("cancelled through another host").isEqualTo(Map.of("cancelled", 1));
                assertThat(rows(db, "SELECT outcome FROM job_runs WHERE job_id = ? AND host = ?", big, runsIt))
                        .extracting(r -> r.get("outcome")).containsExactly("cancelled");

                // c stopped in order (SIGTERM, no drain) while it runs a job: the claim goes back to the queue, not to
                // 'cancelled', and b runs the job at once rather than after a lease
                List<String> given = submit(b, token, MORE_JOBS, JOBS + MORE_JOBS);
                String released = freezeWhileRunning(c, hostC, db);
                int releasedAttempt = attempt(db, released);
                c.signal("TERM");
                c.signal("CONT");
                assertThat(c.process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).as("host c stops when asked").isTrue();
                assertThat(c.process.exitValue()).isEqualTo(143); // 128 + SIGTERM, after the shutdown hook ran
                assertThat(rows(db, "SELECT outcome FROM job_runs WHERE job_id = ? AND attempt = ?", released, releasedAttempt))
                        .extracting(r -> r.get("outcome")).containsExactly("released");
                assertThat(java.nio.file.Files.readString(tmp.resolve("c-stderr.log")))
                        .contains("gave 1 running job(s) back to the queue");
                awaitEnded(db, given);
                assertExactlyOnce(db, given);
                assertThat(rows(db, "SELECT host, attempt FROM job_runs WHERE job_id = ? AND outcome = 'succeeded'", released))
                        .as("the given-back job, run by the host left").singleElement()
                        .satisfies(r -> assertThat(r.get("host")).isEqualTo(hostB))
                        .satisfies(r -> assertThat(((Number) r.get("attempt")).intValue()).isGreaterThan(releasedAttempt));

                // b, the last host, stopped in order while it runs a job: the job finishes there, nothing more is claimed
                List<String> last = submit(b, token, 3, JOBS + 2 * MORE_JOBS);
                String drained = freezeWhileRunning(b, hostB, db);
                b.signal("TERM");
                b.signal("CONT");
                assertThat(b.process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).as("host b stops when asked").isTrue();
                assertThat(b.process.exitValue()).isEqualTo(143);
                assertThat(rows(db, "SELECT status, claimed_by FROM jobs WHERE id = ?", drained)).as("the job b was running")
                        .extracting(r -> r.get("status") + ":" + r.get("claimed_by")).containsExactly("succeeded:" + hostB);
                assertThat(statuses(db, last).keySet()).as("b's jobs end or wait for a host, none is cancelled")
                        .isSubsetOf(Set.of("succeeded", "queued"));
                assertThat(rows(db, "SELECT id FROM jobs WHERE id = ANY(?) AND status = 'queued' AND claimed_by IS NOT NULL",
                        (Object) last.toArray(String[]::new))).as("a queued job holds no host").isEmpty();
                assertThat(rows(db, "SELECT outcome FROM job_runs WHERE host = ? AND outcome IS DISTINCT FROM 'succeeded' "
                        + "AND outcome IS DISTINCT FROM 'lost'", hostB)).as("b's claims that did not end in success or loss").isEmpty();
            }
        }
    }

    private static String[] with(String[] args, String... more) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private static List<String> submit(ServerProcess via, String token, int n, int seed0) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            HttpResponse<String> r = via.postJson("/api/jobs", token, "{\"prompt\":\"sage gingham\",\"generator\":\"procedural\","
                    + "\"tileWidthPx\":256,\"seed\":" + (seed0 + i) + "}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
            ids.add(ServerProcess.json(r).get("id").asText());
        }
        return ids;
    }

    /**
     * Freezes the host (SIGSTOP) at a moment it holds a running job, checked in the database while it is frozen, so the
     * job cannot end between the check and what the test does next; returns that job.
     */
    private static String freezeWhileRunning(ServerProcess p, String host, Connection db) throws Exception {
        long deadline = System.currentTimeMillis() + WAIT_MS;
        while (System.currentTimeMillis() < deadline) {
            p.signal("STOP");
            var running = rows(db, "SELECT id FROM jobs WHERE claimed_by = ? AND status = 'running'", host);
            if (!running.isEmpty()) {
                return (String) running.getFirst().get("id");
            }
            p.signal("CONT");
            Thread.sleep(30);
        }
        throw new AssertionError("host " + host + " never held a running job while jobs were queued");
    }

    /**
     * A finished job's events read through a host that did not run it carry the running host's pipeline events
     * (published in the database), not only the queue's state changes.
     */
    private static void assertFollowedFromAnotherHost(Connection db, List<String> ids, String token, Map<String, ServerProcess> hosts)
            throws Exception {
        Map<String, Object> done = rows(db, "SELECT job_id, host FROM job_runs WHERE outcome = 'succeeded' ORDER BY ended_at LIMIT 1").getFirst();
        String id = (String) done.get("job_id");
        assertThat(ids).contains(id);
        ServerProcess other = hosts.entrySet().stream().filter(e -> !e.getKey().equals(done.get("host"))).findFirst().orElseThrow()
                .getValue();
        HttpResponse<String> events = other.get("/api/jobs/" + id + "/events", token);
        assertThat(events.statusCode()).isEqualTo(200);
        List<String> stages = new ArrayList<>();
        for (String block : events.body().split("\n\n")) {
            if (block.startsWith("event: progress\ndata: ")) {
                stages.add(Engine.JSON.readTree(block.substring("event: progress\ndata: ".length())).path("stage").asText());
            }
        }
        assertThat(stages).as("events of %s (run by %s) through another host: %s", id, done.get("host"), events.body())
                .anyMatch(s -> !s.equals("queued") && !s.equals("running"));
        assertThat(events.body()).contains("event: end\ndata: {").contains("\"status\":\"succeeded\"");
    }

    private static void awaitSucceeded(Connection db, List<String> ids, int n) throws Exception {
        await(() -> count(db, ids, "status = 'succeeded'") >= n, n + " jobs to succeed");
    }

    private static void awaitEnded(Connection db, List<String> ids) throws Exception {
        try {
            await(() -> count(db, ids, "status NOT IN ('queued', 'running')") == ids.size(), "every job to end");
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; their statuses now: " + statuses(db, ids), e);
        }
    }

    /** Every job succeeded; the database recorded exactly one successful end per job, with its artifacts. */
    private static void assertExactlyOnce(Connection db, List<String> ids) throws Exception {
        assertThat(statuses(db, ids)).as("status of every job").isEqualTo(Map.of("succeeded", ids.size()));
        for (String id : ids) {
            assertThat(rows(db, "SELECT attempt FROM job_runs WHERE job_id = ? AND outcome = 'succeeded'", id))
                    .as("successful ends of job " + id).hasSize(1);
            assertThat(rows(db, "SELECT 1 FROM job_runs WHERE job_id = ? AND outcome IS NOT NULL AND outcome NOT IN ('succeeded', 'lost', 'released')",
                    id)).as("other ends of job " + id).isEmpty();
        }
    }

    /** Every artifact the job lists downloads through {@code via} and its bytes hash to the recorded SHA-256. */
    private static void assertArtifactsServed(ServerProcess via, String token, String id) throws Exception {
        JsonNode job = ServerProcess.json(via.get("/api/jobs/" + id, token));
        assertThat(job.get("artifacts")).as("artifacts of " + id).isNotEmpty();
        for (JsonNode art : job.get("artifacts")) {
            var r = ServerProcess.HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(via.url + art.get("href").asText()
                    .substring(1))).header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(r.statusCode()).as(art.get("href").asText()).isEqualTo(200);
            assertThat(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(r.body())))
                    .as(art.get("href").asText()).isEqualTo(art.get("sha256").asText());
        }
    }

    private static String host(ServerProcess p) throws Exception {
        return ServerProcess.json(p.get("/api/health", null)).get("host").asText();
    }

    private static int attempt(Connection db, String id) throws Exception {
        return ((Number) rows(db, "SELECT attempt FROM jobs WHERE id = ?", id).getFirst().get("attempt")).intValue();
    }

    private static long count(Connection db, List<String> ids, String where) throws Exception {
        return ((Number) rows(db, "SELECT COUNT(*) AS n FROM jobs WHERE id = ANY(?) AND " + where, (Object) ids.toArray(String[]::new))
                .getFirst().get("n")).longValue();
    }

    private static Map<String, Integer> statuses(Connection db, List<String> ids) throws Exception {
        Map<String, Integer> m = new TreeMap<>();
        for (var r : rows(db, "SELECT status FROM jobs WHERE id = ANY(?)", (Object) ids.toArray(String[]::new))) {
            m.merge((String) r.get("status"), 1, Integer::sum);
        }
        return m;
    }

    private static List<Map<String, Object>> rows(Connection db, String sql, Object... args) throws Exception {
        try (var ps = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                if (args[i] instanceof String[] a) {
                    ps.setArray(i + 1, db.createArrayOf("text", a));
                } else {
                    ps.setObject(i + 1, args[i]);
                }
            }
            try (var rs = ps.executeQuery()) {
                List<Map<String, Object>> out = new ArrayList<>();
                while (rs.next()) {
                    Map<String, Object> row = new java.util.HashMap<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                    }
                    out.add(row);
                }
                return out;
            }
        }
    }

    @FunctionalInterface
    private interface Check {
        boolean holds() throws Exception;
    }

    /** Bounded wait: fails naming what never happened, never asserts on how long it took. */
    private static void await(Check check, String what) throws Exception {
        long deadline = System.currentTimeMillis() + WAIT_MS;
        while (!check.holds()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("waited " + WAIT_MS / 1000 + " s for " + what);
            }
            Thread.sleep(200);
        }
    }
}
