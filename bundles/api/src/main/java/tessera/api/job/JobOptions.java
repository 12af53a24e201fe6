package tessera.api.job;

import java.nio.file.Path;
import java.time.Duration;

import tessera.api.Check;

/**
 * How the pipeline runs one job.
 *
 * @param outDir      output folder; created if missing
 * @param serviceWait how long to wait for a needed service that is momentarily absent (e.g. being updated)
 * @param callTimeout bound on any one plugin call; a plugin that hangs longer fails the job, not the host
 * @param repair      run repairs after checks
 */
public record JobOptions(Path outDir, Duration serviceWait, Duration callTimeout, boolean repair) {
    public static final Duration DEFAULT_SERVICE_WAIT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofMinutes(10);

    public JobOptions {
        Check.notNull("outDir", outDir);
        serviceWait = serviceWait == null ? DEFAULT_SERVICE_WAIT : serviceWait;
        callTimeout = callTimeout == null ? DEFAULT_CALL_TIMEOUT : callTimeout;
    }

    public static JobOptions in(Path outDir) {
        return new JobOptions(outDir, null, null, true);
    }
}
