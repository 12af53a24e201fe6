package tessera.plugin.provenance.internal.manifest;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import tessera.api.json.TesseraJson;
import tessera.api.provenance.ModelCard;

/**
 * SPDX 3.0.1 JSON-LD (#7): the training data as a {@code dataset_DatasetPackage} containing one
 * {@code software_File} per manifest entry (SHA-256, media type, declared licence), and a model as an
 * {@code ai_AIPackage} {@code trainedOn} that dataset. Dataset and AI packages carry exactly one concluded
 * and one declared licence relationship each, as the Dataset and AI profiles require.
 */
public final class SpdxExport {
    public static final String CONTEXT = "https://spdx.org/rdf/3.0.1/spdx-context.jsonld";
    public static final String NO_ASSERTION = "https://spdx.org/rdf/3.0.1/terms/Licensing/NoAssertion";
    private static final String CREATION = "_:creationinfo";

    private final ObjectNode doc = TesseraJson.mapper().createObjectNode();
    private final ArrayNode graph;
    private final String base;
    private final Set<String> elements = new LinkedHashSet<>();
    private int relationships;

    private SpdxExport(String base, String created, String tool) {
        this.base = base;
        doc.put("@context", CONTEXT);
        graph = doc.putArray("@graph");
        ObjectNode ci = graph.addObject();
        ci.put("type", "CreationInfo");
        ci.put("@id", CREATION);
        ci.put("specVersion", "3.0.1");
        ci.put("created", created);
        ci.putArray("createdBy").add(base + "#agent");
        ObjectNode agent = element("SoftwareAgent", base + "#agent", tool);
        agent.put("comment", "Tessera provenance plugin (Apache Tika scan)");
    }

    /** @param manifestSha256 digest of the manifest file the document describes */
    public static ObjectNode dataset(Manifest m, String manifestSha256) {
        String base = "urn:tessera:dataset:" + manifestSha256;
        SpdxExport x = new SpdxExport(base, m.created(), m.tool());
        String ds = base + "#dataset";
        ObjectNode d = x.element("dataset_DatasetPackage", ds, m.dataset());
        d.put("software_primaryPurpose", "data");
        d.putArray("dataset_datasetType").add(datasetType(m.summary().mediaTypes()));
        d.put("dataset_datasetSize", m.summary().bytes());
        d.put("builtTime", m.created());
        d.put("releaseTime", m.created());
        d.putArray("originatedBy").add(base + "#agent");
        d.put("dataset_dataCollectionProcess", "Files provided by the user; scanned with Apache Tika by " + m.tool()
                + "; policy '" + m.policy().name() + "' " + (m.policy().passed() ? "passed" : "failed with "
                + m.policy().violations().size() + " violation(s)"));
        d.put("dataset_intendedUse", "training Tessera pattern generators");
        d.put("dataset_hasSensitivePersonalInformation", "noAssertion");
        x.hash(d, manifestSha256).put("comment", "SHA-256 of the Tessera training manifest (the model-card lineage anchor)");
        List<String> files = new java.util.ArrayList<>();
        Set<String> licences = new TreeSet<>();
        boolean unknown = false;
        int i = 0;
        for (FileEntry f : m.files()) {
            String id = base + "#file-" + (++i);
            ObjectNode e = x.element("software_File", id, f.path());
            e.put("software_fileKind", "file");
            if (f.mediaType() != null) {
                e.put("contentType", f.mediaType());
            }
            if (f.sha256() != null) {
                x.hash(e, f.sha256());
            }
            if (f.rights() != null) {
                e.put("software_copyrightText", f.rights());
            }
            if (f.status() != null && !f.ok()) {
                e.put("comment", f.status() + ": " + f.reason());
            }
            files.add(id);
            if (f.licence() != null) {
                licences.add(f.licence());
                x.relationship(id, "hasDeclaredLicense", x.licence(f.licence()));
            } else {
                unknown = true;
            }
        }
        if (!files.isEmpty()) {
            x.relationship(ds, "contains", files.toArray(String[]::new));
        }
        // the dataset's licence is every file's licence together; one file without a licence makes it unknown
        String concluded = unknown || licences.isEmpty() ? NO_ASSERTION : x.licence(String.join(" AND ", licences));
        x.relationship(ds, "hasConcludedLicense", concluded);
        x.relationship(ds, "hasDeclaredLicense", NO_ASSERTION); // a folder declares nothing of its own
        return x.finish("Training data " + m.dataset(), ds);
    }

