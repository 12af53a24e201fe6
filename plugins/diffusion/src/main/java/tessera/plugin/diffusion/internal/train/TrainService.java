package tessera.plugin.diffusion.internal.train;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import tessera.api.ServiceProperties;
import tessera.compute.DeviceSelector;

/**
 * The trainer as the host's {@code tessera train diffusion} calls it; only {@code java.*} types cross. Call keys:
 * {@code data}, {@code out}, {@code work}, {@code manifestSha256}, {@code command}, {@code modelId},
 * {@code modelVersion} (Strings); {@code steps}, {@code aeSteps}, {@code batch}, {@code size}, {@code sampleEvery},
 * {@code checkpointEvery}, {@code sampleSteps} (Integers); {@code heldOut} (Double); {@code seed} (Long);
 * {@code resume}, {@code tiny} (Booleans); {@code err} (PrintWriter). The result holds {@code bundle}, {@code steps},
 * {@code wallSeconds}, {@code samples} and the metrics, or {@code error} with a message for the user.
 */
@Component(service = Function.class, property = {ServiceProperties.TRAINER + "=diffusion", ServiceProperties.PLUGIN_ID + "=diffusion"})
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
                    (Integer) call.get("steps"), orDefault(call, "aeSteps", 800), (Integer) call.get("batch"),
                    orDefault(call, "size", 64), (Integer) call.get("sampleEvery"), (Integer) call.get("checkpointEvery"),
                    (Long) call.get("seed"), Boolean.TRUE.equals(call.get("resume")), (String) call.get("manifestSha256"),
                    (String) call.get("command"), (String) call.get("modelId"), (String) call.get("modelVersion"),
                    call.get("heldOut") == null ? 0.2 : (Double) call.get("heldOut"), orDefault(call, "sampleSteps", 20),
                    Boolean.TRUE.equals(call.get("tiny")));
            err.println("training on " + devices.device().id() + " (" + devices.reason() + ")");
            DiffusionTrainer.Result r = new DiffusionTrainer(devices.device(), err).train(o);
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

    private static int orDefault(Map<String, Object> call, String key, int d) {
        Object v = call.get(key);
        return v == null ? d : (Integer) v;
    }
}
