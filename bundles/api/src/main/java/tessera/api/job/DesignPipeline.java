package tessera.api.job;

import org.osgi.annotation.versioning.ProviderType;

import tessera.api.design.DesignRequest;

/**
 * Runs a design request through generate → constrain → provenance → export. Every host (CLI, HTTP, batch,
 * workbench) calls this service; none reaches plugins directly.
 */
@ProviderType
public interface DesignPipeline {
    /**
     * Runs one job to the end in the calling thread.
     *
     * @return the record, also written as {@code job.json} in the output folder
     * @throws JobFailedException when the job failed or was cancelled; its record says why
     */
    JobRecord run(DesignRequest request, JobOptions options, JobListener listener) throws JobFailedException;
}
