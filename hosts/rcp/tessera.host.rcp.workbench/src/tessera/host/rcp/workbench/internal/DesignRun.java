package tessera.host.rcp.workbench.internal;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import tessera.api.design.DesignRequest;
import tessera.api.export.ExportedFile;
import tessera.api.job.CandidateRecord;
import tessera.api.job.DesignPipeline;
import tessera.api.job.JobFailedException;
import tessera.api.job.JobListener;
import tessera.api.job.JobOptions;
import tessera.api.job.JobRecord;

/**
 * One design job as the workbench runs it: the same {@link DesignPipeline#run} call, options and output
 * layout as {@code tessera generate}, so the tiles it writes are the headless host's tiles. Runs in the
 * calling thread; the Design part calls it off the UI thread.
 */
public final class DesignRun {
    private DesignRun() {
    }

    /**
     * @param outDir output folder, created by the pipeline
     * @return the record and the tile of each candidate, in candidate order
     * @throws JobFailedException when the job failed or was cancelled; its record says why
     */
    public static DesignResult run(DesignPipeline pipeline, DesignRequest request, Path outDir, JobListener listener)
            throws JobFailedException {
        // no repair here: the designer sees each candidate as generated, with the geometry the request gives it,
        // and repairs it in the Constraints view; the pipeline's repair would change a tile's repeat and size
        // behind the canvas's back
        JobRecord record = pipeline.run(request, new JobOptions(outDir, null, null, false), listener);
        return DesignResult.of(record, outDir);
    }

    /** @return a new job folder for the Design view, {@code ~/tessera-out/studio-<date-time>} */
    static Path newFolder() {
        return Path.of(System.getProperty("user.home"), "tessera-out", "studio-" + now());
    }

    /** @return a new folder beside a job's folder for a job made from it, {@code <job>-<what>-<time>} */
    static Path besides(Path job, String what) {
        return job.toAbsolutePath().resolveSibling(job.getFileName() + "-" + what + "-" + now());
    }

    private static String now() {
        return LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS"));
    }

    /** @return the tile file of each candidate (role {@code tile}), resolved against the job folder */
    static List<Path> tiles(JobRecord record, Path outDir) {
        List<Path> tiles = new ArrayList<>();
        for (CandidateRecord c : record.candidates()) {
            c.files().stream().filter(f -> f.role().equals("tile")).map(ExportedFile::path).findFirst()
                    .map(outDir::resolve).ifPresent(tiles::add);
        }
        return tiles;
    }
}