    /**
     * @param card              the model's card
     * @param manifestSha256    the training manifest the card names
     * @param dataset           the dataset's name
     */
    public static ObjectNode model(ModelCard card, String manifestSha256, String dataset, String created) {
        String base = "urn:tessera:model:" + card.id() + ":" + card.version();
        SpdxExport x = new SpdxExport(base, created, "tessera.plugin.provenance");
        String ai = base + "#model";
        ObjectNode a = x.element("ai_AIPackage", ai, card.name() == null ? card.id() : card.name());
        a.put("software_packageVersion", card.version() == null ? "unversioned" : card.version());
        a.put("software_primaryPurpose", "model");
        a.put("releaseTime", card.created() == null ? created : card.created());
        a.putArray("suppliedBy").add(base + "#agent");
        a.putArray("ai_typeOfModel").add(card.kind());
        a.putArray("ai_domain").add("textile and surface-pattern design");
        a.put("ai_autonomyType", "no");
        if (card.description() != null) {
            a.put("description", card.description());
        }
        if (card.trainingCommand() != null) {
            a.put("ai_informationAboutTraining", card.trainingCommand());
        }
        ArrayNode hp = a.putArray("ai_hyperparameter");
        card.hyperparameters().forEach((k, v) -> hp.addObject().put("type", "DictionaryEntry").put("key", k).put("value", String.valueOf(v)));
        ArrayNode metric = a.putArray("ai_metric");
        card.metrics().forEach((k, v) -> metric.addObject().put("type", "DictionaryEntry").put("key", k).put("value", String.valueOf(v)));
        for (ModelCard.WeightsFile w : card.weights()) {
            x.hash(a, w.sha256()).put("comment", "weights " + w.path());
        }
        String ds = "urn:tessera:dataset:" + manifestSha256 + "#dataset";
        ObjectNode d = x.element("dataset_DatasetPackage", ds, dataset);
        d.putArray("dataset_datasetType").add("image");
        d.put("software_primaryPurpose", "data");
        x.hash(d, manifestSha256);
        x.relationship(ai, "trainedOn", ds);
        String lic = card.licence() == null ? NO_ASSERTION : x.licence(card.licence());
        x.relationship(ai, "hasDeclaredLicense", lic);
        x.relationship(ai, "hasConcludedLicense", lic);
        return x.finish("Model " + card.id() + " " + card.version(), ai);
    }

    private ObjectNode element(String type, String id, String name) {
        ObjectNode e = graph.addObject();
        e.put("type", type);
        e.put("spdxId", id);
        e.put("creationInfo", CREATION);
        if (name != null) {
            e.put("name", name);
        }
        elements.add(id);
        return e;
    }

    private ObjectNode hash(ObjectNode element, String sha256) {
        ArrayNode v = element.has("verifiedUsing") ? (ArrayNode) element.get("verifiedUsing") : element.putArray("verifiedUsing");
        return v.addObject().put("type", "Hash").put("algorithm", "sha256").put("hashValue", sha256);
    }

    private String licence(String expression) {
        String id = base + "#licence-" + expression.replaceAll("[^A-Za-z0-9.-]+", "_");
        if (!elements.contains(id)) {
            element("simplelicensing_LicenseExpression", id, null).put("simplelicensing_licenseExpression", expression);
        }
        return id;
    }

    private void relationship(String from, String type, String... to) {
        ObjectNode r = element("Relationship", base + "#rel-" + (++relationships), null);
        r.put("from", from);
        r.put("relationshipType", type);
        ArrayNode t = r.putArray("to");
        for (String s : to) {
            t.add(s);
        }
    }

    private ObjectNode finish(String name, String root) {
        ObjectNode d = graph.addObject();
        d.put("type", "SpdxDocument");
        d.put("spdxId", base + "#document");
        d.put("creationInfo", CREATION);
        d.put("name", name);
        d.putArray("profileConformance").add("core").add("software").add("simpleLicensing").add("dataset").add("ai");
        d.put("dataLicense", "https://spdx.org/licenses/CC0-1.0");
        d.putArray("rootElement").add(root);
        ArrayNode all = d.putArray("element");
        elements.forEach(all::add);
        return doc;
    }

    private static String datasetType(Map<String, Integer> mediaTypes) {
        String top = mediaTypes.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("");
        return top.startsWith("image/") ? "image" : top.startsWith("text/") ? "text" : top.startsWith("audio/") ? "audio"
                : top.startsWith("video/") ? "video" : "other";
    }
}
