package tessera.host.headless.internal;

import java.nio.file.Path;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.runtime.ServiceComponentRuntime;

import tessera.api.job.DesignPipeline;
import tessera.pipeline.PluginIncidents;

/** What commands work with: the running framework, its pipeline and the data folder. */
record Engine(BundleContext context, DesignPipeline pipeline, PluginIncidents incidents, ServiceComponentRuntime scr,
        Path data) {

    Engine(BundleContext context, DesignPipeline pipeline, PluginIncidents incidents, ServiceComponentRuntime scr) {
        this(context, pipeline, incidents, scr, null);
    }

    Engine withData(String folder) {
        return new Engine(context, pipeline, incidents, scr,
                folder == null ? Path.of(System.getProperty("user.home"), ".tessera") : Path.of(folder));
    }

    Path hotFolder() {
        return data.resolve("hot");
    }
}
