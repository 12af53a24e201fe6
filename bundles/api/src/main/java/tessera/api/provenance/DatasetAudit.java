package tessera.api.provenance;

import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The outcome of one dataset scan.
 *
 * @param manifest       the manifest file written
 * @param manifestSha256 its SHA-256 (hex): what a model card names as {@code trainingManifestSha256}
 * @param spdx           the SPDX 3.0 JSON-LD export (Dataset profile)
 * @param croissant      the Croissant 1.0 JSON-LD export
 * @param files          files recorded, archive members included
 * @param bytes          their total size in bytes
 * @param unreadable     files recorded with a reason instead of metadata (malformed, encrypted, hostile, over a limit)
 * @param seconds        wall time of the scan
 * @param passed         true when the policy found no violation
 * @param violations     every violation, in manifest order
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DatasetAudit(Path manifest, String manifestSha256, Path spdx, Path croissant, int files, long bytes,
        int unreadable, double seconds, boolean passed, List<PolicyViolation> violations) {
    public DatasetAudit {
        violations = violations == null ? List.of() : List.copyOf(violations);
    }
}
