package tessera.imaging.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import tessera.imaging.io.internal.XmpReader;

/**
 * The provenance an exported file carries as XMP (#7): the tool that made it, the IPTC digital
 * source type ({@code trainedAlgorithmicMedia} for a learned model's output, {@code algorithmicMedia}
 * for a procedural one) and Tessera's own fields (generator, model, training-manifest digest, job).
 * PNG keeps the packet in an iTXt chunk ({@code XML:com.adobe.xmp}), TIFF in tag 700, where XMP
 * readers (exiftool, Adobe, ImageIO's metadata trees) find it.
 *
 * @param creatorTool       e.g. {@code Tessera 1.1.0}
 * @param digitalSourceType an IPTC NewsCodes digital source type name, or null
 * @param tessera           further fields in Tessera's namespace ({@value #TESSERA_NS}), in order;
 *                          names are XML local names, null values are left out
 */
public record XmpPacket(String creatorTool, String digitalSourceType, Map<String, String> tessera) {
    /** Tessera's XMP namespace. */
    public static final String TESSERA_NS = "https://tessera.dev/ns/provenance/1.0/";
    /** IPTC's controlled vocabulary for digital source types. */
    public static final String SOURCE_TYPES = "http://cv.iptc.org/newscodes/digitalsourcetype/";

    public XmpPacket {
        Map<String, String> copy = new LinkedHashMap<>();
        if (tessera != null) {
            tessera.forEach((k, v) -> {
                if (!k.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    throw new IllegalArgumentException("XMP field name '" + k + "' is not an XML local name");
                }
                if (v != null) {
                    copy.put(k, v);
                }
            });
        }
        tessera = java.util.Collections.unmodifiableMap(copy);
    }

    /**
     * The packet for a job's output: tool, source type, generator, model, training-manifest digest and
     * job, from what the pipeline hands every exporter.
     *
     * @return the packet, or null for null provenance
     */
    public static XmpPacket of(tessera.api.export.OutputProvenance p) {
        if (p == null) {
            return null;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("generator", p.generator());
        fields.put("generatorVersion", p.generatorVersion());
        fields.put("modelId", p.modelId());
        fields.put("trainingManifestSha256", p.manifestSha256());
        fields.put("jobId", p.jobId());
        // 1.2: the design's own coordinates, so that a later export of this file can name its origin
        fields.put("modelVersion", p.modelVersion());
        fields.put("originJobId", p.originJobId());
        fields.put("candidate", p.candidate() == null ? null : p.candidate().toString());
        fields.put("seed", p.seed() == null ? null : p.seed().toString());
        fields.put("prompt", p.prompt());
        return new XmpPacket(p.creatorTool(), p.digitalSourceType(), fields);
    }

    /**
     * The provenance this packet names, the inverse of {@link #of}: field names are read where they are written.
     * The digital source type comes back as its bare name. {@code originJobId} falls back to {@code jobId} (a file
     * written before 1.2 names only the job that wrote it).
     *
     * @return the provenance; its generator is null when the packet has no Tessera generator (a foreign file)
     * @throws tessera.api.InvalidValueException naming the field when {@code candidate} or {@code seed} is not a
     *     whole number
     * @since 1.3
     */
    public tessera.api.export.OutputProvenance provenance() {
        String source = digitalSourceType;
        if (source != null && source.startsWith(SOURCE_TYPES)) {
            source = source.substring(SOURCE_TYPES.length());
        }
        return new tessera.api.export.OutputProvenance(creatorTool, tessera.get("generator"), tessera.get("generatorVersion"),
                tessera.get("modelId"), tessera.get("trainingManifestSha256"), source, tessera.get("jobId"),
                tessera.get("modelVersion"), tessera.getOrDefault("originJobId", tessera.get("jobId")),
                number("candidate", Integer::valueOf), number("seed", Long::valueOf), tessera.get("prompt"));
    }

    private <T> T number(String field, java.util.function.Function<String, T> parse) {
        String v = tessera.get(field);
        try {
            return v == null ? null : parse.apply(v.strip());
        } catch (NumberFormatException e) {
            throw new tessera.api.InvalidValueException(field, "'" + v + "' is not a whole number");
        }
    }

    /**
     * Reads the packet a PNG (iTXt {@code XML:com.adobe.xmp}) or TIFF (tag 700) carries, whoever wrote it; the
     * pixels are not decoded. The XML is parsed with no DTD and no external entities.
     *
     * @return the packet (its {@code tessera} map empty when the file is not Tessera's), or null when the file
     *         carries no XMP or is not a PNG or TIFF
     * @throws IOException naming the file when it cannot be read or its packet is not well-formed XMP
     * @since 1.2
     */
    public static XmpPacket read(Path file) throws IOException {
        return XmpReader.read(file);
    }

    /** The packet as XMP (RDF/XML in an x:xmpmeta wrapper with the xpacket processing instructions). */
    public String toXml() {
        StringBuilder s = new StringBuilder();
        s.append("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n");
        s.append("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n");
        s.append(" <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n");
        s.append("  <rdf:Description rdf:about=\"\"\n");
        s.append("    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n");
        s.append("    xmlns:Iptc4xmpExt=\"http://iptc.org/std/Iptc4xmpExt/2008-02-29/\"\n");
        s.append("    xmlns:tessera=\"").append(TESSERA_NS).append("\">\n");
        if (creatorTool != null) {
            s.append("   <xmp:CreatorTool>").append(escape(creatorTool)).append("</xmp:CreatorTool>\n");
        }
        if (digitalSourceType != null) {
            s.append("   <Iptc4xmpExt:DigitalSourceType>").append(escape(SOURCE_TYPES + digitalSourceType))
                    .append("</Iptc4xmpExt:DigitalSourceType>\n");
        }
        tessera.forEach((k, v) -> s.append("   <tessera:").append(k).append('>').append(escape(v))
                .append("</tessera:").append(k).append(">\n"));
        s.append("  </rdf:Description>\n </rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"r\"?>");
        return s.toString();
    }

    /** UTF-8 bytes of {@link #toXml()}. */
    public byte[] bytes() {
        return toXml().getBytes(StandardCharsets.UTF_8);
    }

    private static String escape(String v) {
        return v.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
