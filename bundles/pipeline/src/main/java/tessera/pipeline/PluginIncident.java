package tessera.pipeline;

/**
 * A plugin misbehaved during a job (threw, hung past its timeout, returned nonsense). The job that met it
 * failed; the host went on. Hosts show these next to the bundle's state.
 *
 * @param bundleId  the providing bundle
 * @param bundle    its symbolic name
 * @param version   its version
 * @param pluginId  {@code tessera.plugin.id}
 * @param role      {@code generator}, {@code constraint}, {@code provenance}, {@code exporter}
 * @param at        ISO-8601 instant
 * @param message   what happened, for the user
 */
public record PluginIncident(long bundleId, String bundle, String version, String pluginId, String role, String at,
        String message) {
}
