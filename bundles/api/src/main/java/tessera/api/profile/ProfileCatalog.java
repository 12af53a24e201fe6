package tessera.api.profile;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A source of named production profiles (the constraints plugin ships one; a studio may add its own).
 * The pipeline asks every catalog and takes the first match.
 */
@ConsumerType
public interface ProfileCatalog {
    /** @return every profile this catalog knows, sorted by id */
    List<ProductionProfile> profiles();

    /** @return the profile with this id */
    default Optional<ProductionProfile> find(String id) {
        return profiles().stream().filter(p -> p.id().equals(id)).findFirst();
    }
}
