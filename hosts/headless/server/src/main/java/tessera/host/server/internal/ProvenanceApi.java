package tessera.host.server.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.osgi.framework.BundleContext;

import tessera.api.InvalidValueException;
import tessera.api.json.InvalidJsonException;
import tessera.api.provenance.DatasetAuditor;
import tessera.api.provenance.ScanRequest;

/**
 * Provenance over HTTP (#7, #12). An admin registers a dataset folder on the server by name (that opens
 * the server's file system to scans, so it is provenance administration); compliance scans it by name,
 * which records a job whose artifacts are the manifest with its SPDX 3.0 and Croissant exports, and
 * verifies an uploaded model bundle against the manifest of such a scan.
 */
final class ProvenanceApi {
    private static final String NAME = "[a-z0-9][a-z0-9._-]{0,63}";
    private static final String MANIFEST = "manifest.json";
    private static final String NO_AUDITOR = "the provenance plugin (tessera.plugin.provenance) is not active";
    private final BundleContext context;
    private final JobRunner runner;
    private final JobStore jobs;
    private final Db db;

    ProvenanceApi(BundleContext context, JobRunner runner, JobStore jobs, Db db) {
        this.context = context;
        this.runner = runner;
        this.jobs = jobs;
        this.db = db;
    }

    /** The body of {@code PUT /api/provenance/datasets/{name}}: absolute paths on the server. */
    record Registration(String folder, String policy) {
    }

    List<Map<String, Object>> datasets() throws Exception {
        return db.query("SELECT name, folder, policy, registered_by, registered_at, last_scan_job FROM datasets ORDER BY name");
    }

    Object register(Call c) throws Exception {
        String name = name(c);
        Registration r = c.json(Registration.class);
        Path folder = serverPath(r.folder(), "folder");
        if (!Files.isDirectory(folder)) {
            throw new ApiError(400, "folder " + folder + " is not a folder on the server");
        }
        Path policy = r.policy() == null ? null : serverPath(r.policy(), "policy");
        if (policy != null && !Files.isRegularFile(policy)) {
            throw new ApiError(400, "policy " + policy + " is not a file on the server");
        }
        db.update("INSERT INTO datasets(name, folder, policy, registered_by, registered_at) VALUES (?, ?, ?, ?, ?) "
                + "ON CONFLICT(name) DO UPDATE SET folder = excluded.folder, policy = excluded.policy, "
                + "registered_by = excluded.registered_by, registered_at = excluded.registered_at",
                name, folder.toString(), policy == null ? null : policy.toString(), c.caller().user(), Instant.now().toString());
        jobs.audit(c.caller().user(), "dataset.register", name, folder + (policy == null ? "" : " policy " + policy));
        return dataset(name);
    }

    Object unregister(Call c) throws Exception {
        String name = name(c);
        dataset(name);
        db.update("DELETE FROM datasets WHERE name = ?", name);
        jobs.audit(c.caller().user(), "dataset.unregister", name, null);
        return Map.of("name", name, "registered", false);
    }

    /** Scans the registered folder; the manifest and its exports become the job's artifacts. */
    Object scan(Call c, JobViews views) throws Exception {
        Map<String, Object> d = dataset(name(c));
        Path folder = Path.of((String) d.get("folder"));
        Path policy = d.get("policy") == null ? null : Path.of((String) d.get("policy"));
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("dataset", d.get("name"));
        request.put("folder", folder.toString());
        request.put("policy", policy == null ? null : policy.toString());
        String id;
        try {
            id = runner.runTool("provenance-scan", request, c.caller().user(),
                    out -> PluginCall.with(context, DatasetAuditor.class, NO_AUDITOR,
                            a -> a.scan(new ScanRequest(folder, policy, out.resolve(MANIFEST)))));
        } catch (InvalidJsonException | InvalidValueException e) {
            throw new ApiError(422, "the registered policy " + policy + " is not valid: " + e.getMessage());
        } catch (IOException e) {
            throw new ApiError(422, "the scan of " + folder + " failed: " + e.getMessage());
        }
        db.update("UPDATE datasets SET last_scan_job = ? WHERE name = ?", id, d.get("name"));
        jobs.audit(c.caller().user(), "dataset.scan", (String) d.get("name"), id);
        return views.view(id);
    }

    /**
     * Checks an uploaded model (a bundle jar, or a model card as JSON) against the manifest of a scan:
     * {@code ?job=ID} names the scan job, {@code ?dataset=NAME} takes that dataset's latest scan.
     */
    Object verify(Call c, JobViews views) throws Exception {
        String scanJob = c.query("job");
        if (scanJob == null && c.query("dataset") != null) {
            scanJob = (String) dataset(c.query("dataset")).get("last_scan_job");
            if (scanJob == null) {
                throw new ApiError(409, "dataset " + c.query("dataset") + " has not been scanned yet; POST /api/provenance/datasets/"
                        + c.query("dataset") + "/scan first");
            }
        }
        if (scanJob == null) {
            throw new ApiError(400, "say which training manifest the model claims: ?job=SCAN_JOB_ID or ?dataset=NAME (its latest scan)");
        }
        Path manifest = views.file(views.artifact(views.visible(c, scanJob), MANIFEST));
        String type = c.request().getContentType() == null ? "" : c.request().getContentType().toLowerCase(Locale.ROOT);
        Path model = c.bodyToFile(c.settings().maxUploadBytes(), "model bundle (jar) or model card (JSON)",
                type.startsWith("application/json") ? ".json" : ".jar");
        try {
            Map<String, Object> request = Map.of("manifestJob", scanJob, "model", type.startsWith("application/json") ? "model card" : "bundle");
            String id = runner.runTool("provenance-verify", request, c.caller().user(),
                    out -> PluginCall.with(context, DatasetAuditor.class, NO_AUDITOR,
                            a -> a.verify(model, manifest, out.resolve("model.spdx.jsonld"))));
            jobs.audit(c.caller().user(), "model.verify", scanJob, id);
            return views.view(id);
        } catch (IOException e) {
            throw new ApiError(400, "the model cannot be read: " + e.getMessage());
        } finally {
            Files.deleteIfExists(model);
        }
    }

    private Map<String, Object> dataset(String name) throws Exception {
        List<Map<String, Object>> rows = db.query("SELECT name, folder, policy, registered_by, registered_at, last_scan_job "
                + "FROM datasets WHERE name = ?", name);
        if (rows.isEmpty()) {
            throw new ApiError(404, "no dataset '" + name + "' is registered; an admin registers it with PUT /api/provenance/datasets/"
                    + name);
        }
        return rows.getFirst();
    }

    private static String name(Call c) {
        String name = c.param("name");
        if (!name.matches(NAME)) {
            throw new ApiError(400, "dataset name '" + name + "' is not allowed; use lower-case letters, digits, '.', '_' and '-'");
        }
        return name;
    }

    private static Path serverPath(String s, String field) {
        if (s == null || s.isBlank()) {
            throw new ApiError(400, field + " is required: an absolute path on the server");
        }
        Path p = Path.of(s);
        if (!p.isAbsolute() || !p.normalize().equals(p)) {
            throw new ApiError(400, field + " '" + s + "' must be an absolute path without '.' or '..' segments");
        }
        return p;
    }
}
