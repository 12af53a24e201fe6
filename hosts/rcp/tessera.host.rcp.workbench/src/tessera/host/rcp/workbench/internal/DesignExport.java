package tessera.host.rcp.workbench.internal;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tessera.api.InvalidValueException;
import tessera.api.export.ExportedFile;
import tessera.api.job.DesignOrigin;
import tessera.api.job.DesignPipeline;
import tessera.api.job.JobFailedException;
import tessera.api.job.JobListener;
import tessera.api.job.JobOptions;
import tessera.api.job.JobRecord;

/**
 * Production files for the current design: {@link DesignPipeline#runPattern} with export on, the call
 * {@code tessera export} makes, so the files are the pipeline's own (tile, print TIFF at the line's DPI,
 * preview) plus those of every installed {@code Exporter} for the profile (separations, CMYK TIFF, WIF,
 * colourways), with {@code job.json}. No repair here: the designer repairs in the Constraints view first,
 * and what is exported is exactly the design on the canvas. A design the studio generated goes with its
 * {@link DesignOrigin} (generator, model, job, design, seed, prompt), so the pipeline records it, writes it into
 * every file's XMP and checks provenance with the model's card, as a {@code tessera generate} job does (#11).
 */
final class DesignExport {
    private DesignExport() {
    }

    /**
     * @param folder the output folder, created when missing
     * @return the job record; its one candidate lists every file written
     * @throws JobFailedException when an exporter failed; the record says why
     */
    static JobRecord run(DesignPipeline pipeline, CurrentDesign design, Path folder, JobListener listener)
            throws JobFailedException {
        return pipeline.runPattern(design.pattern(), design.profile(), true, origin(design),
                new JobOptions(folder, null, null, false), listener);
    }

    /** @return where the design came from, or null for a file the studio opened (nothing generated it here) */
    static DesignOrigin origin(CurrentDesign design) {
        Variation v = design.origin();
        if (v == null || v.generator() == null) {
            return null;
        }
        String prompt = v.request().prompt();
        DesignOrigin o = DesignOrigin.of(v.generator(), null, null, v.job().record().jobId(), v.index(), v.seed(),
                prompt == null || prompt.isBlank() ? null : prompt);
        return design.revision() == 0 ? o : o.withNote("repaired " + design.revision() + "× in the studio before export");
    }

    /** @return the files of an export, in the order they were written */
    static List<ExportedFile> files(JobRecord record) {
        return record.candidates().stream().flatMap(c -> c.files().stream()).toList();
    }

    /**
     * Reads colourways as the constraints plugin's configuration writes them, one a line:
     * {@code navy: #1d2a44 #e8dcc4 #b5452f} (ground first).
     *
     * @throws InvalidValueException naming the line that has no name
     */
    static Map<String, String> colourways(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : text.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon < 1) {
                throw new InvalidValueException("colourways", "'" + line.strip() + "' has no name; write it as navy: #1d2a44 #e8dcc4");
            }
            out.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
        }
        return out;
    }
}
