package tessera.plugin.qa.internal;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.Version;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.util.tracker.BundleTracker;

import tessera.api.qa.QaInspector;
import tessera.api.qa.QaReport;
import tessera.api.qa.QaRequest;
import tessera.compute.ComputeDevice;

/**
 * The vision-QA service (#10): registration, ΔE2000 colour accuracy, per-screen misregistration and CNN defect
 * detection of a scan against its design. The shipped model is data in this bundle; a model bundle from
 * {@code tessera train qa} (manifest header {@value QaModels#HEADER}) with a newer card version replaces it while it is
 * active, without a restart.
 */
@Component(service = QaInspector.class, property = {"tessera.plugin.id=vision-qa",
    "tessera.model.card=" + VisionQaInspector.CARD})
public final class VisionQaInspector implements QaInspector {
    static final String WEIGHTS = QaModels.MODEL_DIR + DefectTrainer.WEIGHTS;
    static final String CARD = QaModels.MODEL_DIR + DefectTrainer.CARD;
    private static final Logger LOG = Logger.getLogger("tessera.plugin.qa");

    private final QaModels models = new QaModels();
    private final BundleTracker<String> tracker;

    @Activate
    public VisionQaInspector(BundleContext context, @Reference ComputeDevice device) throws IOException {
        Version[] v = new Version[1];
        DefectNet shipped = QaModels.load(VisionQaInspector.class.getClassLoader()::getResourceAsStream, CARD, device, v);
        models.add("shipped", v[0], shipped);
        tracker = new BundleTracker<>(context, Bundle.ACTIVE | Bundle.STARTING, null) {
            @Override
            public String addingBundle(Bundle bundle, BundleEvent event) {
                String card = bundle.getHeaders().get(QaModels.HEADER);
                if (card == null) {
                    return null;
                }
                String source = bundle.getSymbolicName() + "@" + bundle.getBundleId();
                try {
                    Version[] mv = new Version[1];
                    DefectNet net = QaModels.load(p -> {
                        URL u = bundle.getEntry(p);
                        return u == null ? null : u.openStream();
                    }, card, device, mv);
                    models.add(source, mv[0], net);
                    LOG.info(() -> "QA defect model " + source + " " + mv[0] + " loaded");
                    return source;
                } catch (IOException | RuntimeException e) {
                    LOG.log(Level.WARNING, "model bundle " + source + " is not a usable QA model: " + e.getMessage(), e);
                    return null;
                }
            }

            @Override
            public void removedBundle(Bundle bundle, BundleEvent event, String source) {
                models.remove(source);
            }
        };
        tracker.open();
    }

    /** Outside OSGi (bench, tests): a model of one's own. */
    VisionQaInspector(DefectNet net) {
        models.add("given", Version.emptyVersion, net);
        tracker = null;
    }

    @Override
    public QaReport inspect(QaRequest request, Path outDir) throws IOException {
        return inspectWithMaps(request, outDir).report();
    }

    ScanInspection.Outcome inspectWithMaps(QaRequest request, Path outDir) throws IOException {
        try (QaModels.Lease lease = models.acquire()) {
            return ScanInspection.run(request, lease.net(), outDir);
        }
    }

    @Deactivate
    void deactivate() {
        if (tracker != null) {
            tracker.close();
        }
        models.closeAll();
    }
}
