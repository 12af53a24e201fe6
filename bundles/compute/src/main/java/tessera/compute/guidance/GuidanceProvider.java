package tessera.compute.guidance;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A service that knows production lines and makes their penalties. Registered with
 * {@code tessera.plugin.id}; a generator asks every provider and sums the penalties, weighted as it likes.
 */
@ConsumerType
public interface GuidanceProvider {
    /**
     * @return the penalties for the rules of that line this provider can express differentiably; empty
     *         when it does not know the profile id
     */
    List<GuidancePenalty> penalties(GuidanceTarget target);
}
