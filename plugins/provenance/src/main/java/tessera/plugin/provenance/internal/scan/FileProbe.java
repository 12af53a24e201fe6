package tessera.plugin.provenance.internal.scan;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.apache.tika.config.TikaConfig;
import org.apache.tika.detect.Detector;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.TikaException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.mime.MimeTypes;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.sax.WriteOutContentHandler;
import org.xml.sax.SAXException;

/**
 * Types one file with Tika from its content, parses its metadata with Tika's parsers, and reads what
 * Tika does not surface ({@link RawMetadata}, {@link XmlFields}). One instance per scanner component,
 * built from this bundle's own class loader so that Tika finds the parsers embedded here and nothing else.
 */
public final class FileProbe {
    /** Tika metadata names that carry provenance; matched case-insensitively as substrings. */
    private static final String[] PROVENANCE_NAMES = {"copyright", "artist", "author", "creator", "rights", "licen",
        "credit", "source", "by-line", "usage", "owner", "datamining", "data mining", "pdf:docinfo", "dc:", "cc:",
        "plus:", "iptc", "digitalsourcetype", "xmptpg", "producer"};
    static final int HEAD_BYTES = 16 << 20;
    private static final int TEXT_CHARS = 64;

    private final Detector detector;
    private final MimeTypes mimeTypes;
    private final MediaTypeRegistry registry;
    private final Parser parser;
    private final XmlFields xml;
    private final Limits limits;

    public FileProbe(Limits limits) throws IOException {
        try {
            TikaConfig tika = new TikaConfig(FileProbe.class.getClassLoader());
            this.detector = tika.getDetector();
            this.mimeTypes = tika.getMimeRepository();
            this.registry = tika.getMediaTypeRegistry();
            this.parser = new AutoDetectParser(tika);
        } catch (TikaException e) {
            throw new IOException("Tika cannot start: " + e.getMessage(), e);
        }
        this.limits = limits;
        this.xml = new XmlFields(limits.xmlDepth());
    }

    /** @return the media type the content says, from Tika's magic and container detectors */
    public MediaType detect(Path file) throws IOException {
        try (TikaInputStream in = TikaInputStream.get(file)) {
            return detector.detect(in, new Metadata()); // no name on purpose: #7 wants the content's word
        }
    }

    /** @return the media type the name suggests, or null when the name says nothing */
    public MediaType fromName(String name) {
        Metadata m = new Metadata();
        m.set(TikaCoreProperties.RESOURCE_NAME_KEY, name);
        try {
            MediaType t = mimeTypes.detect(null, m);
            return MediaType.OCTET_STREAM.equals(t) ? null : t;
        } catch (IOException e) {
            return null;
        }
    }

    /** @return true when neither type is a specialisation of the other (image/svg+xml named .xml is no mismatch) */
    public boolean mismatch(MediaType content, MediaType name) {
        if (name == null || content.equals(name)) {
            return false;
        }
        MediaType c = registry.normalize(content), n = registry.normalize(name);
        if (MediaType.OCTET_STREAM.equals(c) || MediaType.TEXT_PLAIN.equals(c) && n.getType().equals("text")) {
            return false; // the content said nothing specific: no evidence against the name
        }
        return !(c.equals(n) || registry.isSpecializationOf(c, n) || registry.isSpecializationOf(n, c));
    }

