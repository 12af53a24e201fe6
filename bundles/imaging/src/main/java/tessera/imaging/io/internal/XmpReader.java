package tessera.imaging.io.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

import tessera.imaging.io.XmpPacket;
import tessera.imaging.io.internal.RasterDecoder.FileFormat;

/**
 * Reads back the XMP packet a PNG (iTXt {@code XML:com.adobe.xmp}) or TIFF (tag 700) carries, without decoding
 * its pixels. The file may come from anywhere, so the XML is parsed with no DTD, no external entities and a
 * size cap.
 */
public final class XmpReader {
    /** Larger packets are refused: Tessera's are under 4 KiB, and a padded Adobe packet stays far below this. */
    static final int MAX_PACKET_BYTES = 1 << 20;
    private static final String XMP_NS = "http://ns.adobe.com/xap/1.0/";
    private static final String IPTC_EXT_NS = "http://iptc.org/std/Iptc4xmpExt/2008-02-29/";
    private static final int TAG_XMP = 700;

    private XmpReader() {
    }

    /**
     * @return the packet, or null when the file has none or is not a PNG or TIFF
     * @throws IOException when the file cannot be read or its packet is not well-formed XMP, saying which
     */
    public static XmpPacket read(Path file) throws IOException {
        byte[] bytes = packetBytes(file);
        return bytes == null ? null : parse(bytes, file);
    }

    private static byte[] packetBytes(Path file) throws IOException {
        FileFormat format = FileFormat.sniff(file);
        if (format == FileFormat.TIFF) {
            return ofTiff(file);
        }
        if (format != FileFormat.PNG) {
            return null; // the formats Tessera writes; ImageFiles.read reports any other file itself
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            ImageReader reader = RasterDecoder.readerFor(format, file);
            try {
                reader.setInput(in, true, false);
                return ofPng(reader.getImageMetadata(0));
            } catch (RuntimeException e) {
                throw new IOException("Cannot read XMP from " + file + ": its metadata is damaged (" + e.getMessage() + ")", e);
            } finally {
                reader.dispose();
            }
        }
    }

    private static byte[] ofPng(IIOMetadata meta) {
        NodeList entries = ((IIOMetadataNode) meta.getAsTree("javax_imageio_png_1.0")).getElementsByTagName("iTXtEntry");
        for (int i = 0; i < entries.getLength(); i++) {
            Element e = (Element) entries.item(i);
            if ("XML:com.adobe.xmp".equals(e.getAttribute("keyword"))) {
                // ImageIO has already inflated a compressed iTXt; the text is the packet
                return e.getAttribute("text").getBytes(StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /**
     * Tag 700 of the first IFD, read from the file's directory directly: the JDK's TIFF reader keeps tags of no
     * registered tag set only while decoding the pixels, which a print TIFF of 10⁸ pixels makes too costly here.
     */
    private static byte[] ofTiff(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer head = read(ch, 0, 8, file);
            head.order(head.get(0) == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
            long ifd = Integer.toUnsignedLong(head.getInt(4));
            int entries = read(ch, ifd, 2, file).order(head.order()).getShort(0) & 0xffff;
            ByteBuffer dir = read(ch, ifd + 2, entries * 12, file).order(head.order());
            for (int i = 0; i < entries; i++) {
                int tag = dir.getShort(i * 12) & 0xffff;
                int type = dir.getShort(i * 12 + 2) & 0xffff;
                long count = Integer.toUnsignedLong(dir.getInt(i * 12 + 4));
                if (tag != TAG_XMP) {
                    continue;
                }
                if (type != 1 && type != 7) { // BYTE or UNDEFINED, as XMP part 3 requires
                    throw new IOException("Cannot read XMP from " + file + ": tag 700 has TIFF type " + type
                            + ", not BYTE or UNDEFINED");
                }
                if (count > MAX_PACKET_BYTES) {
                    throw new IOException("Cannot read XMP from " + file + ": its packet has " + count + " bytes; at most "
                            + MAX_PACKET_BYTES + " are read");
                }
                ByteBuffer v = count <= 4 ? dir.slice(i * 12 + 8, (int) count)
                        : read(ch, Integer.toUnsignedLong(dir.getInt(i * 12 + 8)), (int) count, file);
                byte[] b = new byte[(int) count];
                v.get(b);
                return b;
            }
            return null;
        }
    }

    private static ByteBuffer read(FileChannel ch, long at, int n, Path file) throws IOException {
        if (at < 0 || at + n > ch.size()) {
            throw new IOException("Cannot read XMP from " + file + ": its TIFF directory points past the end of the file");
        }
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) {
            if (ch.read(b, at + b.position()) < 0) {
                throw new IOException("Cannot read XMP from " + file + ": the file ends inside its TIFF directory");
            }
        }
        return b.flip();
    }

    /** Parses a packet: the creator tool, the digital source type and every field in Tessera's namespace. */
    public static XmpPacket parse(byte[] packet, Object where) throws IOException {
        if (packet.length > MAX_PACKET_BYTES) {
            throw new IOException("the XMP packet of " + where + " has " + packet.length + " bytes; at most "
                    + MAX_PACKET_BYTES + " are read");
        }
        Document d;
        try {
            d = factory().newDocumentBuilder().parse(new ByteArrayInputStream(packet));
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("the XMP packet of " + where + " is not well-formed XML (" + e.getMessage() + ")", e);
        }
        String tool = text(d, XMP_NS, "CreatorTool");
        String type = text(d, IPTC_EXT_NS, "DigitalSourceType");
        if (type != null && type.startsWith(XmpPacket.SOURCE_TYPES)) {
            type = type.substring(XmpPacket.SOURCE_TYPES.length());
        }
        Map<String, String> fields = new LinkedHashMap<>();
        NodeList all = d.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (XmpPacket.TESSERA_NS.equals(e.getNamespaceURI()) && !hasElementChild(e)) {
                fields.putIfAbsent(e.getLocalName(), e.getTextContent());
            }
            // XMP also allows simple properties as attributes of rdf:Description (exiftool may rewrite them so)
            NamedNodeMap attrs = e.getAttributes();
            for (int a = 0; a < attrs.getLength(); a++) {
                Attr at = (Attr) attrs.item(a);
                if (XmpPacket.TESSERA_NS.equals(at.getNamespaceURI())) {
                    fields.putIfAbsent(at.getLocalName(), at.getValue());
                }
            }
        }
        return new XmpPacket(tool, type, fields);
    }

    private static boolean hasElementChild(Element e) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.ELEMENT_NODE) {
                return true;
            }
        }
        return false;
    }

    private static String text(Document d, String ns, String name) {
        NodeList l = d.getElementsByTagNameNS(ns, name);
        if (l.getLength() > 0) {
            return l.item(0).getTextContent();
        }
        NodeList all = d.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < all.getLength(); i++) {
            String v = ((Element) all.item(i)).getAttributeNS(ns, name);
            if (!v.isEmpty()) {
                return v;
            }
        }
        return null;
    }

    private static DocumentBuilderFactory factory() throws ParserConfigurationException {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        // a file from outside must not make the parser read URLs or expand entity bombs (OWASP XXE)
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        return f;
    }
}
