package tessera.api.job;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A plugin service a job used: role, id, version and bundle, so the record says exactly what made it.
 *
 * @param role    {@code generator}, {@code constraint}, {@code provenance}, {@code exporter}
 * @param id      plugin id
 * @param version plugin version
 * @param bundle  bundle symbolic name
 * @param modelId model id from its card, when model-backed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServiceUse(String role, String id, String version, String bundle, String modelId) {
}
