package tessera.api.provenance;

import org.osgi.annotation.versioning.ConsumerType;

import tessera.api.pattern.Pattern;

/** Proves what a model was trained on and that an output is not a copy. */
@ConsumerType
public interface ProvenanceChecker {
    /**
     * @param output the generated pattern
     * @param model  the card of the model that made it, or null for non-learned generators
     */
    ProvenanceReport check(Pattern output, ModelCard model);
}
