package tessera.api.job;

/**
 * Progress of a job.
 *
 * @param jobId    the job
 * @param stage    {@code resolve}, {@code generate}, {@code constrain}, {@code provenance}, {@code export}, {@code done}
 * @param fraction overall progress, 0..1
 * @param message  for the user
 */
public record JobEvent(String jobId, String stage, double fraction, String message) {
}
