package tessera.api.job;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import tessera.api.design.DesignRequest;

/**
 * Everything a job did, written as {@code job.json} next to its outputs. Schema: {@code docs/schemas/job-record.md}.
 *
 * @param jobId      unique id
 * @param status     final (or current) status
 * @param request    the request as run, with the seed filled in
 * @param createdAt  ISO-8601 instant
 * @param finishedAt ISO-8601 instant, or null while running
 * @param timingsMs  wall time per stage in ms
 * @param services   every plugin service used, with versions
 * @param candidates one entry per candidate
 * @param outDir     absolute output folder
 * @param error      why the job failed, for the user, or null
 * @param origin     where the checked or exported design came from (since 1.2), or null: a generation job is its
 *                   own origin, and a file without Tessera's XMP has none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobRecord(String jobId, JobStatus status, DesignRequest request, String createdAt, String finishedAt,
        Map<String, Long> timingsMs, List<ServiceUse> services, List<CandidateRecord> candidates, String outDir,
        String error, DesignOrigin origin) {
    public JobRecord {
        timingsMs = timingsMs == null ? Map.of() : Map.copyOf(timingsMs);
        services = services == null ? List.of() : List.copyOf(services);
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
    }

    /** A record without an origin (API 1.1). */
    public JobRecord(String jobId, JobStatus status, DesignRequest request, String createdAt, String finishedAt,
            Map<String, Long> timingsMs, List<ServiceUse> services, List<CandidateRecord> candidates, String outDir,
            String error) {
        this(jobId, status, request, createdAt, finishedAt, timingsMs, services, candidates, outDir, error, null);
    }
}
