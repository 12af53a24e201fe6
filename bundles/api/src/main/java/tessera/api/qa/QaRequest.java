package tessera.api.qa;

import java.nio.file.Path;

import tessera.api.Check;
import tessera.api.profile.ProductionProfile;
import tessera.api.repeat.RepeatGeometry;

/**
 * A scan to inspect against its digital source. Files, not pixels, so inspectors can stream large scans.
 *
 * @param source  the production file (PNG or TIFF with DPI)
 * @param scan    the scan of the goods (PNG or TIFF with DPI)
 * @param repeat  the source's repeat, so a scan showing several repeats registers
 * @param profile the line's tolerances, or null for defaults
 */
public record QaRequest(Path source, Path scan, RepeatGeometry repeat, ProductionProfile profile) {
    public QaRequest {
        Check.notNull("source", source);
        Check.notNull("scan", scan);
        repeat = repeat == null ? RepeatGeometry.BLOCK : repeat;
    }
}
