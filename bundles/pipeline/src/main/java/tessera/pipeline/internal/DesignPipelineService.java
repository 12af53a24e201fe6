package tessera.pipeline.internal;

import java.util.List;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

import tessera.api.design.DesignRequest;
import tessera.api.job.DesignOrigin;
import tessera.api.job.DesignPipeline;
import tessera.api.job.JobFailedException;
import tessera.api.job.JobListener;
import tessera.api.job.JobOptions;
import tessera.api.job.JobRecord;
import tessera.api.pattern.Pattern;
import tessera.pipeline.PluginIncident;
import tessera.pipeline.PluginIncidents;

/**
 * The design pipeline service. Plugins are looked up per job, not injected, so that a job holds the
 * versions it started with while the registry changes under it (#2 hot swap).
 */
@Component(service = {DesignPipeline.class, PluginIncidents.class})
public final class DesignPipelineService implements DesignPipeline, PluginIncidents {
    private final PluginCalls calls = new PluginCalls();
    private final PipelineServices services;

    @Activate
    public DesignPipelineService(BundleContext context) {
        this.services = new PipelineServices(context, calls);
    }

    @Override
    public JobRecord run(DesignRequest request, JobOptions options, JobListener listener) throws JobFailedException {
        return new DesignJob(services, request, options, listener).run();
    }

    @Override
    public JobRecord runPattern(Pattern pattern, String profile, boolean export, JobOptions options, JobListener listener)
            throws JobFailedException {
        return runPattern(pattern, profile, export, null, options, listener);
    }

    @Override
    public JobRecord runPattern(Pattern pattern, String profile, boolean export, DesignOrigin origin, JobOptions options,
            JobListener listener) throws JobFailedException {
        return DesignJob.forPattern(services, pattern, PatternRequest.describe(pattern, profile, origin, services), export,
                origin, options, listener).run();
    }

    @Override
    public List<PluginIncident> recent() {
        return calls.recent();
    }

    @Deactivate
    void deactivate() {
        calls.close();
    }
}
