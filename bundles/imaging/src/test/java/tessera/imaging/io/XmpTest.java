package tessera.imaging.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import tessera.api.image.RgbImage;

/**
 * #7: exported files carry provenance as XMP where an independent reader finds it: the JDK's PNG
 * reader sees the iTXt chunk, its TIFF reader sees tag 700, and the packet parses as RDF with the
 * IPTC digital source type and Tessera's fields. The files still read back as images.
 */
class XmpTest {
    @TempDir
    Path dir;

    private static XmpPacket packet() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("generator", "gan");
        f.put("modelId", "gan-nordic <v2> & co");
        f.put("trainingManifestSha256", "ab".repeat(32));
        f.put("jobId", "job-42");
        f.put("absent", null);
        return new XmpPacket("Tessera 1.1.0", "trainedAlgorithmicMedia", f);
    }

    private static RgbImage tile() {
        float[] planes = new float[3 * 16 * 12];
        for (int i = 0; i < 16 * 12; i++) {
            planes[i] = (i % 16) / 16f;
            planes[16 * 12 + i] = (i / 16) / 12f;
            planes[2 * 16 * 12 + i] = 0.5f;
        }
        return RgbImage.of(16, 12, planes);
    }

    /** Parses the packet and checks it says what it was given, escaping included. */
    private static void assertProvenance(String xml) throws Exception {
        var f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document d = f.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        assertThat(text(d, "http://ns.adobe.com/xap/1.0/", "CreatorTool")).isEqualTo("Tessera 1.1.0");
        assertThat(text(d, "http://iptc.org/std/Iptc4xmpExt/2008-02-29/", "DigitalSourceType"))
                .isEqualTo("http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia");
        assertThat(text(d, XmpPacket.TESSERA_NS, "modelId")).isEqualTo("gan-nordic <v2> & co");
        assertThat(text(d, XmpPacket.TESSERA_NS, "trainingManifestSha256")).isEqualTo("ab".repeat(32));
        assertThat(text(d, XmpPacket.TESSERA_NS, "jobId")).isEqualTo("job-42");
        assertThat(d.getElementsByTagNameNS(XmpPacket.TESSERA_NS, "absent").getLength()).isZero();
    }

    private static String text(Document d, String ns, String name) {
        NodeList l = d.getElementsByTagNameNS(ns, name);
        assertThat(l.getLength()).as(name).isEqualTo(1);
        return l.item(0).getTextContent();
    }

    @Test
    void pngCarriesThePacketInAnITxtChunk() throws Exception {
        Path png = dir.resolve("tile.png");
        ImageFiles.writePng(PixelSource.of(tile()), PngOptions.of(300), packet(), png);
        String xmp = null;
        try (ImageInputStream in = ImageIO.createImageInputStream(png.toFile())) {
            ImageReader r = ImageIO.getImageReadersByFormatName("png").next();
            r.setInput(in);
            IIOMetadataNode root = (IIOMetadataNode) r.getImageMetadata(0).getAsTree("javax_imageio_png_1.0");
            NodeList entries = root.getElementsByTagName("iTXtEntry");
            for (int i = 0; i < entries.getLength(); i++) {
                IIOMetadataNode e = (IIOMetadataNode) entries.item(i);
                if ("XML:com.adobe.xmp".equals(e.getAttribute("keyword"))) {
                    xmp = e.getAttribute("text");
                }
            }
            r.dispose();
        }
        assertThat(xmp).as("iTXt XML:com.adobe.xmp").isNotNull();
        assertProvenance(xmp);
        assertThat(ImageFiles.read(png).dpiX()).isEqualTo(300.0, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void tiffCarriesThePacketInTag700() throws Exception {
        Path tif = dir.resolve("print.tif");
        ImageFiles.writeTiff(PixelSource.of(tile()), TiffOptions.of(300), packet(), tif);
        byte[] xmp = null;
        try (ImageInputStream in = ImageIO.createImageInputStream(tif.toFile())) {
            ImageReader r = ImageIO.getImageReadersByFormatName("tiff").next();
            r.setInput(in);
            // tag 700 is in no tag set the JDK registers: it reads it only when asked for unknown tags
            javax.imageio.plugins.tiff.TIFFImageReadParam unknown = new javax.imageio.plugins.tiff.TIFFImageReadParam();
            unknown.setReadUnknownTags(true);
            r.read(0, unknown);
            Node root = r.getImageMetadata(0).getAsTree("javax_imageio_tiff_image_1.0");
            xmp = field700(root);
            r.dispose();
        }
        assertThat(xmp).as("TIFF tag 700").isNotNull();
        assertProvenance(new String(xmp, StandardCharsets.UTF_8));
        RasterFile back = ImageFiles.read(tif);
        assertThat(back.image().width()).isEqualTo(16);
        assertThat(Files.size(tif)).isPositive();
    }

    /** The bytes of TIFFField number 700 in the JDK's TIFF metadata tree. */
    private static byte[] field700(Node n) {
        if ("TIFFField".equals(n.getNodeName()) && "700".equals(((IIOMetadataNode) n).getAttribute("number"))) {
            NodeList values = ((IIOMetadataNode) n).getElementsByTagName("TIFFByte");
            if (values.getLength() == 0) {
                values = ((IIOMetadataNode) n).getElementsByTagName("TIFFUndefined");
                String v = ((IIOMetadataNode) values.item(0)).getAttribute("value");
                String[] parts = v.split(",");
                byte[] b = new byte[parts.length];
                for (int i = 0; i < parts.length; i++) {
                    b[i] = (byte) Integer.parseInt(parts[i].trim());
                }
                return b;
            }
            byte[] b = new byte[values.getLength()];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) Integer.parseInt(((IIOMetadataNode) values.item(i)).getAttribute("value"));
            }
            return b;
        }
        for (Node c = n.getFirstChild(); c != null; c = c.getNextSibling()) {
            byte[] b = field700(c);
            if (b != null) {
                return b;
            }
        }
        return null;
    }

    @Test
    void xmpPacketReadsBackWhatThePngAndTiffCarry() throws Exception {
        Path png = dir.resolve("tile.png");
        Path tif = dir.resolve("print.tif");
        ImageFiles.writePng(PixelSource.of(tile()), PngOptions.of(300), packet(), png);
        ImageFiles.writeTiff(PixelSource.of(tile()), TiffOptions.of(300), packet(), tif);
        for (Path f : new Path[] {png, tif}) {
            XmpPacket back = XmpPacket.read(f);
            assertThat(back).as(f.toString()).isEqualTo(packet());
        }
        Path bare = dir.resolve("bare.png");
        ImageFiles.writePng(PixelSource.of(tile()), PngOptions.of(300), null, bare);
        assertThat(XmpPacket.read(bare)).as("a file without XMP").isNull();
    }

    @Test
    void provenanceReadsBackWhatOfWroteThroughAFile() throws Exception {
        var p = new tessera.api.export.OutputProvenance("Tessera 1.1.0", "gan", "1.0.0", "gan-motif", "cd".repeat(32),
                "trainedAlgorithmicMedia", "job-7", "1.0.0.20261123", "job-3", 2, -5L, "sage floral, Nordic palette");
        Path png = dir.resolve("origin.png");
        ImageFiles.writePng(PixelSource.of(tile()), PngOptions.of(300), XmpPacket.of(p), png);
        assertThat(XmpPacket.read(png).provenance()).isEqualTo(p);
        var older = new tessera.api.export.OutputProvenance("Tessera 1.0.0", "procedural", "1.0.0", null, null,
                "algorithmicMedia", "job-1");
        assertThat(XmpPacket.of(older).provenance().originJobId()).as("a pre-1.2 file: the job that wrote it").isEqualTo("job-1");
        var bad = new XmpPacket(null, null, Map.of("generator", "gan", "seed", "twelve"));
        assertThatThrownBy(bad::provenance).hasMessageContaining("seed").hasMessageContaining("twelve");
    }

    @Test
    void aHostilePacketIsRefusedWithAReasonNotParsed() throws Exception {
        String entity = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">&e;</x:xmpmeta>";
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> tessera.imaging.io.internal.XmpReader.parse(
                entity.getBytes(StandardCharsets.UTF_8), "hostile.png"))
                .isInstanceOf(java.io.IOException.class).hasMessageContaining("hostile.png").hasMessageContaining("not well-formed");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> tessera.imaging.io.internal.XmpReader.parse(
                "<x:xmpmeta".getBytes(StandardCharsets.UTF_8), "cut.png")).hasMessageContaining("cut.png");
    }

    @Test
    void fieldsWrittenAsAttributesReadLikeElements() throws Exception {
        String xml = "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
                + "<rdf:Description xmlns:tessera=\"" + XmpPacket.TESSERA_NS + "\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\""
                + " tessera:generator=\"gan\" tessera:seed=\"7\" xmp:CreatorTool=\"exiftool\"/></rdf:RDF></x:xmpmeta>";
        XmpPacket p = tessera.imaging.io.internal.XmpReader.parse(xml.getBytes(StandardCharsets.UTF_8), "x");
        assertThat(p.creatorTool()).isEqualTo("exiftool");
        assertThat(p.tessera()).containsEntry("generator", "gan").containsEntry("seed", "7");
    }
}
