package tessera.api.generate;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

import tessera.api.profile.ProductionProfile;
import tessera.api.repeat.RepeatGeometry;

/** What the pipeline gives a generator for one job: resolved settings, progress and cancellation. */
@ProviderType
public interface GenerationContext {
    /** @return the job's seed; candidate i should use a seed derived from it deterministically */
    long seed();

    /** @return the repeat the tiles will be laid out in */
    RepeatGeometry repeat();

    /** @return the production profile the job targets, when one was named */
    Optional<ProductionProfile> profile();

    /**
     * Reports progress.
     *
     * @param fraction of the generator's work done, 0..1
     * @param message  short human-readable status
     */
    void progress(double fraction, String message);

    /** @return true once the job was cancelled; generators should stop at the next safe point */
    boolean cancelled();
}
