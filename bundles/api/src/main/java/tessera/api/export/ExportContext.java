package tessera.api.export;

import java.nio.file.Path;

/**
 * Where and under which name an exporter writes.
 *
 * @param outDir     the job's output folder; exporters write inside it only
 * @param baseName   file name stem for this candidate, e.g. {@code design-01}
 * @param provenance origin to embed
 */
public record ExportContext(Path outDir, String baseName, OutputProvenance provenance) {
}
