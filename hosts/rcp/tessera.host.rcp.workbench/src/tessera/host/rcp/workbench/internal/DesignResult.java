package tessera.host.rcp.workbench.internal;

import java.nio.file.Path;
import java.util.List;

import tessera.api.job.JobRecord;

/**
 * A finished job as the workbench shows it.
 *
 * @param record the pipeline's job record
 * @param outDir the job folder
 * @param tiles  each candidate's tile PNG, in candidate order
 */
public record DesignResult(JobRecord record, Path outDir, List<Path> tiles) {
    public DesignResult {
        tiles = List.copyOf(tiles);
    }

    static DesignResult of(JobRecord record, Path outDir) {
        return new DesignResult(record, outDir, DesignRun.tiles(record, outDir));
    }

    /** @return what the canvas needs to show candidate {@code index} at real size */
    public TileView view(int index) {
        var req = record.request();
        return new TileView(tiles.get(index), req.repeatOrDefault(), req.tileWidthCmOrDefault(),
                req.tileHeightCmOrDefault(), "design " + (index + 1) + " of " + tiles.size() + ", seed "
                        + record.candidates().get(index).seed());
    }
}
