package tessera.plugin.provenance.internal.scan;

import java.util.List;
import java.util.Map;

/**
 * The manifest's headline fields from the many names formats use for them. Order matters: the most
 * specific statement wins (an XMP licence link over a free-text rights line).
 */
final class ProvenanceFields {
    private static final List<String> LICENCE = List.of("cc:license", "xmpRights:WebStatement", "png:License", "png:Licence",
        "pdf:docinfo:custom:License", "xmpRights:UsageTerms", "dc:rights", "png:Copyright", "Exif IFD0:Copyright");
    private static final List<String> CREATOR = List.of("dc:creator", "Exif IFD0:Artist", "IPTC:By-line", "png:Author",
        "meta:author", "Author", "Artist", "photoshop:Credit", "IPTC:Credit");
    private static final List<String> RIGHTS = List.of("dc:rights", "xmpRights:UsageTerms", "Exif IFD0:Copyright",
        "IPTC:Copyright Notice", "png:Copyright", "Copyright", "photoshop:Copyright");

    private ProvenanceFields() {
    }

    static String licence(Map<String, String> f) {
        for (String k : LICENCE) {
            String id = SpdxLicences.normalise(f.get(k));
            if (id != null) {
                return id;
            }
        }
        return null;
    }

    static String creator(Map<String, String> f) {
        return first(f, CREATOR);
    }

    static String rights(Map<String, String> f) {
        return first(f, RIGHTS);
    }

    private static String first(Map<String, String> f, List<String> keys) {
        for (String k : keys) {
            String v = f.get(k);
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
