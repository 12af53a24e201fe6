package tessera.api.job;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import tessera.api.Check;
import tessera.api.InvalidValueException;
import tessera.api.constraint.ConstraintReport;
import tessera.api.export.ExportedFile;
import tessera.api.provenance.ProvenanceReport;

/**
 * What happened to one candidate.
 *
 * @param index       its position
 * @param seed        its seed
 * @param labels      generator labels
 * @param checks      constraint reports before repair
 * @param repairs     what repairs changed
 * @param afterRepair constraint reports after repair (empty when nothing was repaired)
 * @param provenance  provenance reports
 * @param files       files written
 * @param passed      true when every error-level check passes after repair and provenance passes
 * @param latent      the design's latent code ({@code Candidate.latent()}) as base64 of its float32 values,
 *                    little-endian (4 bytes a value, so 4·⌈n/3⌉·4 characters: ~140 for a GAN code drawn from a
 *                    seed, ~44 k for a blended 256 px GAN tile whose local noise is part of its code), at most
 *                    {@value #MAX_LATENT_CHARS} characters; null for generators without a latent space and for
 *                    designs that came in as files (since 1.2). The GAN takes it back as {@code code:<latent>}
 *                    wherever its options take a seed (docs/gan.md)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CandidateRecord(int index, long seed, Map<String, String> labels, List<ConstraintReport> checks,
        List<String> repairs, List<ConstraintReport> afterRepair, List<ProvenanceReport> provenance,
        List<ExportedFile> files, boolean passed, String latent) {
    /** Bound on {@link #latent()}: 4 MiB of text, a code of 786 432 values (a blended 2048² GAN tile is 524 288). */
    public static final int MAX_LATENT_CHARS = 1 << 22;

    public CandidateRecord {
        decodeLatent(latent); // a record read from JSON must carry a code its generator can take back
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        checks = checks == null ? List.of() : List.copyOf(checks);
        repairs = repairs == null ? List.of() : List.copyOf(repairs);
        afterRepair = afterRepair == null ? List.of() : List.copyOf(afterRepair);
        provenance = provenance == null ? List.of() : List.copyOf(provenance);
        files = files == null ? List.of() : List.copyOf(files);
    }

    /** A record without a latent code (API 1.1). */
    public CandidateRecord(int index, long seed, Map<String, String> labels, List<ConstraintReport> checks,
            List<String> repairs, List<ConstraintReport> afterRepair, List<ProvenanceReport> provenance,
            List<ExportedFile> files, boolean passed) {
        this(index, seed, labels, checks, repairs, afterRepair, provenance, files, passed, null);
    }

    /**
     * @param code a latent code, or null
     * @return base64 of its float32 values, little-endian; null for null
     * @throws InvalidValueException when the code is longer than {@link #MAX_LATENT_CHARS} allows
     */
    public static String encodeLatent(float[] code) {
        if (code == null) {
            return null;
        }
        ByteBuffer b = ByteBuffer.allocate(4 * code.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(code);
        return Check.text("latent", Base64.getEncoder().encodeToString(b.array()), MAX_LATENT_CHARS);
    }

    /**
     * @param latent base64 of float32 values, little-endian, as {@link #encodeLatent} writes it; or null
     * @return the values; null for null
     * @throws InvalidValueException naming what is wrong: too long, not base64, not whole float32 values, not finite
     */
    public static float[] decodeLatent(String latent) {
        if (latent == null) {
            return null;
        }
        Check.text("latent", latent, MAX_LATENT_CHARS);
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(latent.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("latent", "is not base64 (" + e.getMessage() + "); copy the code whole from "
                    + "the job record's candidates[].latent");
        }
        if (bytes.length % 4 != 0 || bytes.length == 0) {
            throw new InvalidValueException("latent", "has " + bytes.length + " bytes, not a whole number of float32 "
                    + "values; copy the code whole from the job record's candidates[].latent");
        }
        float[] v = new float[bytes.length / 4];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
        for (int i = 0; i < v.length; i++) {
            if (!Float.isFinite(v[i])) {
                throw new InvalidValueException("latent", "value " + i + " is " + v[i] + "; a code has finite values only");
            }
        }
        return v;
    }
}
