package tessera.dataset;

import org.osgi.annotation.versioning.ConsumerType;

/** Told how far a data set job has got; called from one thread, in order, with {@code done} rising by one. */
@ConsumerType
@FunctionalInterface
public interface DatasetProgress {
    /** Ignores progress. */
    DatasetProgress NONE = (done, total) -> { };

    /**
     * @param done  tiles finished, 1..total
     * @param total tiles in the job
     */
    void tilesDone(int done, int total);
}
