package tessera.host.rcp.workbench.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import tessera.api.InvalidValueException;
import tessera.api.design.DesignRequest;
import tessera.api.export.ExportedFile;
import tessera.api.job.CandidateRecord;
import tessera.api.job.DesignPipeline;
import tessera.api.job.JobFailedException;
import tessera.api.job.JobListener;
import tessera.api.job.JobOptions;
import tessera.api.job.JobRecord;
import tessera.api.job.ServiceUse;
import tessera.api.json.TesseraJson;

/**
 * Production files for the current design: {@link DesignPipeline#runPattern} with export on, the call
 * {@code tessera export} makes, so the files are the pipeline's own (tile, print TIFF at the line's DPI,
 * preview) plus those of every installed {@code Exporter} for the profile (separations, CMYK TIFF, WIF,
 * colourways), with {@code job.json}. No repair here: the designer repairs in the Constraints view first,
 * and what is exported is exactly the design on the canvas. A design the studio generated keeps its origin in
 * {@code job.json} (generator, model, request, seed), as a {@code tessera generate} record does.
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
            throws JobFailedException, IOException {
        JobRecord exported = pipeline.runPattern(design.pattern(), design.profile(), true,
                new JobOptions(folder, null, null, false), listener);
        if (design.origin() == null) {
            return exported; // a file: nothing generated it, as with tessera export
        }
        JobRecord named = withOrigin(exported, design.origin(), design.revision());
        write(named, folder);
        return named;
    }

    /**
     * The export's record with the provenance a {@code tessera generate} record has (#11): the generator service
     * that made the design (plugin id, version, bundle, model id) first among the services, the generation
     * request's prompt, generator, preset, seed, variations and options (the geometry stays the exported
     * design's: a repair can change it), and the design's own seed. {@code runPattern} treats the design as a
     * file and records none of it; labels {@code origin.*} name the generation job and design.
     */
    static JobRecord withOrigin(JobRecord exported, Variation origin, int revision) {
        DesignRequest asked = origin.request(), as = exported.request();
        DesignRequest request = new DesignRequest(asked.prompt(), origin.generator() == null ? asked.generator()
                : origin.generator().id(), asked.preset(), asked.seed(), asked.variations(), as.tileWidthPx(),
                as.tileHeightPx(), as.repeat(), as.tileWidthCm(), as.tileHeightCm(), as.dpi(), as.profile(),
                asked.colours(), asked.guidance(), asked.options());
        List<ServiceUse> services = new ArrayList<>();
        if (origin.generator() != null) {
            services.add(origin.generator());
        }
        services.addAll(exported.services());
        List<CandidateRecord> candidates = new ArrayList<>();
        for (CandidateRecord c : exported.candidates()) {
            Map<String, String> labels = new TreeMap<>(origin.labels());
            labels.putAll(c.labels());
            labels.put("origin.job", origin.job().record().jobId());
            labels.put("origin.folder", origin.job().outDir().toAbsolutePath().toString());
            labels.put("origin.design", Integer.toString(origin.index() + 1));
            labels.put("origin.revision", Integer.toString(revision));
            candidates.add(new CandidateRecord(c.index(), origin.seed(), labels, c.checks(), c.repairs(),
                    c.afterRepair(), c.provenance(), c.files(), c.passed()));
        }
        return new JobRecord(exported.jobId(), exported.status(), request, exported.createdAt(), exported.finishedAt(),
                exported.timingsMs(), services, candidates, exported.outDir(), exported.error());
    }

    /** Replaces {@code job.json} in one move, as the pipeline writes it: a reader never sees half a record. */
    private static void write(JobRecord record, Path folder) throws IOException {
        Path tmp = folder.resolve(".job-" + record.jobId() + ".studio.tmp");
        try {
            Files.writeString(tmp, TesseraJson.write(record));
            Files.move(tmp, folder.resolve("job.json"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
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
