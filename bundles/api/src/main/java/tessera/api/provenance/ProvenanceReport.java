package tessera.api.provenance;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Originality of one output and lineage of the model that made it.
 *
 * @param checker   plugin id of the checker
 * @param passed    false when the output is too close to a training item or the lineage failed
 * @param nearest   closest training items, closest first
 * @param threshold distance under which an output counts as a copy
 * @param lineage   the model's lineage verdict
 * @param findings  other remarks for the user
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProvenanceReport(String checker, boolean passed, List<NearestItem> nearest, Double threshold,
        Lineage lineage, List<String> findings) {
    public ProvenanceReport {
        nearest = nearest == null ? List.of() : List.copyOf(nearest);
        findings = findings == null ? List.of() : List.copyOf(findings);
    }
}
