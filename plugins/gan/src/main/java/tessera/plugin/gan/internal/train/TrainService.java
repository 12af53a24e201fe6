package tessera.plugin.gan.internal.train;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import tessera.api.ServiceProperties;
import tessera.compute.DeviceSelector;

/**
 * The trainer as the host's {@code tessera train gan} calls it. Only {@code java.*} types cross (as the CLI service
 * does), so the host never links against a plugin: the call map holds the options ({@code data}, {@code out},
 * {@code work} as Strings; {@code steps}, {@code batch}, {@code size}, {@code sampleEvery}, {@code checkpointEvery} as
 * Integers; {@code seed} Long; {@code resume} Boolean; {@code manifestSha256}, {@code command}, {@code modelId},
 * {@code modelVersion} Strings; {@code err} a PrintWriter for progress); the result map holds {@code bundle},
 * {@code steps}, {@code wallSeconds}, {@code samples} and the metrics, or {@code error} with a message for the user.
 */
@Component(service = Function.class, property = {ServiceProperties.TRAINER + "=gan", ServiceProperties.PLUGIN_ID + "=gan"})
public final class TrainService implements Function<Map<String, Object>, Map<String, Object>> {
    private final DeviceSelector devices;

    @Activate
    public TrainService(@Reference DeviceSelector devices) {
        this.devices = devices;
    }

    @Override
    public Map<String, Object> apply(Map<String, Object> call) {
        PrintWriter err = (PrintWriter) call.get("err");
        Map<String, Object> result = new LinkedHashMap<>();
        try {
            Path out = Path.of((String) call.get("out"));
            String work = (String) call.get("work");
            TrainingOptions o = new TrainingOptions(Path.of((String) call.get("data")), out,
                    work == null ? out.toAbsolutePath().resolveSibling(out.getFileName() + ".work") : Path.of(work),
                    (Integer) call.get("steps"), (Integer) call.get("batch"), (Integer) call.get("size"),
                    (Integer) call.get("sampleEvery"), (Integer) call.get("checkpointEvery"), (Long) call.get("seed"),
                    Boolean.TRUE.equals(call.get("resume")), (String) call.get("manifestSha256"),
                    (String) call.get("command"), (String) call.get("modelId"), (String) call.get("modelVersion"),
                    widths((String) call.get("widths")));
            err.println("training on " + devices.device().id() + " (" + devices.reason() + ")");
            GanTrainer.Result r = new GanTrainer(devices.device(), err).train(o);
            result.put("bundle", r.bundle().toString());
            result.put("steps", r.steps());
            result.put("wallSeconds", r.wallSeconds());
            result.put("samples", r.samples() == null ? null : r.samples().toString());
            result.putAll(r.metrics());
        } catch (IllegalArgumentException | IOException e) {
            result.put("error", e.getMessage());
        }
        return result;
    }

    private static List<Integer> widths(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        return java.util.Arrays.stream(s.split(",")).map(String::strip).map(Integer::valueOf).toList();
    }
}
