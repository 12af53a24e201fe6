package tessera.pipeline.internal;

import tessera.api.design.DesignRequest;

/**
 * Picks the tile size when the request leaves it open. A generator that renders at any size (the
 * procedural one) draws the repeat at print resolution, so the production file needs no upsampling and
 * passes a line's resolution check; a model with a native size keeps the default and the resolution
 * check says what upsampling its tile needs.
 */
final class PrintResolution {
    /** Largest side drawn directly; beyond it the export's wrap-aware resampling takes over. */
    static final int MAX_DIRECT_PX = 4096;

    private PrintResolution() {
    }

    static DesignRequest tileSizeFor(DesignRequest request, boolean anySize) {
        if (!anySize || request.tileWidthPx() != null || request.tileHeightPx() != null) {
            return request;
        }
        double dpi = request.dpiOrDefault();
        double w = request.tileWidthCmOrDefault() / 2.54 * dpi;
        double h = (request.tileHeightCm() != null ? request.tileHeightCm() : request.tileWidthCmOrDefault()) / 2.54 * dpi;
        double shrink = Math.min(1, MAX_DIRECT_PX / Math.max(w, h));
        // even sizes, so half drops and half bricks shift by whole pixels
        int wp = Math.max(16, 2 * (int) Math.round(w * shrink / 2));
        int hp = Math.max(16, 2 * (int) Math.round(h * shrink / 2));
        return request.withTileSize(wp, hp);
    }
}
