package tessera.api.job;

import org.osgi.annotation.versioning.ConsumerType;

/** Receives a job's progress and may cancel it. */
@ConsumerType
@FunctionalInterface
public interface JobListener {
    void onEvent(JobEvent event);

    /** Polled between steps; return true to cancel the job. */
    default boolean cancelled() {
        return false;
    }

    JobListener NONE = e -> {
    };
}
