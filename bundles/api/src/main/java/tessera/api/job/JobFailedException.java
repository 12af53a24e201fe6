package tessera.api.job;

/** A job did not succeed; carries its record (with the reason in {@link JobRecord#error()}). */
public class JobFailedException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient JobRecord record;

    public JobFailedException(JobRecord record) {
        super(record.error());
        this.record = record;
    }

    public JobRecord record() {
        return record;
    }
}
