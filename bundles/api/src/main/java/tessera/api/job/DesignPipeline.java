package tessera.api.job;

import org.osgi.annotation.versioning.ProviderType;

import tessera.api.design.DesignRequest;
import tessera.api.pattern.Pattern;

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

    /**
     * Runs an existing design (a customer's file, a scan of artwork) through constrain → provenance and,
     * when {@code export} is true, export: what {@code tessera check} and {@code tessera export} do.
     *
     * @param pattern the design with its repeat and physical size
     * @param profile production profile id to check against, or null for profile-free checks (seam)
     * @param export  true to write production files into {@code options.outDir()}, false to check only
     * @return the record, also written as {@code job.json} in the output folder; its request describes the pattern
     * @throws JobFailedException when the job failed; its record says why
     * @since 1.1
     */
    JobRecord runPattern(Pattern pattern, String profile, boolean export, JobOptions options, JobListener listener)
            throws JobFailedException;

    /**
     * As {@link #runPattern(Pattern, String, boolean, JobOptions, JobListener)} for a design whose origin is known
     * (generated earlier, or read back from a file Tessera wrote): the record keeps the origin, every exported
     * file's XMP names its generator, model, job, design and seed, and the provenance checks run with the
     * model's card (found among the installed generators by plugin and model id), as for a job that generated
     * and exported in one go. Strict mode refuses a model whose card is not installed or whose lineage is not
     * verified.
     *
     * @param origin where the design came from, or null (then as the overload without it)
     * @since 1.2
     */
    JobRecord runPattern(Pattern pattern, String profile, boolean export, DesignOrigin origin, JobOptions options,
            JobListener listener) throws JobFailedException;
}
