package tessera.api.job;

import java.util.Set;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import tessera.api.Check;
import tessera.api.InvalidValueException;

/**
 * Where a design that is checked or exported on its own ({@link DesignPipeline#runPattern}) came from: the
 * generator, model and job that made it. The pipeline records it in the job record, embeds it in every
 * exported file's XMP and runs the provenance checks with the model's card, as for a design it generated
 * and exported in one job (#7, #11).
 *
 * @param generator      the generator service that made the design (role {@code generator}, plugin id, version,
 *                       bundle, model id), or null when the origin is unknown (then {@code note} says why)
 * @param modelVersion   the model card's version, or null (procedural generators have no card)
 * @param manifestSha256 the model's training-manifest digest (64 hex digits), or null
 * @param jobId          the job that generated the design, or null
 * @param candidate      the design's index among that job's candidates, 0 to 1023, or null
 * @param seed           the design's own seed, or null
 * @param prompt         the generation request's prompt, at most 2000 characters, or null
 * @param source         who stated the origin: {@value #HOST} (the calling host knew it) or {@value #FILE} (read
 *                       back from the XMP of a file Tessera wrote)
 * @param note           how the origin was established or what is missing from it, for the user; or null
 * @since 1.2
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DesignOrigin(ServiceUse generator, String modelVersion, String manifestSha256, String jobId,
        Integer candidate, Long seed, String prompt, String source, String note) {
    /** The host that runs the job stated the origin. */
    public static final String HOST = "host";
    /** The origin was read from the design file's embedded XMP. */
    public static final String FILE = "file";

    public DesignOrigin {
        Check.rangeOrNull("candidate", candidate, 0, 1023);
        Check.text("prompt", prompt, 2000);
        Check.text("note", note, 4000);
        if (manifestSha256 != null && !manifestSha256.matches("[0-9a-f]{64}")) {
            throw new InvalidValueException("manifestSha256", "'" + manifestSha256 + "' is not a SHA-256; give 64 lower-case hex digits");
        }
        source = source == null ? HOST : source;
        if (!Set.of(HOST, FILE).contains(source)) {
            throw new InvalidValueException("source", "'" + source + "' is not a source; use " + HOST + " or " + FILE);
        }
    }

    /**
     * The origin a host knows for a design it generated.
     *
     * @param generator the generation job's generator service
     * @param modelVersion the model card's version, or null
     * @param manifestSha256 the model's training-manifest digest, or null
     */
    public static DesignOrigin of(ServiceUse generator, String modelVersion, String manifestSha256, String jobId,
            int candidate, long seed, String prompt) {
        return new DesignOrigin(Check.notNull("generator", generator), modelVersion, manifestSha256, jobId, candidate,
                seed, prompt, HOST, null);
    }

    /** An origin that could not be established: no generator, the note says why. */
    public static DesignOrigin unknown(String source, String note) {
        return new DesignOrigin(null, null, null, null, null, null, null, source, note);
    }

    /** @return true when the origin names the generator that made the design */
    @JsonIgnore
    public boolean known() {
        return generator != null;
    }

    /** @return this origin with {@code more} appended to its note */
    public DesignOrigin withNote(String more) {
        String n = note == null || note.isBlank() ? more : note + "; " + more;
        return new DesignOrigin(generator, modelVersion, manifestSha256, jobId, candidate, seed, prompt, source, n);
    }
}
