package tessera.plugin.gan.internal.serve;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
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
import tessera.plugin.gan.internal.model.ModelFiles;
import tessera.plugin.gan.internal.model.PeriodicGenerator;

/**
 * The GAN extender (#8): every active bundle whose manifest names a model card in {@code Tessera-Gan-Model} (this
 * plugin's shipped model, and every jar {@code tessera train gan} writes) gets a {@code Generator} service
 * registered in that bundle's name, with plugin id {@code gan}, the bundle's version and its card. Updating or
 * removing the model bundle withdraws its service; the pipeline then takes the highest version left. Model bundles
 * carry no code, so a hot swap replaces data only and no class loader leaks.
 */
@Component(immediate = true)
public final class ModelExtender {
    private static final Logger LOG = Logger.getLogger("tessera.plugin.gan");
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
            public void removedBundle(Bundle bundle, BundleEvent event, ServiceRegistration<Generator> reg) {
                try {
                    reg.unregister();
                } catch (IllegalStateException e) {
                    // already gone with its bundle's context
                }
            }
        };
        tracker.open();
    }

    private static ServiceRegistration<Generator> register(BundleContext own, Bundle bundle, String cardPath,
            DeviceSelector devices) {
        try {
            tessera.compute.io.ModelJar.Entries r = p -> {
                URL u = bundle.getEntry(p);
                return u == null ? null : u.openStream();
            };
            ModelCard card = ModelFiles.card(r, cardPath);
            PeriodicGenerator g = ModelFiles.load(r, card, devices.device());
            // the model's own version, not the carrying bundle's: the plugin bundle (1.1.0…) carries the shipped
            // model (1.0.0.<time>), and a newly trained 1.0.0.<later time> must outrank it
            String version = modelVersion(card, bundle);
            Hashtable<String, Object> props = new Hashtable<>();
            props.put(ServiceProperties.PLUGIN_ID, "gan");
            props.put(ServiceProperties.PLUGIN_VERSION, version);
            props.put(ServiceProperties.MODEL_CARD, cardPath);
            // not any-size: the pipeline would then ask for print resolution (up to 4096² px, ~10 GB of activations);
            // an explicit --size of any value works, the default is the request's 256 px
            props.put(ServiceProperties.GENERATOR_CAPABILITIES, new String[] {GeneratorCapability.PROMPT,
                GeneratorCapability.LATENT, GeneratorCapability.GUIDANCE});
            props.put(ServiceProperties.MODEL_ID, card.id());
            Path presets = presetFolder(own).toAbsolutePath();
            // published so a host (the studio's "save as brand preset") writes where this generator reads
            props.put(PRESETS, presets.toString());
            BundleContext ctx = bundle.getBundleContext() != null ? bundle.getBundleContext() : own;
            GanGenerator service = new GanGenerator(own, card, version, g, presets);
            LOG.info(() -> "GAN model " + card.id() + " " + version + " from " + bundle.getSymbolicName() + " serves as generator 'gan'");
            return ctx.registerService(Generator.class, service, props);
        } catch (IOException | RuntimeException e) {
            // a broken model bundle is contained: it serves nothing and the log says why (DESIGN: hot swap)
            LOG.log(Level.WARNING, "GAN model bundle " + bundle.getSymbolicName() + " " + bundle.getVersion()
                    + " cannot serve: " + e.getMessage(), e);
            return null;
        }
    }

    static String modelVersion(ModelCard card, Bundle bundle) {
        try {
            return card.version() == null ? bundle.getVersion().toString()
                    : org.osgi.framework.Version.parseVersion(card.version()).toString();
        } catch (IllegalArgumentException e) {
            return bundle.getVersion().toString();
        }
    }

    /** Framework property that sets the brand-preset folder, and the service property that publishes it. */
    static final String PRESETS = ServiceProperties.BRAND_PRESETS;

    /**
     * Where brand presets live: {@code tessera.gan.presets}, else {@code gan-presets/} in the engine's data folder
     * (the hot folder's parent, as the headless host lays it out), else {@code ~/.tessera/gan-presets}.
     */
    static Path presetFolder(BundleContext context) {
        String p = context.getProperty(PRESETS);
        if (p != null) {
            return Path.of(p);
        }
        String hot = context.getProperty("felix.fileinstall.dir");
        if (hot != null && Path.of(hot).toAbsolutePath().getParent() != null) {
            return Path.of(hot).toAbsolutePath().getParent().resolve("gan-presets");
        }
        return Path.of(System.getProperty("user.home"), ".tessera", "gan-presets");
    }

    @Deactivate
    void deactivate() {
        tracker.close();
    }
}
