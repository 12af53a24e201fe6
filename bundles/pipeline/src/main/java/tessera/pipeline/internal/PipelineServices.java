package tessera.pipeline.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

import tessera.api.ServiceProperties;
import tessera.api.design.DesignRequest;
import tessera.api.generate.Generator;
import tessera.api.job.DesignOrigin;
import tessera.api.job.ServiceUse;
import tessera.api.json.InvalidJsonException;
import tessera.api.json.TesseraJson;
import tessera.api.profile.ProductionProfile;
import tessera.api.profile.ProfileCatalog;
import tessera.api.provenance.ModelCard;
import tessera.pipeline.internal.DesignJob.JobError;

/** The pipeline's view of the service registry: resolution, holding and bounded plugin calls. */
final class PipelineServices {
    private final BundleContext context;
    private final ServiceBroker broker;
    private final PluginCalls calls;

    PipelineServices(BundleContext context, PluginCalls calls) {
        this.context = context;
        this.broker = new ServiceBroker(context);
        this.calls = calls;
    }

    PluginCalls calls() {
        return calls;
    }

    /**
     * Strict mode (framework property {@value #STRICT} = true): a learned model whose lineage no
     * provenance checker verifies is refused (#7), and its outputs are never exported.
     */
    static final String STRICT = "tessera.strict";

    /**
     * Framework property naming the generator plugin that serves requests naming none; unset, the
     * generator registered with the highest {@code service.ranking} serves (the procedural generator ranks
     * itself first: it makes any size at print resolution in seconds and needs no model).
     */
    static final String DEFAULT_GENERATOR = "tessera.generator.default";

    boolean strict() {
        return Boolean.parseBoolean(context.getProperty(STRICT));
    }

    String engineVersion() {
        Bundle b = context.getBundle();
        return b.getVersion().getMajor() + "." + b.getVersion().getMinor() + "." + b.getVersion().getMicro();
    }

