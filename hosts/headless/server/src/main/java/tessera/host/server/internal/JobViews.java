package tessera.host.server.internal;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tessera.api.json.TesseraJson;

/** Jobs as a caller sees them: who may see which, the JSON view, and their artifacts by name. */
final class JobViews {
    private final JobStore jobs;
    private final ArtifactStore artifacts;

    JobViews(JobStore jobs, ArtifactStore artifacts) {
        this.jobs = jobs;
        this.artifacts = artifacts;
    }

    /** The job's row when the caller may see it; 404 alike for other users' jobs and missing ones. */
    Map<String, Object> visible(Call c, String id) throws Exception {
        if (id == null || !id.matches("[0-9a-f]{16}")) {
            throw new ApiError(400, "'" + id + "' is not a job id (16 hex digits)");
        }
        Map<String, Object> row = jobs.get(id).orElseThrow(() -> new ApiError(404, "no job " + id));
        if (!seesAll(c) && !c.caller().user().equals(row.get("owner"))) {
            throw new ApiError(404, "no job " + id); // other users' jobs are not even confirmed to exist
        }
        return row;
    }

    /** A designer sees its own jobs; every other role sees all. */
    static boolean seesAll(Call c) {
        return c.caller().role() != Role.DESIGNER;
    }

    Map<String, Object> view(Map<String, Object> row) throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String k : List.of("id", "kind", "status", "owner", "created_at", "started_at", "finished_at", "error", "resubmitted_from", "claimed_by")) {
            if (row.get(k) != null) {
                m.put(camel(k), row.get(k));
            }
        }
        m.put("request", TesseraJson.mapper().readTree((String) row.get("request")));
        if (row.get("record") != null) {
            m.put("record", TesseraJson.mapper().readTree((String) row.get("record")));
        }
        m.put("artifacts", artifactList(row));
        return m;
    }

    /** The view of a job this server just recorded. */
    Map<String, Object> view(String id) throws Exception {
        return view(jobs.get(id).orElseThrow(() -> new ApiError(500, "job " + id + " was not recorded")));
    }

    List<Map<String, Object>> artifactList(Map<String, Object> row) throws Exception {
        String id = (String) row.get("id");
        return jobs.artifacts(id).stream().map(a -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", a.name());
            m.put("sha256", a.sha256());
            m.put("size", a.size());
            m.put("mediaType", a.mediaType());
            m.put("href", "/api/jobs/" + id + "/artifacts/" + a.name());
            return m;
        }).toList();
    }

    /** An artifact looked up by name in the database (never joined to a path); 404 when the job has none. */
    JobStore.Artifact artifact(Map<String, Object> row, String name) throws Exception {
        return jobs.artifacts((String) row.get("id")).stream().filter(x -> x.name().equals(name)).findFirst()
                .orElseThrow(() -> new ApiError(404, "job " + row.get("id") + " has no artifact " + name));
    }

    /** The artifact's file; a clear 503 when this host's store lacks it (hosts of one database must share one folder). */
    Path file(JobStore.Artifact a) {
        Path f = artifacts.path(a.sha256());
        if (!java.nio.file.Files.isRegularFile(f)) {
            throw new ApiError(503, "artifact " + a.name() + " (sha256 " + a.sha256() + ") is not in this host's artifact folder "
                    + artifacts.root() + "; hosts that share a database must share one folder: start each with the same --artifacts");
        }
        return f;
    }

    private static String camel(String snake) {
        StringBuilder sb = new StringBuilder();
        boolean up = false;
        for (char ch : snake.toCharArray()) {
            if (ch == '_') {
                up = true;
            } else {
                sb.append(up ? Character.toUpperCase(ch) : ch);
                up = false;
            }
        }
        return sb.toString();
    }
}
