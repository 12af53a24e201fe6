package tessera.api.constraint;

import java.util.List;

import tessera.api.pattern.Pattern;

/**
 * A repaired pattern and what the repair changed.
 *
 * @param pattern the repaired pattern (the input when nothing changed)
 * @param changes what was done, for the user, e.g. "reduced 23 colours to 6 (mean ΔE2000 1.8)"
 * @param after   the check of the repaired pattern
 */
public record RepairResult(Pattern pattern, List<String> changes, ConstraintReport after) {
    public RepairResult {
        changes = changes == null ? List.of() : List.copyOf(changes);
    }
}
