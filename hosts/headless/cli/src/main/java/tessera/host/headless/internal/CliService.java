package tessera.host.headless.internal;

import java.io.PrintWriter;
import java.util.Map;
import java.util.function.Function;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;

import picocli.CommandLine;
import tessera.api.job.DesignPipeline;
import tessera.pipeline.PluginIncidents;
import tessera.pipeline.trust.BundleTrust;

/**
 * The {@code tessera} command as a service the launcher calls across the framework boundary. Only
 * {@code java.*} types cross it (the launcher's class loader sees no Tessera class): the argument map
 * holds {@code args} (String[]), {@code out} and {@code err} (PrintWriter) and {@code data} (the data
 * folder as a String); the result is the exit code.
 */
@Component(service = Function.class, property = {"tessera.cli=1"})
public final class CliService implements Function<Map<String, Object>, Integer> {
    private final Engine engine;

    @Activate
    public CliService(BundleContext context, @Reference DesignPipeline pipeline, @Reference PluginIncidents incidents,
            @Reference ServiceComponentRuntime scr, @Reference BundleTrust trust) {
        this.engine = new Engine(context, pipeline, incidents, scr, trust);
    }

    @Override
    public Integer apply(Map<String, Object> call) {
        String[] args = (String[]) call.getOrDefault("args", new String[0]);
        PrintWriter out = (PrintWriter) call.get("out");
        PrintWriter err = (PrintWriter) call.get("err");
        String data = (String) call.get("data");
        CommandLine cli = TesseraCommand.commandLine(engine.withData(data));
        cli.setOut(out);
        cli.setErr(err);
        try {
            return cli.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }
}
