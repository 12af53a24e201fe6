package tessera.api.provenance;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import tessera.api.Check;

/**
 * What a shipped model is, how it was made and from what. Schema: {@code docs/schemas/model-card.md}.
 *
 * @param id                      model id, e.g. {@code gan-motif-64}
 * @param name                    human-readable name
 * @param version                 model version
 * @param kind                    {@code gan}, {@code diffusion}, {@code qa-defect}, {@code classifier} …
 * @param description             what it does and its limits
 * @param architecture            layers and sizes, free-form
 * @param hyperparameters         training settings, free-form
 * @param trainingManifestSha256  SHA-256 (hex) of the training data manifest: the lineage anchor
 * @param trainingCommand         the exact command that made the weights
 * @param trainingSteps           optimiser steps
 * @param trainingWallSeconds     wall time of training
 * @param metrics                 measured quality figures
 * @param licence                 SPDX licence id of the weights
 * @param creator                 who made it
 * @param created                 ISO-8601 instant
 * @param weights                 the weight files in the bundle
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelCard(
        String id,
        String name,
        String version,
        String kind,
        String description,
        Map<String, Object> architecture,
        Map<String, Object> hyperparameters,
        String trainingManifestSha256,
        String trainingCommand,
        Long trainingSteps,
        Double trainingWallSeconds,
        Map<String, Double> metrics,
        String licence,
        String creator,
        String created,
        List<WeightsFile> weights) {

    public ModelCard {
        Check.notNull("id", Check.id("id", id));
        Check.notNull("kind", kind);
        if (trainingManifestSha256 != null && !trainingManifestSha256.matches("[0-9a-f]{64}")) {
            throw new tessera.api.InvalidValueException("trainingManifestSha256", "must be 64 lower-case hex digits");
        }
        architecture = architecture == null ? Map.of() : Map.copyOf(architecture);
        hyperparameters = hyperparameters == null ? Map.of() : Map.copyOf(hyperparameters);
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
        weights = weights == null ? List.of() : List.copyOf(weights);
    }

    /**
     * @param path   bundle resource path
     * @param sha256 hex digest
     * @param bytes  size
     * @param dtype  {@code F32}, {@code F16} or {@code BF16}
     */
    public record WeightsFile(String path, String sha256, long bytes, String dtype) {
    }
}
