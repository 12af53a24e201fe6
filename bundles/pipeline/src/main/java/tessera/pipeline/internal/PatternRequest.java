package tessera.pipeline.internal;

import tessera.api.design.DesignRequest;
import tessera.api.job.DesignOrigin;
import tessera.api.pattern.Pattern;
import tessera.api.profile.ProductionProfile;

/**
 * The request a check or export job records for a design that came in as a file: its repeat, its
 * physical size and the DPI its production file is written at (the profile's, else the file's own).
 */
final class PatternRequest {
    private PatternRequest() {
    }

    /** @param origin where the design came from, or null: a known origin gives the request its prompt, generator and seed */
    static DesignRequest describe(Pattern pattern, String profileId, DesignOrigin origin, PipelineServices services) {
        double dpi = Math.clamp(Math.round(pattern.dpiX() * 100) / 100.0, 10, 2400);
        if (profileId != null) {
            ProductionProfile p = services.profileNow(profileId);
            if (p != null) {
                dpi = Math.max(p.minDpi(), dpi);
            }
        }
        int w = pattern.tile().width(), h = pattern.tile().height();
        // the request's pixel fields cap at 8192; larger files are described by their physical size alone
        Integer wp = w <= 8192 ? w : null, hp = h <= 8192 ? h : null;
        boolean known = origin != null && origin.known();
        String prompt = known && origin.prompt() != null ? origin.prompt() : "";
        String generator = known ? origin.generator().id() : null;
        long seed = known && origin.seed() != null ? origin.seed() : 0L;
        return new DesignRequest(prompt, generator, null, seed, 1, wp, hp, pattern.repeat(), Math.clamp(pattern.widthCm(), 0.5, 500),
                Math.clamp(pattern.heightCm(), 0.5, 500), dpi, profileId, null, null, null);
    }
}
