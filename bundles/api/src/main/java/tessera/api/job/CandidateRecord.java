package tessera.api.job;

import java.util.List;
import java.util.Map;

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
 */
public record CandidateRecord(int index, long seed, Map<String, String> labels, List<ConstraintReport> checks,
        List<String> repairs, List<ConstraintReport> afterRepair, List<ProvenanceReport> provenance,
        List<ExportedFile> files, boolean passed) {
    public CandidateRecord {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        checks = checks == null ? List.of() : List.copyOf(checks);
        repairs = repairs == null ? List.of() : List.copyOf(repairs);
        afterRepair = afterRepair == null ? List.of() : List.copyOf(afterRepair);
        provenance = provenance == null ? List.of() : List.copyOf(provenance);
        files = files == null ? List.of() : List.copyOf(files);
    }
}