    /**
     * Takes the generator the request names (waiting for it), or the best one present, for the whole job.
     * A service that vanishes between lookup and use (a hot swap) is looked up again.
     */
    HeldService<Generator> holdGenerator(DesignRequest request, Duration wait) throws JobError, InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            ServiceReference<Generator> ref = generator(request, left);
            HeldService<Generator> held = HeldService.take(context, ref, "generator", modelCard(ref));
            if (held != null) {
                return held;
            }
            Thread.sleep(20); // a service being unregistered by a hot swap also answers null: give it time to go
            if (ref.getBundle() != null) {
                throw new JobError("generator '" + HeldService.pluginId(ref) + "' " + HeldService.pluginVersion(ref)
                        + " (bundle " + ref.getBundle().getSymbolicName() + ") is installed but failed to start;"
                        + " 'tessera bundles list' shows why");
            }
        }
    }

    /**
     * The generator the request names, else the one {@value #DEFAULT_GENERATOR} names (both waited for,
     * as a hot swap may be under way), else the highest-ranked one present.
     */
    private ServiceReference<Generator> generator(DesignRequest request, Duration wait) throws JobError, InterruptedException {
        String configured = context.getProperty(DEFAULT_GENERATOR);
        String id = request.generator() != null ? request.generator()
                : configured == null || configured.isBlank() ? null : configured.strip();
        Optional<ServiceReference<Generator>> ref = id == null
                ? broker.awaitDefault(Generator.class, wait)
                : broker.await(Generator.class, id, wait);
        if (ref.isPresent()) {
            return ref.get();
        }
        List<String> present = broker.ids(Generator.class);
        if (id == null) {
            throw new JobError("no generator is installed; install a generator plugin (e.g. tessera-dataset for 'procedural')");
        }
        String why = request.generator() != null ? "" : " (named by " + DEFAULT_GENERATOR + "; name another with --generator,"
                + " or change that property)";
        throw new JobError("generator '" + id + "'" + why + " is not available (waited " + (wait.toMillis() + 999) / 1000
                + " s); installed generators: " + (present.isEmpty() ? "none" : String.join(", ", present)));
    }

    /** The named profile from any catalog, waiting for catalogs that are being updated; null when none named. */
    ProductionProfile profile(String id, Duration wait) throws JobError, InterruptedException {
        if (id == null) {
            return null;
        }
        long deadline = System.nanoTime() + wait.toNanos();
        List<String> known = new ArrayList<>();
        do {
            known.clear();
            for (ServiceReference<ProfileCatalog> ref : broker.all(ProfileCatalog.class, null)) {
                try (HeldService<ProfileCatalog> cat = HeldService.take(context, ref, "catalog", null)) {
                    if (cat == null) {
                        continue;
                    }
                    Optional<ProductionProfile> p = cat.service().find(id);
                    if (p.isPresent()) {
                        return p.get();
                    }
                    cat.service().profiles().forEach(x -> known.add(x.id()));
                } catch (RuntimeException e) {
                    // a broken catalog must not hide the others; its bundle shows in 'bundles list'
                }
            }
            if (!known.isEmpty()) {
                break; // catalogs are present and none has it: waiting will not help
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        throw new JobError("unknown production profile '" + id + "'; "
                + (known.isEmpty() ? "no profile catalog is installed (the constraints plugin ships one)"
                        : "known profiles: " + String.join(", ", known.stream().sorted().toList())));
    }

    /** The named profile if a catalog has it now (no waiting), else null. */
    ProductionProfile profileNow(String id) {
        for (ServiceReference<ProfileCatalog> ref : broker.all(ProfileCatalog.class, null)) {
            try (HeldService<ProfileCatalog> cat = HeldService.take(context, ref, "catalog", null)) {
                if (cat != null) {
                    Optional<ProductionProfile> p = cat.service().find(id);
                    if (p.isPresent()) {
                        return p.get();
                    }
                }
            } catch (RuntimeException e) {
                // a broken catalog is reported by the job's own profile lookup
            }
        }
        return null;
    }

    /** The model card a model-backed service names, read from its bundle; null when it names none or it is unreadable. */
    ModelCard modelCard(ServiceReference<?> ref) {
        Object path = ref.getProperty(ServiceProperties.MODEL_CARD);
        Bundle b = ref.getBundle();
        if (path == null || b == null) {
            return null;
        }
        URL url = b.getEntry(path.toString());
        if (url == null) {
            return null;
        }
        try (InputStream in = url.openStream()) {
            return TesseraJson.read(in, ModelCard.class);
        } catch (IOException | InvalidJsonException | IllegalStateException e) {
            return null;
        }
    }

    /**
     * The card of the model an origin names, from the installed generators with its plugin id whose card has its
     * model id (and, where the origin says, the same version and training manifest): what the provenance
     * checks of a generated job get. Null when the origin names no model or no installed card matches; then
     * {@code why} receives the reason for the record.
     */
    ModelCard originCard(DesignOrigin origin, java.util.function.Consumer<String> why) {
        String modelId = origin.generator().modelId();
        if (modelId == null) {
            return null;
        }
        List<String> seen = new ArrayList<>();
        for (ServiceReference<Generator> ref : broker.all(Generator.class, origin.generator().id())) {
            ModelCard card = modelCard(ref);
            if (card == null || !modelId.equals(card.id())) {
                continue;
            }
            boolean sameVersion = origin.modelVersion() == null || origin.modelVersion().equals(card.version());
            boolean sameData = origin.manifestSha256() == null || origin.manifestSha256().equals(card.trainingManifestSha256());
            if (sameVersion && sameData) {
                return card;
            }
            seen.add(card.version() + " (manifest " + shortSha(card.trainingManifestSha256()) + ")");
        }
        why.accept("model '" + modelId + "'" + (origin.modelVersion() == null ? "" : " " + origin.modelVersion())
                + (origin.manifestSha256() == null ? "" : " (manifest " + shortSha(origin.manifestSha256()) + ")")
                + (seen.isEmpty() ? " is not installed" : " is not installed; installed: " + String.join(", ", seen))
                + ", so provenance was checked without its card");
        return null;
    }

    private static String shortSha(String sha) {
        return sha == null ? "none" : sha.substring(0, Math.min(12, sha.length()));
    }

    /** Holds every service of a type present now (optional stages do not wait). */
    <T> HeldServices<T> holdAll(Class<T> type, String role, List<ServiceUse> used) {
        List<HeldService<T>> held = new ArrayList<>();
        for (ServiceReference<T> ref : broker.all(type, null)) {
            if (!latestOfItsPlugin(type, ref)) {
                continue; // side-by-side deployment: only the newest version of a plugin serves
            }
            HeldService<T> h = HeldService.take(context, ref, role, null);
            if (h != null) {
                held.add(h);
                used.add(h.use());
            }
        }
        return new HeldServices<>(held);
    }

    private <T> boolean latestOfItsPlugin(Class<T> type, ServiceReference<T> ref) {
        return broker.best(type, HeldService.pluginId(ref)).map(ref::equals).orElse(true);
    }
}
