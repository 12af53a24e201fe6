package tessera.api.provenance;

import java.nio.file.Path;

import tessera.api.Check;

/**
 * One dataset scan.
 *
 * @param folder   the training folder to walk
 * @param policy   the policy JSON file, or null for the default policy (no licence rules, 256 MiB per file)
 * @param manifest where the manifest JSON goes; the SPDX and Croissant exports are written beside it
 */
public record ScanRequest(Path folder, Path policy, Path manifest) {
    public ScanRequest {
        Check.notNull("folder", folder);
        Check.notNull("manifest", manifest);
    }
}
