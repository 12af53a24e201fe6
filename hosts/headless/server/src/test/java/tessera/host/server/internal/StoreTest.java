package tessera.host.server.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite store on a real file: migrations, tokens kept hashed, crash recovery of job states. */
class StoreTest {
    @TempDir
    Path tmp;

    @Test
    void migrationsRunOnceAndRecordTheirVersion() throws Exception {
        Path file = tmp.resolve("t.db");
        try (Db db = Db.open(file)) {
            assertThat(Migrations.current(db)).isEqualTo(Migrations.ALL.getLast().version());
        }
        try (Db db = Db.open(file)) { // reopening applies nothing twice (a second CREATE TABLE would throw)
            assertThat(db.query("SELECT COUNT(*) AS n FROM schema_version").getFirst().get("n")).isEqualTo(Migrations.ALL.size());
        }
    }

    @Test
    void aNewerSchemaIsRefusedWithAClearMessage() throws Exception {
        Path file = tmp.resolve("t.db");
        try (Db db = Db.open(file)) {
            db.update("INSERT INTO schema_version VALUES (99, 'future', 'x')");
        }
        assertThatThrownBy(() -> Db.open(file)).hasMessageContaining("schema version 99").hasMessageContaining("newer");
    }

    @Test
    void tokensAreStoredOnlyAsHashesAndCarryTheRole() throws Exception {
        try (Db db = Db.open(tmp.resolve("t.db"))) {
            TokenStore tokens = new TokenStore(db);
            String t = tokens.create("alice", Role.OPERATOR);
            assertThat(t).startsWith("tsr_");
            assertThat(db.query("SELECT hash FROM tokens").getFirst().get("hash")).isEqualTo(TokenStore.hash(t)).isNotEqualTo(t);
            assertThat(Files.readAllBytes(db.file())).asString(java.nio.charset.StandardCharsets.ISO_8859_1).doesNotContain(t);
            assertThat(tokens.authenticate(t)).contains(new TokenStore.Caller("alice", Role.OPERATOR));
            assertThat(tokens.authenticate(t + "x")).isEmpty();
            assertThat(tokens.authenticate("not-a-token")).isEmpty();
            assertThatThrownBy(() -> tokens.create("alice", Role.ADMIN)).hasMessageContaining("exists with role operator");
            assertThatThrownBy(() -> tokens.create("../x", Role.ADMIN)).hasMessageContaining("user name");
        }
    }

    @Test
    void unfinishedJobsOfADeadProcessAreMarkedInterruptedAndFinishedOnesKept() throws Exception {
        try (Db db = Db.open(tmp.resolve("t.db"))) {
            JobStore jobs = new JobStore(db);
            jobs.insert("a", "generate", "{}", "alice", null);
            jobs.insert("b", "generate", "{}", "alice", null);
            jobs.insert("c", "generate", "{}", "alice", null);
            jobs.running("b");
            JobStore.Claim c = jobs.running("c");
            jobs.finish(c, "c", "succeeded", "{}", null, List.of(new JobStore.Artifact("job.json", "0".repeat(64), 2, "application/json")));
            assertThat(jobs.markInterrupted()).isEqualTo(2);
            assertThat(jobs.get("a").orElseThrow().get("status")).isEqualTo("interrupted");
            assertThat(jobs.get("b").orElseThrow().get("error")).asString().contains("resubmit");
            assertThat(jobs.get("c").orElseThrow().get("status")).isEqualTo("succeeded");
            assertThat(jobs.artifacts("c")).extracting(JobStore.Artifact::name).containsExactly("job.json");
        }
    }

    @Test
    void aJobIsFinishedOnlyUnderTheClaimThatHoldsIt() throws Exception {
        try (Db db = Db.open(tmp.resolve("t.db"))) {
            JobStore jobs = new JobStore(db, "host-a", 30_000);
            jobs.insert("j", "generate", "{}", "alice", null);
            JobStore.Claim first = jobs.running("j");
            assertThat(first.attempt()).isEqualTo(1);
            assertThat(jobs.running("j")).as("a running job is not claimed twice").isNull();
            // another host takes the job over (what the shared queue's claim does when a lease ran out)
            db.update("UPDATE jobs SET claimed_by = 'host-b', attempt = 2 WHERE id = 'j'");
            db.update("INSERT INTO job_runs(job_id, attempt, host, claimed_at) VALUES ('j', 2, 'host-b', 'x')");
            var artifact = List.of(new JobStore.Artifact("job.json", "0".repeat(64), 2, "application/json"));
            assertThat(jobs.finish(first, "j", "succeeded", "{}", null, artifact)).isFalse();
            assertThat(jobs.get("j").orElseThrow().get("status")).isEqualTo("running");
            assertThat(jobs.artifacts("j")).isEmpty();
            assertThat(new JobStore(db, "host-b", 30_000).finish(new JobStore.Claim("j", "host-b", 2), "j", "succeeded", "{}", null,
                    artifact)).isTrue();
            assertThat(db.query("SELECT host, outcome FROM job_runs WHERE job_id = 'j' ORDER BY attempt"))
                    .extracting(r -> r.get("host") + ":" + r.get("outcome")).containsExactly("host-a:lost", "host-b:succeeded");
            assertThat(jobs.artifacts("j")).hasSize(1);
        }
    }

    @Test
    void roleChecksLetAdminDoEverything() {
        assertThat(Role.ADMIN.in(Role.COMPLIANCE)).isTrue();
        assertThat(Role.DESIGNER.in(Role.OPERATOR, Role.COMPLIANCE)).isFalse();
        assertThatThrownBy(() -> Role.parse("root")).hasMessageContaining("designer, operator, compliance, admin");
    }
}
