package tessera.api.provenance;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Whether a model's training lineage checks out.
 *
 * @param status         verdict
 * @param manifestSha256 the manifest the model card names, or null
 * @param message        why, for the user
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Lineage(Status status, String manifestSha256, String message) {
    public enum Status { VERIFIED, UNVERIFIED, FAILED, NOT_APPLICABLE }
}
