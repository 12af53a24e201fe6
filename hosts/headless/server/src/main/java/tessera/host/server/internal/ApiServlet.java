package tessera.host.server.internal;

import static tessera.host.server.internal.Role.ADMIN;
import static tessera.host.server.internal.Role.COMPLIANCE;
import static tessera.host.server.internal.Role.DESIGNER;
import static tessera.host.server.internal.Role.OPERATOR;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;


import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tessera.api.design.DesignRequest;
import tessera.api.job.JobEvent;
import tessera.api.job.JobFailedException;
import tessera.api.job.JobRecord;
import tessera.api.json.TesseraJson;

/** The HTTP API under {@code /api} (#12): routing, authentication, limits and the handlers. */
final class ApiServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Set<Role> PUBLIC = Set.of();
    /** One line per event: an SSE {@code data:} field ends at a line break. */
    private final transient Settings settings;
    private final transient TokenStore tokens;
    private final transient JobStore jobs;
    private final transient JobRunner runner;
    private final transient JobViews views;
    private final transient QaApi qa;
    private final transient ProvenanceApi provenance;
    private final transient BundleAdmin bundles;
    private final transient Metrics metrics;
    private final transient RateLimiter limiter;
    private final transient List<Route> routes;

    ApiServlet(Settings settings, TokenStore tokens, JobStore jobs, JobRunner runner, ArtifactStore artifacts, BundleAdmin bundles,
            Metrics metrics, QaApi qa, ProvenanceApi provenance) {
        this.settings = settings;
        this.tokens = tokens;
        this.jobs = jobs;
        this.runner = runner;
        this.views = new JobViews(jobs, artifacts);
        this.qa = qa;
        this.provenance = provenance;
        this.bundles = bundles;
        this.metrics = metrics;
        this.limiter = new RateLimiter(settings.ratePerSecond(), settings.rateBurst());
        this.routes = routes();
    }

    /** Every route the server answers; the OpenAPI document must list exactly these (ServerRoutesTest). */
    List<Route> routes() {
        Set<Role> any = EnumSet.allOf(Role.class);
        Set<Role> makers = EnumSet.of(DESIGNER, OPERATOR);
        Set<Role> readers = EnumSet.of(DESIGNER, OPERATOR, COMPLIANCE);
        return List.of(
                new Route("GET", "/api/health", PUBLIC, c -> health()),
                new Route("GET", "/api/openapi.json", PUBLIC, this::openApi),
                new Route("GET", "/api/metrics", EnumSet.of(OPERATOR), this::metrics),
                new Route("GET", "/api/whoami", any, c -> Map.of("user", c.caller().user(), "role", c.caller().role().id())),
                new Route("GET", "/api/jobs", readers, c -> jobs.recent(JobViews.seesAll(c) ? null : c.caller().user(), 100)),
                new Route("POST", "/api/jobs", makers, this::submit),
                new Route("GET", "/api/jobs/{id}", readers, c -> jobView(job(c))),
                new Route("GET", "/api/jobs/{id}/events", readers, this::events),
                new Route("POST", "/api/jobs/{id}/cancel", makers, this::cancel),
                new Route("POST", "/api/jobs/{id}/resubmit", makers, this::resubmit),
                new Route("GET", "/api/jobs/{id}/artifacts", readers, c -> views.artifactList(job(c))),
                new Route("GET", "/api/jobs/{id}/artifacts/{name+}", readers, this::artifact),
                new Route("POST", "/api/check", readers, c -> pattern(c, false)),
                new Route("POST", "/api/export", makers, c -> pattern(c, true)),
                new Route("GET", "/api/bundles", EnumSet.of(ADMIN), c -> bundles.list()),
                new Route("POST", "/api/bundles", EnumSet.of(ADMIN), c -> bundle(c, false)),
                new Route("PUT", "/api/bundles/{name}", EnumSet.of(ADMIN), c -> bundle(c, true)),
                new Route("DELETE", "/api/bundles/{name}", EnumSet.of(ADMIN), this::removeBundle),
                new Route("GET", "/api/audit", EnumSet.of(COMPLIANCE), c -> jobs.auditLog(200)),
                new Route("POST", "/api/qa", makers, c -> qa.inspect(c, views)),
                new Route("GET", "/api/provenance/datasets", EnumSet.of(COMPLIANCE), c -> provenance.datasets()),
                // #12: registering a folder opens the server's file system to scans: provenance administration, admin only
                new Route("PUT", "/api/provenance/datasets/{name}", EnumSet.of(ADMIN), c -> provenance.register(c)),
                new Route("DELETE", "/api/provenance/datasets/{name}", EnumSet.of(ADMIN), c -> provenance.unregister(c)),
                new Route("POST", "/api/provenance/datasets/{name}/scan", EnumSet.of(COMPLIANCE), c -> provenance.scan(c, views)),
                new Route("POST", "/api/provenance/verify", EnumSet.of(COMPLIANCE), c -> provenance.verify(c, views)));
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getRequestURI();
        int status;
        try {
            status = dispatch(req, resp, path);
        } catch (ApiError e) {
            status = error(resp, e.status, e.getMessage());
        } catch (Exception e) {
            status = error(resp, 500, "internal error: " + e);
        }
        metrics.request(req.getMethod(), status);
    }

    private int dispatch(HttpServletRequest req, HttpServletResponse resp, String path) throws Exception {
        if (path.contains("..") || path.contains("\\") || path.contains("\0") || path.contains("//")) {
            throw new ApiError(400, "the path " + path + " is not allowed (no '..', '\\' or empty segments)");
        }
        Route route = null;
        Map<String, String> params = null;
        boolean pathKnown = false;
        for (Route r : routes) {
            Map<String, String> p = r.match(path);
            if (p != null) {
                pathKnown = true;
                if (r.method().equals(req.getMethod())) {
                    route = r;
                    params = p;
                    break;
                }
            }
        }
        if (route == null) {
            throw pathKnown ? new ApiError(405, req.getMethod() + " is not allowed on " + path)
                    : new ApiError(404, "no endpoint " + path + "; see /api/openapi.json");
        }
        TokenStore.Caller caller = null;
        if (!route.roles().isEmpty()) {
            caller = authenticate(req);
            if (!caller.role().in(route.roles().toArray(Role[]::new))) {
                throw new ApiError(403, "role " + caller.role().id() + " may not " + route.method() + " " + route.template()
                        + "; allowed: admin, " + route.roles().stream().map(Role::id).sorted().toList());
            }
            if (!limiter.allow(caller.user(), System.nanoTime())) {
                resp.setHeader("Retry-After", Long.toString(limiter.retryAfterSeconds()));
                throw new ApiError(429, "rate limit: at most " + settings.ratePerSecond() + " requests a second per user; retry later");
            }
        }
        Object result = route.handler().handle(new Call(req, resp, params, caller, settings));
        if (result != null) {
            int code = resp.getStatus() == 0 ? 200 : resp.getStatus();
            resp.setContentType("application/json");
            resp.setCharacterEncoding("UTF-8");
            TesseraJson.write(result, resp.getOutputStream());
            return code;
        }
        return resp.getStatus();
    }

    private TokenStore.Caller authenticate(HttpServletRequest req) throws Exception {
        String h = req.getHeader("Authorization");
        if (h == null || !h.startsWith("Bearer ")) {
            throw new ApiError(401, "send an API token: Authorization: Bearer tsr_… (create one with tessera serve --create-token NAME --role ROLE)");
        }
        Optional<TokenStore.Caller> c = tokens.authenticate(h.substring("Bearer ".length()).trim());
        if (c.isEmpty()) {
            throw new ApiError(401, "the API token is unknown or revoked");
        }
        return c.get();
    }

    private static int error(HttpServletResponse resp, int status, String message) throws IOException {
        if (resp.isCommitted()) {
            return status;
        }
        resp.resetBuffer();
        resp.setStatus(status);
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("error", message);
        resp.getOutputStream().write(TesseraJson.write(body).getBytes(StandardCharsets.UTF_8));
        return status;
    }

    private Map<String, Object> job(Call c) throws Exception {
        return views.visible(c, c.param("id"));
    }

    private Map<String, Object> jobView(Map<String, Object> row) throws Exception {
        return views.view(row);
    }

    private Map<String, Object> health() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", "ok");
        m.put("jobsRunning", runner.running());
        m.put("host", jobs.host()); // #12 scale-out: which host answered, as claimedBy names it
        return m;
    }

    private Object openApi(Call c) throws IOException {
        try (InputStream in = ApiServlet.class.getResourceAsStream("/openapi.json")) {
            c.response().setContentType("application/json");
            in.transferTo(c.response().getOutputStream());
        }
        return null;
    }

    private Object metrics(Call c) throws Exception {
        c.response().setContentType("text/plain; version=0.0.4; charset=utf-8");
        c.response().getOutputStream().write(metrics.text(runner.running(), jobs.countsByStatus()).getBytes(StandardCharsets.UTF_8));
        return null;
    }

    private Object submit(Call c) throws Exception {
        DesignRequest r = c.json(DesignRequest.class);
        limits(r);
        String id = runner.submit(r, c.caller().user(), null);
        jobs.audit(c.caller().user(), "job.submit", id, null);
        c.response().setStatus(202);
        c.response().setHeader("Location", "/api/jobs/" + id);
        return Map.of("id", id, "status", "queued", "href", "/api/jobs/" + id);
    }

    private void limits(DesignRequest r) {
        int w = r.tileWidthPx() == null ? DesignRequest.DEFAULT_TILE_PX : r.tileWidthPx();
        int h = r.tileHeightPx() == null ? w : r.tileHeightPx();
        if (w > settings.maxTilePx() || h > settings.maxTilePx()) {
            throw new ApiError(413, "tile " + w + "x" + h + " px exceeds this server's limit of " + settings.maxTilePx() + " px a side");
        }
        if (r.variations() != null && r.variations() > settings.maxVariations()) {
            throw new ApiError(413, "variations " + r.variations() + " exceeds this server's limit of " + settings.maxVariations());
        }
    }

    private Object artifact(Call c) throws Exception {
        String name = c.param("name");
        if (name.isEmpty() || name.startsWith("/") || name.contains("..") || name.contains("\\") || name.contains(":")) {
            throw new ApiError(400, "artifact name '" + name + "' is not allowed; use a name from /api/jobs/{id}/artifacts");
        }
        Map<String, Object> row = job(c);
        JobStore.Artifact a = views.artifact(row, name);
        Path file = views.file(a);
        c.response().setContentType(a.mediaType());
        c.response().setContentLengthLong(Files.size(file));
        c.response().setHeader("ETag", "\"" + a.sha256() + "\"");
        c.response().setHeader("Content-Disposition", "attachment; filename=\"" + name.substring(name.lastIndexOf('/') + 1) + "\"");
        Files.copy(file, c.response().getOutputStream());
        c.response().setStatus(200);
        return null;
    }

    /** Server-sent events: one {@code progress} event per pipeline event, then one {@code end} event. */
    private Object events(Call c) throws Exception {
        Map<String, Object> row = job(c);
        String id = (String) row.get("id");
        HttpServletResponse resp = c.response();
        resp.setStatus(200);
        resp.setContentType("text/event-stream");
        resp.setCharacterEncoding("UTF-8");
        resp.setHeader("Cache-Control", "no-cache");
        PrintWriter w = resp.getWriter();
        LiveJob live = runner.live(id);
        if (live == null && runner.sharedQueue()) {
            followElsewhere(id, w); // queued, or run by another host: its state changes are in the database
        }
        int seen = 0;
        while (live != null && !live.ended()) {
            List<JobEvent> batch = live.since(seen, 15_000);
            for (JobEvent e : batch) {
                progress(w, new JobEvent(id, e.stage(), e.fraction(), e.message()));
            }
            seen += batch.size();
            if (batch.isEmpty()) {
                w.write(": keep-alive\n\n");
            }
            w.flush();
            if (w.checkError()) {
                return null; // the client went away
            }
        }
        if (live != null) {
            for (JobEvent e : live.since(seen, 0)) {
                progress(w, new JobEvent(id, e.stage(), e.fraction(), e.message()));
            }
        }
        Map<String, Object> end = jobs.get(id).orElseThrow();
        w.write("event: end\ndata: " + LiveJob.json(Map.of("id", id, "status", end.get("status"))) + "\n\n");
        w.flush();
        return null;
    }

    /**
     * Server-sent events for a job this host does not run (#12 scale-out): one {@code progress} event per change of
     * status or host, and the running host's pipeline events as it publishes them (its latest, at most four a second),
     * read from the shared database every 250 ms, until the job has ended or the client went away.
     */
    private void followElsewhere(String id, PrintWriter w) throws Exception {
        String last = null;
        String lastProgress = null;
        long quietSince = System.currentTimeMillis();
        while (true) {
            JobStore.Followed row = jobs.follow(id);
            if (row.progress() != null && !row.progress().equals(lastProgress)) {
                // published by the running host with this job's id, as one line of JSON: passed on as it is
                w.write("event: progress\ndata: " + row.progress() + "\n\n");
                lastProgress = row.progress();
                quietSince = System.currentTimeMillis();
            }
            if (!row.status().equals("queued") && !row.status().equals("running")) {
                return;
            }
            String state = row.status() + (row.claimedBy() == null ? "" : " on " + row.claimedBy());
            if (!state.equals(last)) {
                progress(w, new JobEvent(id, row.status(), 0, state));
                last = state;
                quietSince = System.currentTimeMillis();
            } else if (System.currentTimeMillis() - quietSince > 15_000) {
                w.write(": keep-alive\n\n");
                quietSince = System.currentTimeMillis();
            }
            w.flush();
            if (w.checkError()) {
                return; // the client went away
            }
            Thread.sleep(250);
        }
    }

    private static void progress(PrintWriter w, JobEvent e) throws java.io.IOException {
        w.write("event: progress\ndata: " + LiveJob.json(e) + "\n\n");
    }

    private Object cancel(Call c) throws Exception {
        Map<String, Object> row = job(c);
        String id = (String) row.get("id");
        LiveJob live = runner.live(id);
        if (live == null && runner.sharedQueue() && jobs.cancel(id)) {
            // queued: cancelled now; running on some host: that host's lease keeper stops it within a third of a lease
            jobs.audit(c.caller().user(), "job.cancel", id, null);
            c.response().setStatus(202);
            return Map.of("id", id, "status", "cancelling");
        }
        if (live == null) {
            throw new ApiError(409, "job " + id + " is " + row.get("status") + ", not running; nothing to cancel");
        }
        live.cancel();
        jobs.audit(c.caller().user(), "job.cancel", id, null);
        c.response().setStatus(202);
        return Map.of("id", id, "status", "cancelling");
    }

    private Object resubmit(Call c) throws Exception {
        Map<String, Object> row = job(c);
        String status = (String) row.get("status");
        if (!"generate".equals(row.get("kind"))) {
            throw new ApiError(409, "only generate jobs can be resubmitted; send check and export uploads again");
        }
        if (status.equals("queued") || status.equals("running")) {
            throw new ApiError(409, "job " + row.get("id") + " is still " + status);
        }
        DesignRequest r = TesseraJson.read((String) row.get("request"), DesignRequest.class);
        String id = runner.submit(r, c.caller().user(), (String) row.get("id"));
        jobs.audit(c.caller().user(), "job.resubmit", id, "from " + row.get("id"));
        c.response().setStatus(202);
        return Map.of("id", id, "status", "queued", "href", "/api/jobs/" + id, "resubmittedFrom", row.get("id"));
    }

    private Object pattern(Call c, boolean export) throws Exception {
        PatternUpload.Upload p = PatternUpload.read(c);
        String profile = c.query("profile");
        try {
            Map.Entry<String, JobRecord> r = runner.runPattern(p.pattern(), p.origin(), profile, export, c.caller().user());
            jobs.audit(c.caller().user(), export ? "export" : "check", r.getKey(), profile);
            return jobView(jobs.get(r.getKey()).orElseThrow());
        } catch (JobFailedException e) {
            throw new ApiError(422, e.getMessage());
        }
    }

    private Object bundle(Call c, boolean update) throws Exception {
        Path jar = c.bodyToFile(c.settings().maxUploadBytes(), "bundle jar", ".jar");
        try {
            Map<String, Object> r = bundles.place(jar, update, c.param("name"));
            jobs.audit(c.caller().user(), update ? "bundle.update" : "bundle.install", (String) r.get("name"), (String) r.get("version"));
            c.response().setStatus(update ? 200 : 201);
            return r;
        } catch (ApiError e) {
            if (e.status == 403) {
                jobs.audit(c.caller().user(), "bundle.refused", c.param("name"), e.getMessage());
            }
            throw e;
        } finally {
            Files.deleteIfExists(jar);
        }
    }

    private Object removeBundle(Call c) throws Exception {
        Map<String, Object> r = bundles.remove(c.param("name"));
        jobs.audit(c.caller().user(), "bundle.remove", c.param("name"), null);
        return r;
    }


}
