package tessera.plugin.constraints.internal.guidance;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import tessera.api.ServiceProperties;
import tessera.api.profile.ProductionProfile;
import tessera.api.profile.ProfileCatalog;
import tessera.api.repeat.RepeatGeometry;
import tessera.api.repeat.RepeatType;
import tessera.compute.guidance.GuidancePenalty;
import tessera.compute.guidance.GuidanceProvider;
import tessera.compute.guidance.GuidanceTarget;
import tessera.plugin.constraints.internal.ink.InkCoveragePenalty;

/**
 * The differentiable checks of this plugin for a generator (#6): for the profile a target names (looked up
 * in every {@link ProfileCatalog}), {@code seam} always (except mirror repeats), {@code colour.count} where
 * the line has a colour limit, {@code feature.size} where its minimum feature is at least 2 tile pixels at
 * the target's size, and {@code ink.coverage} on inkjet and sublimation lines. The tile's size in pixels is
 * the image's: a penalty built for a 20 cm tile is right for any pixel size of that tile only through
 * {@code feature.size}, which is therefore built per image size (see {@link FeatureSizeAtScale}).
 */
@Component(service = GuidanceProvider.class, property = ServiceProperties.PLUGIN_ID + "=" + GuidancePenalties.ID)
public final class GuidancePenalties implements GuidanceProvider {
    public static final String ID = "constraints-guidance";
    private final List<ProfileCatalog> catalogs = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addCatalog(ProfileCatalog catalog) {
        catalogs.add(catalog);
    }

    void removeCatalog(ProfileCatalog catalog) {
        catalogs.remove(catalog);
    }

    @Override
    public List<GuidancePenalty> penalties(GuidanceTarget target) {
        Optional<ProductionProfile> found = catalogs.stream().map(c -> c.find(target.profileId())).flatMap(Optional::stream).findFirst();
        return found.map(p -> penalties(p, target)).orElse(List.of());
    }

    /** @return the penalties for one line and target, for use outside OSGi as well */
    public static List<GuidancePenalty> penalties(ProductionProfile profile, GuidanceTarget target) {
        List<GuidancePenalty> out = new ArrayList<>();
        RepeatGeometry repeat = RepeatGeometry.parse(target.repeat());
        RepeatType type = repeat.type();
        if (type != RepeatType.MIRROR) {
            out.add(new SeamPenalty(repeat));
        }
        if (profile.maxColours() != null) {
            out.add(new PalettePenalty(profile.maxColours()));
        }
        if (profile.minFeatureMm() > 0) {
            out.add(new FeatureSizeAtScale(profile.minFeatureMm(), target.tileWidthCm(), repeat));
        }
        if (profile.inkjet() != null) {
            out.add(new InkCoveragePenalty(profile));
        }
        return List.copyOf(out);
    }
}
