package tessera.host.headless.internal;

import java.nio.file.Path;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.runtime.ServiceComponentRuntime;

import tessera.api.job.DesignPipeline;
import tessera.pipeline.PluginIncidents;
import tessera.pipeline.trust.BundleTrust;

/** What commands work with: the running framework, its pipeline, the plugin trust policy and the data folder. */
record Engine(BundleContext context, DesignPipeline pipeline, PluginIncidents incidents, ServiceComponentRuntime scr,
        BundleTrust trust, Path data) {

    Engine(BundleContext context, DesignPipeline pipeline, PluginIncidents incidents, ServiceComponentRuntime scr,
            BundleTrust trust) {
        this(context, pipeline, incidents, scr, trust, null);
    }

    Engine withData(String folder) {
        return new Engine(context, pipeline, incidents, scr, trust,
                folder == null ? Path.of(System.getProperty("user.home"), ".tessera") : Path.of(folder));
    }

    Path hotFolder() {
        return data.resolve("hot");
    }
}
