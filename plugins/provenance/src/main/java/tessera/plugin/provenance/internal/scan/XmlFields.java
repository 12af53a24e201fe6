package tessera.plugin.provenance.internal.scan;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads provenance properties out of RDF/XMP in XMP packets and SVG metadata, with a reader that never
 * fetches anything (no external DTDs or entities: XXE), caps entity expansion (billion laughs) and nesting.
 * Properties are keyed by their usual prefix whatever prefix the file binds ({@code dc:rights},
 * {@code cc:license}, {@code plus:DataMining}, …); a property's value is its text, or its
 * {@code rdf:resource} when it has no text (Creative Commons licence links are written that way).
 */
public final class XmlFields {
    private static final Map<String, String> PREFIXES = Map.ofEntries(
            Map.entry("http://purl.org/dc/elements/1.1/", "dc"),
            Map.entry("http://creativecommons.org/ns#", "cc"),
            Map.entry("http://web.resource.org/cc/", "cc"),
            Map.entry("http://ns.adobe.com/xap/1.0/rights/", "xmpRights"),
            Map.entry("http://ns.adobe.com/xap/1.0/", "xmp"),
            Map.entry("http://ns.useplus.org/ldf/xmp/1.0/", "plus"),
            Map.entry("http://ns.adobe.com/photoshop/1.0/", "photoshop"),
            Map.entry("http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/", "Iptc4xmpCore"),
            Map.entry("http://iptc.org/std/Iptc4xmpExt/2008-02-29/", "Iptc4xmpExt"),
            Map.entry("http://ns.adobe.com/pdf/1.3/", "pdf"));
    private static final String RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    private static final Pattern EXTERNAL_ENTITY = Pattern.compile("<!ENTITY\\s+(%\\s*)?\\S+\\s+(SYSTEM|PUBLIC)\\b");
    private static final int MAX_VALUE = 4096;
    private static final int MAX_ELEMENTS = 200_000;

    private final int maxDepth;
    private final XMLInputFactory factory;

    public XmlFields(int maxDepth) {
        this.maxDepth = maxDepth;
        this.factory = XMLInputFactory.newFactory();
        // DTDs stay on so that SVGs with internal entities (Illustrator writes them) still parse; nothing
        // external is ever read, and the JDK's entity-expansion limit (lowered here) stops billion laughs
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        factory.setXMLResolver((publicId, systemId, base, ns) -> new ByteArrayInputStream(new byte[0]));
        try {
            factory.setProperty("jdk.xml.entityExpansionLimit", "2000");
        } catch (IllegalArgumentException e) {
            // another StAX implementation: its own defaults apply
        }
    }

    /**
     * @param xml    the document
     * @param fields where found properties go; repeated properties are joined with {@code "; "}
     * @return the root element's local name
     * @throws UnreadableFileException malformed, too deep, too large, or declares an external entity
     */
    public String read(InputStream xml, Map<String, String> fields) throws UnreadableFileException {
        XMLStreamReader r = null;
        try {
            r = factory.createXMLStreamReader(xml);
            Deque<String> open = new ArrayDeque<>(); // property key per open element, "" when not a property
            StringBuilder text = new StringBuilder();
            String root = null;
            int depth = 0, elements = 0;
            while (r.hasNext()) {
                int ev = r.next();
                switch (ev) {
                    case XMLStreamConstants.DTD -> {
                        if (EXTERNAL_ENTITY.matcher(r.getText()).find()) {
                            throw new UnreadableFileException("hostile XML: declares an external entity (XXE); not resolved");
                        }
                    }
                    case XMLStreamConstants.START_ELEMENT -> {
                        if (++depth > maxDepth) {
                            throw new UnreadableFileException("XML nesting depth over " + maxDepth + " elements");
                        }
                        if (++elements > MAX_ELEMENTS) {
                            throw new UnreadableFileException("XML has more than " + MAX_ELEMENTS + " elements");
                        }
                        if (root == null) {
                            root = r.getLocalName();
                        }
                        attributes(r, fields);
                        String key = key(r.getNamespaceURI(), r.getLocalName());
                        boolean inside = open.stream().anyMatch(k -> !k.isEmpty());
                        if (key != null && !inside) {
                            open.push(key);
                            text.setLength(0);
                            String res = r.getAttributeValue(RDF, "resource");
                            if (res != null) {
                                put(fields, key, res);
                            }
                        } else {
                            open.push("");
                        }
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
                        if (open.stream().anyMatch(k -> !k.isEmpty()) && text.length() < MAX_VALUE) {
                            String t = r.getText().strip();
                            if (!t.isEmpty()) {
                                text.append(text.isEmpty() ? "" : "; ").append(t);
                            }
                        }
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        depth--;
                        String key = open.pop();
                        if (!key.isEmpty() && !text.isEmpty()) {
                            put(fields, key, text.toString());
                            text.setLength(0);
                        }
                    }
                    default -> {
                    }
                }
            }
            return root;
        } catch (XMLStreamException e) {
            throw new UnreadableFileException("malformed XML: " + firstLine(e.getMessage()), e);
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException e) {
                    // nothing left to read
                }
            }
        }
    }

    /** XMP writes simple properties as attributes of rdf:Description. */
    private static void attributes(XMLStreamReader r, Map<String, String> fields) {
        for (int i = 0; i < r.getAttributeCount(); i++) {
            String key = key(r.getAttributeNamespace(i), r.getAttributeLocalName(i));
            if (key != null) {
                put(fields, key, r.getAttributeValue(i));
            }
        }
    }

    private static String key(String ns, String local) {
        String prefix = ns == null ? null : PREFIXES.get(ns);
        if (prefix == null) {
            return null;
        }
        // Dublin Core and Creative Commons name classes (cc:Work, cc:Agent) with a capital, properties without;
        // a class is a node, not a property (XMP namespaces capitalise properties, so only these two)
        if ((prefix.equals("cc") || prefix.equals("dc")) && Character.isUpperCase(local.charAt(0))) {
            return null;
        }
        return prefix + ":" + local;
    }

    static void put(Map<String, String> fields, String key, String value) {
        String v = value.strip();
        if (v.isEmpty()) {
            return;
        }
        if (v.length() > MAX_VALUE) {
            v = v.substring(0, MAX_VALUE) + "…";
        }
        String old = fields.get(key);
        if (old == null) {
            fields.put(key, v);
        } else if (!old.equals(v) && !old.contains("; " + v) && old.length() < MAX_VALUE) {
            fields.put(key, old + "; " + v);
        }
    }

    static String firstLine(String s) {
        if (s == null) {
            return "no detail";
        }
        int at = s.indexOf("Message: "); // StAX puts the position first and the reason on a later line
        String text = at >= 0 ? s.substring(at + 9) : s;
        return text.strip().lines().findFirst().orElse(text);
    }
}
