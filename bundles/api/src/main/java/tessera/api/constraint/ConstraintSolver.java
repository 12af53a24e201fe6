package tessera.api.constraint;

import org.osgi.annotation.versioning.ConsumerType;

import tessera.api.pattern.Pattern;
import tessera.api.profile.ProductionProfile;

/**
 * Checks (and where it can, repairs) one family of production rules. A service with
 * {@code tessera.plugin.id} and {@code tessera.constraint.rules}.
 */
@ConsumerType
public interface ConstraintSolver {
    /**
     * @param pattern the design
     * @param profile the line to check against, or null for profile-free checks (seam)
     */
    ConstraintReport check(Pattern pattern, ProductionProfile profile);

    /** Repairs what it can; the default repairs nothing and reports the check. */
    default RepairResult repair(Pattern pattern, ProductionProfile profile) {
        return new RepairResult(pattern, java.util.List.of(), check(pattern, profile));
    }
}
