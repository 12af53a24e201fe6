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
 * @param jobId             the job that wrote the file
 * @param modelVersion      the model card's version, or null (since 1.2)
 * @param originJobId       the job that generated the design when another job exports it, else null (since 1.2)
 * @param candidate         the design's index among its generation job's candidates, from 0, or null (since 1.2)
 * @param seed              the design's own seed, or null (since 1.2)
 * @param prompt            the generation request's prompt, or null (since 1.2)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OutputProvenance(String creatorTool, String generator, String generatorVersion, String modelId,
        String manifestSha256, String digitalSourceType, String jobId, String modelVersion, String originJobId,
        Integer candidate, Long seed, String prompt) {
    /** Provenance without the design's own coordinates (API 1.1). */
    public OutputProvenance(String creatorTool, String generator, String generatorVersion, String modelId,
            String manifestSha256, String digitalSourceType, String jobId) {
        this(creatorTool, generator, generatorVersion, modelId, manifestSha256, digitalSourceType, jobId, null, null,
                null, null, null);
    }
}
