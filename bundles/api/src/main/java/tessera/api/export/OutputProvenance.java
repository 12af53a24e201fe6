package tessera.api.export;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What exported files say about their origin (embedded as XMP where the format allows).
 *
 * @param creatorTool       e.g. {@code Tessera 1.1.0}
 * @param generator         generator plugin id
 * @param generatorVersion  its version
 * @param modelId           model id from the model card, or null
 * @param manifestSha256    training manifest digest from the model card, or null
 * @param digitalSourceType IPTC digital source type, e.g. {@code trainedAlgorithmicMedia} or {@code algorithmicMedia}
 * @param jobId             the job that made it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OutputProvenance(String creatorTool, String generator, String generatorVersion, String modelId,
        String manifestSha256, String digitalSourceType, String jobId) {
}
