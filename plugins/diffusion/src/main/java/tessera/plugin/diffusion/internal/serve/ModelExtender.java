package tessera.plugin.diffusion.internal.serve;

import java.io.IOException;
import java.net.URL;
import java.util.Hashtable;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.util.tracker.BundleTracker;

import tessera.api.ServiceProperties;
import tessera.api.generate.Generator;
import tessera.api.generate.GeneratorCapability;
import tessera.api.provenance.ModelCard;
import tessera.compute.DeviceSelector;
import tessera.plugin.diffusion.internal.model.ModelFiles;

/**
 * The diffusion extender (#9), as the GAN's: every active bundle whose manifest names a card in
 * {@code Tessera-Diffusion-Model} (this plugin's shipped model and every jar {@code tessera train diffusion} writes)
 * gets a {@code Generator} registered in that bundle's name with plugin id {@code diffusion}, the model's version and
 * its card; stopping, updating or removing the bundle withdraws it. Model bundles carry no code, so a hot swap
 * replaces data only. The model's tensors are left to the garbage collector rather than closed: a job that began on
 * this model still holds it and finishes on it (DESIGN: hot swap). The card and the presence of both weight files
 * are checked here (a bundle that fails is logged and serves nothing); the weights themselves are read on the
 * model's first job, so engine start-up does not pay for models a run never uses.
 */
@Component(immediate = true)
public final class ModelExtender {
    private static final Logger LOG = Logger.getLogger("tessera.plugin.diffusion");
    private final BundleTracker<ServiceRegistration<Generator>> tracker;

    @Activate
    public ModelExtender(BundleContext context, @Reference DeviceSelector devices) {
        tracker = new BundleTracker<>(context, Bundle.ACTIVE | Bundle.STARTING, null) {
            @Override
            public ServiceRegistration<Generator> addingBundle(Bundle bundle, BundleEvent event) {
                String card = bundle.getHeaders().get(ModelFiles.HEADER);
                return card == null ? null : register(context, bundle, card, devices);
            }

            @Override
            public void removedBundle(Bundle bundle, BundleEvent event, ServiceRegistration<Generator> r) {
                try {
                    r.unregister();
                } catch (IllegalStateException e) {
                    // already gone with its bundle's context
                }
            }
        };
        tracker.open();
    }

    private static ServiceRegistration<Generator> register(BundleContext own, Bundle bundle, String cardPath, DeviceSelector devices) {
        try {
            tessera.compute.io.ModelJar.Entries r = p -> {
                URL u = bundle.getEntry(p);
                return u == null ? null : u.openStream();
            };
            ModelCard card = ModelFiles.card(r, cardPath);
            ModelFiles.spec(card); // refuses a card of another architecture now, in the log, not at the first job
            ModelFiles.requireWeights(r, card);
            String version = modelVersion(card, bundle);
            Hashtable<String, Object> props = new Hashtable<>();
            props.put(ServiceProperties.PLUGIN_ID, "diffusion");
            props.put(ServiceProperties.PLUGIN_VERSION, version);
            props.put(ServiceProperties.MODEL_CARD, cardPath);
            props.put(ServiceProperties.GENERATOR_CAPABILITIES, new String[] {GeneratorCapability.PROMPT,
                GeneratorCapability.TEXT, GeneratorCapability.GUIDANCE, GeneratorCapability.REFINE,
                GeneratorCapability.INPAINT});
            props.put(ServiceProperties.MODEL_ID, card.id());
            BundleContext ctx = bundle.getBundleContext() != null ? bundle.getBundleContext() : own;
            DiffusionGenerator service = new DiffusionGenerator(own, card, () -> ModelFiles.load(r, card, devices.device()), version);
            LOG.info(() -> "diffusion model " + card.id() + " " + version + " from " + bundle.getSymbolicName()
                    + " serves as generator 'diffusion'");
            return ctx.registerService(Generator.class, service, props);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "diffusion model bundle " + bundle.getSymbolicName() + " " + bundle.getVersion()
                    + " cannot serve: " + e.getMessage(), e);
            return null;
        }
    }

    /** The model's own version (the plugin carries the shipped model; a newer trained one must outrank it). */
    static String modelVersion(ModelCard card, Bundle bundle) {
        try {
            return card.version() == null ? bundle.getVersion().toString()
                    : org.osgi.framework.Version.parseVersion(card.version()).toString();
        } catch (IllegalArgumentException e) {
            return bundle.getVersion().toString();
        }
    }

    @Deactivate
    void deactivate() {
        tracker.close();
    }
}
