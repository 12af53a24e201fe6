package tessera.api.export;

import java.io.IOException;
import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

import tessera.api.pattern.Pattern;
import tessera.api.profile.ProductionProfile;

/**
 * Writes production files. A service with {@code tessera.plugin.id}, {@code tessera.export.formats} and
 * optionally {@code tessera.processes}.
 */
@ConsumerType
public interface Exporter {
    /**
     * @param pattern the (repaired) design
     * @param profile the line, or null for profile-free output
     * @param context folder, name and provenance
     * @return the files written
     */
    List<ExportedFile> export(Pattern pattern, ProductionProfile profile, ExportContext context) throws IOException;
}
