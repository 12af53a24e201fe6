package tessera.plugin.provenance.internal.manifest;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import tessera.api.provenance.PolicyViolation;

/**
 * The training manifest (#7): the file whose SHA-256 model cards name. Schema in {@code docs/provenance.md}.
 *
 * @param schema   {@link #SCHEMA}
 * @param tool     bundle and version that wrote it
 * @param created  ISO-8601 instant
 * @param dataset  name of the scanned folder
 * @param policy   the policy applied and its outcome
 * @param summary  counts
 * @param files    every file, sorted by path
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Manifest(String schema, String tool, String created, String dataset, PolicyOutcome policy,
        Summary summary, List<FileEntry> files) {
    public static final String SCHEMA = "https://tessera.dev/schemas/training-manifest/1";

    /**
     * @param name       the policy's name
     * @param sha256     digest of the policy file, or null for the default policy
     * @param passed     no violations
     * @param violations every violation
     * @param originality thresholds the originality check uses for models trained on this data
     */
    public record PolicyOutcome(String name, String sha256, boolean passed, List<PolicyViolation> violations,
            Originality originality) {
    }

    /**
     * @param maxHashDistance      a perceptual-hash distance (bits of 64) at or below which an output is a copy
     * @param maxEmbeddingDistance an embedding cosine distance at or below which an output is a copy
     */
    public record Originality(int maxHashDistance, double maxEmbeddingDistance) {
    }

    /**
     * @param files      files recorded
     * @param bytes      their total size
     * @param unreadable files recorded with a reason instead of metadata
     * @param mediaTypes files per detected media type
     * @param licences   files per licence ({@code none} when absent)
     */
    public record Summary(int files, long bytes, int unreadable, Map<String, Integer> mediaTypes,
            Map<String, Integer> licences) {
    }
}
