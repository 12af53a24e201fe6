package tessera.plugin.provenance.internal.manifest;

import java.util.Map;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import tessera.api.json.TesseraJson;

/**
 * Croissant 1.0 JSON-LD (#7) with the Responsible-AI (RAI 1.0) fields that a scan can state. The record set
 * reads the files' rows out of the manifest itself (JSONPath), so the Croissant file stays small however
 * large the dataset is and cannot disagree with the manifest.
 */
public final class CroissantExport {
    public static final String CONFORMS_TO = "http://mlcommons.org/croissant/1.0";
    private static final String[][] CONTEXT = {
        {"@language", "en"}, {"@vocab", "https://schema.org/"}, {"sc", "https://schema.org/"},
        {"cr", "http://mlcommons.org/croissant/"}, {"rai", "http://mlcommons.org/croissant/RAI/"},
        {"dct", "http://purl.org/dc/terms/"}, {"citeAs", "cr:citeAs"}, {"column", "cr:column"},
        {"conformsTo", "dct:conformsTo"}, {"examples", "cr:examples"}, {"extract", "cr:extract"}, {"field", "cr:field"},
        {"fileProperty", "cr:fileProperty"}, {"fileObject", "cr:fileObject"}, {"fileSet", "cr:fileSet"},
        {"format", "cr:format"}, {"includes", "cr:includes"}, {"isLiveDataset", "cr:isLiveDataset"},
        {"jsonPath", "cr:jsonPath"}, {"key", "cr:key"}, {"md5", "cr:md5"}, {"parentField", "cr:parentField"},
        {"path", "cr:path"}, {"recordSet", "cr:recordSet"}, {"references", "cr:references"}, {"regex", "cr:regex"},
        {"repeated", "cr:repeated"}, {"replace", "cr:replace"}, {"separator", "cr:separator"}, {"source", "cr:source"},
        {"subField", "cr:subField"}, {"transform", "cr:transform"}};
    /** manifest field → Croissant data type */
    private static final String[][] FIELDS = {{"path", "sc:Text"}, {"sha256", "sc:Text"}, {"size", "sc:Integer"},
        {"mediaType", "sc:Text"}, {"width", "sc:Integer"}, {"height", "sc:Integer"}, {"licence", "sc:Text"},
        {"creator", "sc:Text"}, {"rights", "sc:Text"}, {"status", "sc:Text"}};

    private CroissantExport() {
    }

    /**
     * @param manifestFile   the manifest's file name, as the Croissant file beside it refers to it
     * @param manifestSha256 its digest
     */
    public static ObjectNode of(Manifest m, String manifestFile, String manifestSha256) {
        ObjectNode root = TesseraJson.mapper().createObjectNode();
        ObjectNode ctx = root.putObject("@context");
        for (String[] c : CONTEXT) {
            ctx.put(c[0], c[1]);
        }
        ctx.putObject("data").put("@id", "cr:data").put("@type", "@json");
        ctx.putObject("dataType").put("@id", "cr:dataType").put("@type", "@vocab");
        root.put("@type", "sc:Dataset");
        root.put("name", m.dataset());
        root.put("description", "Training data scanned by " + m.tool() + ": " + m.summary().files() + " files, "
                + m.summary().bytes() + " bytes; policy '" + m.policy().name() + "' " + (m.policy().passed() ? "passed" : "failed"));
        root.put("conformsTo", CONFORMS_TO);
        root.put("datePublished", m.created());
        root.put("version", "1.0.0");
        root.put("url", "urn:tessera:dataset:" + manifestSha256);
        ArrayNode lic = root.putArray("license");
        new TreeSet<>(m.summary().licences().keySet()).stream().filter(l -> !l.equals("none"))
                .forEach(l -> lic.add("https://spdx.org/licenses/" + l + ".html"));
        rai(root, m);

        ArrayNode dist = root.putArray("distribution");
        ObjectNode manifest = dist.addObject();
        manifest.put("@type", "cr:FileObject");
        manifest.put("@id", "manifest");
        manifest.put("name", "manifest");
        manifest.put("contentUrl", manifestFile);
        manifest.put("encodingFormat", "application/json");
        manifest.put("sha256", manifestSha256);
        for (String type : new TreeSet<>(m.summary().mediaTypes().keySet())) {
            ObjectNode set = dist.addObject();
            set.put("@type", "cr:FileSet");
            set.put("@id", "files-" + type.replaceAll("[^a-z0-9]+", "-"));
            set.put("name", "files of type " + type);
            set.put("encodingFormat", type);
            set.put("includes", "**/*");
            set.put("description", m.summary().mediaTypes().get(type) + " file(s); each one's path and SHA-256 are in the manifest");
        }

        ObjectNode rs = root.putArray("recordSet").addObject();
        rs.put("@type", "cr:RecordSet");
        rs.put("@id", "files");
        rs.put("name", "files");
        rs.put("description", "One record per training file, as the manifest lists it");
        rs.putObject("key").put("@id", "files/sha256");
        ArrayNode fields = rs.putArray("field");
        for (String[] f : FIELDS) {
            ObjectNode field = fields.addObject();
            field.put("@type", "cr:Field");
            field.put("@id", "files/" + f[0]);
            field.put("name", f[0]);
            field.put("dataType", f[1]);
            ObjectNode src = field.putObject("source");
            src.putObject("fileObject").put("@id", "manifest");
            src.putObject("extract").put("jsonPath", "$.files[*]." + f[0]);
        }
        return root;
    }

    private static void rai(ObjectNode root, Manifest m) {
        Map<String, Integer> lic = m.summary().licences();
        root.put("rai:dataCollection", "Files supplied by the data owner and scanned in place; no web crawling by Tessera.");
        root.put("rai:dataCollectionType", "Manual Human Curated");
        root.put("rai:dataPreprocessingProtocol", "Apache Tika content typing and metadata extraction; SHA-256 and perceptual hashes; "
                + "policy '" + m.policy().name() + "' (licences, required fields, opt-outs, duplicates, size).");
        root.put("rai:dataLimitations", m.summary().unreadable() + " file(s) could not be read; "
                + lic.getOrDefault("none", 0) + " file(s) carry no recognised licence.");
        root.put("rai:dataUseCases", "Training and evaluating tileable textile-pattern generators.");
        root.put("rai:personalSensitiveInformation", "Not assessed by the scan; metadata fields such as creator names are recorded as found.");
        root.put("rai:dataReleaseMaintenancePlan", "Re-scan on every change; models name the manifest's SHA-256 in their model card.");
        root.put("rai:dataSocialImpact", m.policy().violations().isEmpty() ? "No policy violations at scan time."
                : m.policy().violations().size() + " policy violation(s) at scan time; see the manifest.");
    }
}