    /**
     * Parses the file's metadata.
     *
     * @param file       the bytes (a real file, or an archive member extracted to a temporary file)
     * @param mediaType  as {@link #detect} said
     * @param fields     provenance fields found are added here
     * @param optOuts    data-mining reservations found are added here
     * @return Tika's metadata
     * @throws UnreadableFileException malformed, encrypted or hostile
     */
    public Metadata parse(Path file, MediaType mediaType, Map<String, String> fields, Map<String, String> optOuts)
            throws UnreadableFileException, IOException {
        Metadata md = new Metadata();
        md.set(Metadata.CONTENT_TYPE, mediaType.toString());
        long size = Files.size(file);
        if (size <= limits.parseBytes()) {
            try (InputStream in = TikaInputStream.get(file)) {
                ParseContext context = new ParseContext();
                // metadata only: parsers emit metadata before the body, so a handler that stops after a few
                // characters of text skips the (slow) text extraction; embedded documents are not recursed
                parser.parse(in, new WriteOutContentHandler(TEXT_CHARS), md, context);
            } catch (EncryptedDocumentException e) {
                throw new UnreadableFileException("encrypted: " + XmlFields.firstLine(e.getMessage()), e);
            } catch (TikaException | SAXException e) {
                if (WriteLimitReachedException.isWriteLimitReached(e)) {
                    return finish(file, size, mediaType, md, fields, optOuts);
                }
                Throwable root = rootCause(e);
                if (root instanceof EncryptedDocumentException || String.valueOf(root.getMessage()).toLowerCase(Locale.ROOT).contains("password")) {
                    throw new UnreadableFileException("encrypted: " + XmlFields.firstLine(root.getMessage()), e);
                }
                throw new UnreadableFileException("malformed " + mediaType + ": " + XmlFields.firstLine(
                        root.getClass().getSimpleName() + ": " + root.getMessage()), e);
            }
        }
        return finish(file, size, mediaType, md, fields, optOuts);
    }

    private Metadata finish(Path file, long size, MediaType mediaType, Metadata md, Map<String, String> fields,
            Map<String, String> optOuts) throws UnreadableFileException, IOException {
        for (String name : md.names()) {
            String lower = name.toLowerCase(Locale.ROOT);
            for (String p : PROVENANCE_NAMES) {
                if (lower.contains(p)) {
                    XmlFields.put(fields, name, String.join("; ", md.getValues(name)));
                    break;
                }
            }
        }
        byte[] head = head(file, size);
        RawMetadata.pngText(head, xml, fields);
        if (isXml(mediaType, head)) {
            // whole XML documents (RDF, XMP sidecars, SVG) are read by the hardened reader: that is where
            // XXE, billion laughs and deep nesting hide
            if (size > head.length) {
                throw new UnreadableFileException("XML larger than " + (HEAD_BYTES >> 20) + " MiB: metadata not read");
            }
            String root = xml.read(new java.io.ByteArrayInputStream(head), fields);
            if (mediaType.getSubtype().contains("svg") && !"svg".equals(root)) {
                throw new UnreadableFileException("content typed as SVG has root element <" + root + ">");
            }
        } else {
            RawMetadata.xmp(head, xml, fields);
        }
        RawMetadata.c2pa(head, optOuts);
        plusDataMining(fields, optOuts);
        return md;
    }

    private static boolean isXml(MediaType t, byte[] head) {
        if (t.getSubtype().endsWith("xml") || t.getSubtype().contains("+xml")) {
            return true;
        }
        int i = 0;
        if (head.length >= 3 && (head[0] & 255) == 0xEF && (head[1] & 255) == 0xBB && (head[2] & 255) == 0xBF) {
            i = 3; // UTF-8 byte order mark
        }
        while (i < head.length && Character.isWhitespace(head[i])) {
            i++;
        }
        return t.getType().equals("text") && i + 5 < head.length && head[i] == '<' && (head[i + 1] == '?' || head[i + 1] == '!'
                || head[i + 1] == 'x');
    }

    /**
     * IPTC PLUS (XMP {@code plus:DataMining}, PLUS LDF 1.0 vocabulary): every {@code DMI-PROHIBITED…} value, and
     * {@code DMI-ALLOWED-non-GenAI-training}, since Tessera trains generative models. {@code DMI-UNSPECIFIED}
     * reserves nothing.
     */
    private static void plusDataMining(Map<String, String> fields, Map<String, String> optOuts) {
        for (var e : new TreeMap<>(fields).entrySet()) {
            if (e.getKey().toLowerCase(Locale.ROOT).endsWith("datamining")) {
                String v = e.getValue();
                String code = v.substring(v.lastIndexOf('/') + 1);
                if (code.startsWith("DMI-PROHIBITED") || code.startsWith("DMI-ALLOWED-non-GenAI")) {
                    optOuts.put("plus:DataMining", code);
                }
            }
        }
    }

    private static byte[] head(Path file, long size) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes((int) Math.min(size, HEAD_BYTES));
        }
    }

    private static Throwable rootCause(Throwable t) {
        Throwable r = t;
        for (int i = 0; i < 16 && r.getCause() != null && r.getCause() != r; i++) {
            r = r.getCause();
        }
        return r;
    }
}
