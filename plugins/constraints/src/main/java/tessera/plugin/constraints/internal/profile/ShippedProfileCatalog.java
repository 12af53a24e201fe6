package tessera.plugin.constraints.internal.profile;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import tessera.api.ServiceProperties;
import tessera.api.json.InvalidJsonException;
import tessera.api.profile.ProductionProfile;
import tessera.api.profile.ProfileCatalog;

/**
 * The production profiles this bundle ships. They are read once on activation: a bad file fails the
 * activation with the file and field named, and the host reports this bundle as failed (#2 containment)
 * rather than serving a partial set.
 */
@Component(service = ProfileCatalog.class, property = ServiceProperties.PLUGIN_ID + "=profiles")
public final class ShippedProfileCatalog implements ProfileCatalog {
    private final List<ProductionProfile> profiles;
    private final Map<String, ProductionProfile> byId = new LinkedHashMap<>();

    @Activate
    public ShippedProfileCatalog() throws IOException, InvalidJsonException {
        this(ShippedProfiles.load());
    }

    /** @param profiles sorted by id, ids unique */
    ShippedProfileCatalog(List<ProductionProfile> profiles) {
        this.profiles = List.copyOf(profiles);
        profiles.forEach(p -> byId.put(p.id(), p));
    }

    @Override
    public List<ProductionProfile> profiles() {
        return profiles;
    }

    @Override
    public Optional<ProductionProfile> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }
}
