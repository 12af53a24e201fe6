package tessera.pipeline.internal;

import java.util.List;

import tessera.api.design.DesignRequest;
import tessera.api.generate.Candidate;
import tessera.api.job.ServiceUse;
import tessera.pipeline.internal.DesignJob.JobError;

/** Rejects a generator's answer that does not match the request, naming the plugin (#2 containment). */
final class CandidateCheck {
    private CandidateCheck() {
    }

    static void validate(List<Candidate> out, DesignRequest request, ServiceUse gen) throws JobError {
        String who = "generator '" + gen.id() + "' " + gen.version();
        if (out == null || out.isEmpty()) {
            throw new JobError(who + " returned no candidates");
        }
        if (out.size() != request.variationsOrDefault()) {
            throw new JobError(who + " returned " + out.size() + " candidates for " + request.variationsOrDefault() + " requested");
        }
        for (int i = 0; i < out.size(); i++) {
            Candidate c = out.get(i);
            if (c == null || c.tile() == null) {
                throw new JobError(who + " returned an empty candidate at " + i);
            }
            if (c.index() != i) {
                throw new JobError(who + " returned candidate index " + c.index() + " at position " + i);
            }
            if (c.tile().width() != request.tileWidthOrDefault() || c.tile().height() != request.tileHeightOrDefault()) {
                throw new JobError(who + " made a " + c.tile().width() + "×" + c.tile().height() + " tile; "
                        + request.tileWidthOrDefault() + "×" + request.tileHeightOrDefault() + " was requested");
            }
            for (float v : c.tile().planesView()) {
                if (!(v >= 0f && v <= 1f)) {
                    throw new JobError(who + " made pixel values outside [0, 1] (" + v + ") in candidate " + i);
                }
            }
        }
    }
}
