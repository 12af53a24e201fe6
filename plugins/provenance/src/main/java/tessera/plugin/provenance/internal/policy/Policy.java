package tessera.plugin.provenance.internal.policy;

import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;

import tessera.api.Check;
import tessera.api.InvalidValueException;

/**
 * A training-data policy (#7), read strictly from JSON: unknown fields are errors that name the field.
 * Example: {@code docs/examples/provenance-policy.json}.
 *
 * @param name           shown in reports
 * @param licences       licence rules by SPDX id
 * @param requiredFields fields every file must carry: {@code licence}, {@code creator}, {@code rights}
 * @param optOuts        {@code deny} (an opted-out file is a violation, the default) or {@code ignore}
 * @param duplicates     duplicate rules
 * @param maxFileBytes   largest file allowed, bytes; larger files are hashed but not parsed and are a violation
 * @param unreadable     {@code deny} (a file that cannot be read is a violation, the default) or {@code allow}
 * @param nameMismatch   {@code deny} or {@code allow} (the default: recorded, not a violation)
 * @param originality    thresholds for the output originality check
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Policy(String name, Licences licences, List<String> requiredFields, String optOuts, Duplicates duplicates,
        Long maxFileBytes, String unreadable, String nameMismatch, Originality originality) {

    static final Set<String> FIELDS = Set.of("licence", "creator", "rights");
    public static final long DEFAULT_MAX_BYTES = 256L << 20;

    public Policy {
        name = name == null ? "default" : Check.text("name", name, 200);
        licences = licences == null ? new Licences(null, null, null) : licences;
        requiredFields = requiredFields == null ? List.of() : List.copyOf(requiredFields);
        for (String f : requiredFields) {
            if (!FIELDS.contains(f)) {
                throw new InvalidValueException("requiredFields", "'" + f + "' is not a field; allowed: " + String.join(", ", FIELDS));
            }
        }
        optOuts = oneOf("optOuts", optOuts, "deny", "deny", "ignore");
        duplicates = duplicates == null ? new Duplicates(null, null, null) : duplicates;
        maxFileBytes = maxFileBytes == null ? DEFAULT_MAX_BYTES : maxFileBytes;
        if (maxFileBytes < 1) {
            throw new InvalidValueException("maxFileBytes", maxFileBytes + " is out of range; must be at least 1");
        }
        unreadable = oneOf("unreadable", unreadable, "deny", "deny", "allow");
        nameMismatch = oneOf("nameMismatch", nameMismatch, "allow", "deny", "allow");
        originality = originality == null ? new Originality(null, null) : originality;
    }

    public static Policy defaults() {
        return new Policy(null, null, null, null, null, null, null, null, null);
    }

    static String oneOf(String field, String value, String dflt, String... allowed) {
        if (value == null) {
            return dflt;
        }
        if (!List.of(allowed).contains(value)) {
            throw new InvalidValueException(field, "'" + value + "' is not allowed; use " + String.join(" or ", allowed));
        }
        return value;
    }

    /**
     * @param allow   SPDX ids allowed; empty = any id not denied
     * @param deny    SPDX ids denied
     * @param unknown what a file with no licence is: {@code deny}, {@code allow} (default {@code deny} when
     *                {@code allow} is not empty, else {@code allow})
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Licences(List<String> allow, List<String> deny, String unknown) {
        public Licences {
            allow = allow == null ? List.of() : List.copyOf(allow);
            deny = deny == null ? List.of() : List.copyOf(deny);
            unknown = oneOf("licences.unknown", unknown, allow.isEmpty() ? "allow" : "deny", "deny", "allow");
        }
    }

    /**
     * @param exact           flag files with the same SHA-256 (default true)
     * @param near            flag images whose perceptual hashes are close (default true)
     * @param nearMaxDistance largest hash distance that counts as near, 0..32 bits (default 4)
     */
    public record Duplicates(Boolean exact, Boolean near, Integer nearMaxDistance) {
        public Duplicates {
            exact = exact == null || exact;
            near = near == null || near;
            nearMaxDistance = Check.range("duplicates.nearMaxDistance", nearMaxDistance == null ? 4 : nearMaxDistance, 0, 32);
        }
    }

    /**
     * @param maxHashDistance      hash distance (bits of 64) at or below which an output copies a training item,
     *                             0..32 (default 8)
     * @param maxEmbeddingDistance embedding cosine distance at or below which it does, 0..1 (default 0.01)
     */
    public record Originality(Integer maxHashDistance, Double maxEmbeddingDistance) {
        public Originality {
            maxHashDistance = Check.range("originality.maxHashDistance", maxHashDistance == null ? 8 : maxHashDistance, 0, 32);
            maxEmbeddingDistance = Check.range("originality.maxEmbeddingDistance",
                    maxEmbeddingDistance == null ? 0.01 : maxEmbeddingDistance, 0, 1);
        }
    }
}
