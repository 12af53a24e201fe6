package tessera.api.provenance;

import java.io.IOException;
import java.nio.file.Path;

import org.osgi.annotation.versioning.ProviderType;

import tessera.api.json.InvalidJsonException;

/**
 * Audits training data and model lineage (#7): what a compliance officer runs before a model is trained
 * and before it ships. Implemented by the provenance plugin; hosts call it from {@code tessera provenance}.
 * Only paths and plain records cross this contract, so a host never sees the scanner's libraries.
 */
@ProviderType
public interface DatasetAuditor {
    /**
     * Scans a folder (and the archives in it), applies the policy and writes the manifest with its SPDX 3.0
     * and Croissant exports. A file that cannot be read (malformed, encrypted, hostile, over a limit) is
     * reported in the manifest with its reason; it never fails the scan.
     *
     * @param request what to scan, the policy and where the manifest goes
     * @return counts, the manifest's digest and every policy violation
     * @throws InvalidJsonException the policy file is not a valid policy; the message names the field
     * @throws IOException          the folder cannot be listed or the manifest cannot be written
     */
    DatasetAudit scan(ScanRequest request) throws InvalidJsonException, IOException;

    /**
     * Checks a model's lineage: the model card's {@code trainingManifestSha256} must be the digest of
     * {@code manifest}, the manifest must record a passed policy, and the weights the card lists must match.
     *
     * @param model    a model bundle (jar), a folder holding a model card, or a model card JSON file
     * @param manifest the training manifest that {@link #scan} wrote
     * @param aiSbom   where to write the model's SPDX 3.0 AI-profile document, or null for none
     * @return {@link Lineage.Status#VERIFIED} or {@link Lineage.Status#FAILED} with the reason
     * @throws IOException a file cannot be read or written
     */
    Lineage verify(Path model, Path manifest, Path aiSbom) throws IOException;
}
