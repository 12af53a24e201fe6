package tessera.host.headless.internal;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One line of {@code tessera bundles list}.
 *
 * @param id       framework bundle id
 * @param name     symbolic name
 * @param version  bundle version
 * @param state    installed, resolved, starting, active, stopping
 * @param origin   {@code core} (the distribution), {@code hot} (the hot folder) or {@code other}
 * @param plugins  plugin ids of the Tessera services it registers
 * @param problems why it is not working, for the user (empty when healthy)
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
record BundleInfo(long id, String name, String version, String state, String origin, List<String> plugins,
        List<String> problems) {
}
