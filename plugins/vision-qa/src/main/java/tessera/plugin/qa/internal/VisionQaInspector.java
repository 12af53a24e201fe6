package tessera.plugin.qa.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import tessera.api.qa.QaInspector;
import tessera.api.qa.QaReport;
import tessera.api.qa.QaRequest;
import tessera.compute.ComputeDevice;

/**
 * The vision-QA service (#10): registration, ΔE2000 colour accuracy, per-screen misregistration and CNN defect
 * detection of a scan against its design. The shipped model is data in this bundle: updating the bundle swaps it.
 */
@Component(service = QaInspector.class, property = {"tessera.plugin.id=vision-qa",
    "tessera.model.card=" + VisionQaInspector.CARD})
public final class VisionQaInspector implements QaInspector {
    static final String WEIGHTS = "model/" + DefectTrainer.WEIGHTS;
    static final String CARD = "model/" + DefectTrainer.CARD;

    private final DefectNet net;

    @Activate
    public VisionQaInspector(@Reference ComputeDevice device) throws IOException {
        this.net = DefectNet.load(device, extract());
    }

    /** Outside OSGi (bench, tests): a model file of one's own. */
    VisionQaInspector(DefectNet net) {
        this.net = net;
    }

    /** Safetensors reads from a file; the weights travel inside the jar, so they are copied out once. */
    private static Path extract() throws IOException {
        try (InputStream in = VisionQaInspector.class.getClassLoader().getResourceAsStream(WEIGHTS)) {
            if (in == null) {
                throw new IOException("the bundle has no " + WEIGHTS + "; rebuild it after 'bench/qa.sh train'");
            }
            Path tmp = Files.createTempFile("tessera-qa-", ".safetensors");
            tmp.toFile().deleteOnExit();
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            return tmp;
        }
    }

    @Override
    public QaReport inspect(QaRequest request, Path outDir) throws IOException {
        return ScanInspection.run(request, net, outDir).report();
    }

    ScanInspection.Outcome inspectWithMaps(QaRequest request, Path outDir) throws IOException {
        return ScanInspection.run(request, net, outDir);
    }

    @Deactivate
    void deactivate() {
        net.close();
    }
}
