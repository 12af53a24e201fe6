package tessera.api.qa;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Pass or fail of a scan, and why. Distances in mm on the goods.
 *
 * @param inspector    plugin id
 * @param passed       verdict under the profile's tolerances
 * @param reasons      why it failed (empty when it passed)
 * @param registration how the scan maps onto the source
 * @param separations  per-colour misregistration for screen prints
 * @param colour       colour accuracy summary
 * @param defects      structural defects found
 * @param artifacts    files written (e.g. {@code overlay} → path)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QaReport(String inspector, boolean passed, List<String> reasons, Registration registration,
        List<SeparationOffset> separations, ColourAccuracy colour, List<Defect> defects, Map<String, String> artifacts) {
    public QaReport {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
        separations = separations == null ? List.of() : List.copyOf(separations);
        defects = defects == null ? List.of() : List.copyOf(defects);
        artifacts = artifacts == null ? Map.of() : Map.copyOf(artifacts);
    }

    /** Scan-to-source transform: translation in mm, rotation in degrees, scale factor, fit residual in px. */
    public record Registration(double dxMm, double dyMm, double rotationDeg, double scale, double residualPx,
            double confidence) {
    }

    /** One colour's offset from the key colour in mm. */
    public record SeparationOffset(String colour, double dxMm, double dyMm) {
    }

    /** ΔE2000 summary, overall and per design colour. */
    public record ColourAccuracy(double meanDe, double p95De, double maxDe, List<ColourEntry> perColour) {
        public ColourAccuracy {
            perColour = perColour == null ? List.of() : List.copyOf(perColour);
        }
    }

    /** One design colour (hex sRGB) and how far its printed rendition is. */
    public record ColourEntry(String colour, double meanDe, double maxDe, boolean passed) {
    }

    /** A defect: kind, score 0..1, box in mm from the scan's top-left. */
    public record Defect(String kind, double score, double xMm, double yMm, double widthMm, double heightMm) {
    }
}
