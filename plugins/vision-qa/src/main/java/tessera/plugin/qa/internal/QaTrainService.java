package tessera.plugin.qa.internal;

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
import tessera.compute.ComputeDevice;

/**
 * The defect CNN's trainer as {@code tessera train qa} calls it (#10). Only {@code java.*} types cross, as for the
 * GAN's trainer: the call map holds {@code data}, {@code out}, {@code work} (Strings; {@code data} is a folder laid
 * out as /usr/share for Debian's texture packages), {@code steps}, {@code batch}, {@code checkpointEvery},
 * {@code side} (Integers), {@code minutes} (Double), {@code lr} (Double), {@code seed} (Long), {@code resume}
 * (Boolean), {@code manifestSha256}, {@code command}, {@code modelId}, {@code modelVersion} (Strings) and {@code err}
 * (a PrintWriter for progress); the result holds {@code bundle}, {@code steps}, {@code wallSeconds} and the metrics,
 * or {@code error} with a message for the user.
 */
@Component(service = Function.class, property = {ServiceProperties.TRAINER + "=qa", ServiceProperties.PLUGIN_ID + "=vision-qa"})
public final class QaTrainService implements Function<Map<String, Object>, Map<String, Object>> {
    static final int DEFAULT_SIDE = 192;
    static final double DEFAULT_LR = 3e-3;
    private final ComputeDevice device;

    @Activate
    public QaTrainService(@Reference ComputeDevice device) {
        this.device = device;
    }

    @Override
    public Map<String, Object> apply(Map<String, Object> call) {
        PrintWriter err = call.get("err") instanceof PrintWriter p ? p : new PrintWriter(System.err, true);
        Map<String, Object> result = new LinkedHashMap<>();
        try {
            Path out = Path.of(text(call, "out", null));
            String work = text(call, "work", null);
            DefectTrainer.Options o = new DefectTrainer.Options(Path.of(text(call, "data", Textures.DEBIAN.toString())), out,
                    work == null ? out.toAbsolutePath().resolveSibling(out.getFileName() + ".work") : Path.of(work),
                    number(call, "steps", 2000).intValue(), number(call, "minutes", 0).doubleValue(),
                    number(call, "batch", 6).intValue(), number(call, "side", DEFAULT_SIDE).intValue(),
                    number(call, "seed", 10).longValue(), number(call, "lr", DEFAULT_LR).floatValue(),
                    number(call, "checkpointEvery", 100).intValue(), Boolean.TRUE.equals(call.get("resume")),
                    text(call, "manifestSha256", null), text(call, "command", "tessera train qa"),
                    text(call, "modelId", "qa-defect-cnn"), text(call, "modelVersion", "1.0.0"));
            DefectTrainer.Result r = new DefectTrainer(device, err).train(o);
            result.put("bundle", r.bundle().toString());
            result.put("steps", r.steps());
            result.put("wallSeconds", r.wallSeconds());
            result.put("samples", r.samples().toString());
            result.putAll(r.metrics());
        } catch (IllegalArgumentException | IOException e) {
            result.put("error", e.getMessage());
        } finally {
            err.flush();
        }
        return result;
    }

    private static String text(Map<String, Object> call, String key, String fallback) {
        Object v = call.get(key);
        if (v == null && fallback == null && key.equals("out")) {
            throw new IllegalArgumentException("out (the model bundle to write) is required");
        }
        return v == null ? fallback : v.toString();
    }

    private static Number number(Map<String, Object> call, String key, Number fallback) {
        return call.get(key) instanceof Number n ? n : fallback;
    }
}
