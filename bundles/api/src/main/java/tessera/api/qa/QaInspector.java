package tessera.api.qa;

import java.io.IOException;
import java.nio.file.Path;

import org.osgi.annotation.versioning.ConsumerType;

/** Compares a scan of printed goods with the digital source. */
@ConsumerType
public interface QaInspector {
    /**
     * @param request source, scan, repeat and profile
     * @param outDir  where to write the overlay and other artefacts
     * @throws IOException when a file cannot be read; the message names the file and what is wrong
     */
    QaReport inspect(QaRequest request, Path outDir) throws IOException;
}
