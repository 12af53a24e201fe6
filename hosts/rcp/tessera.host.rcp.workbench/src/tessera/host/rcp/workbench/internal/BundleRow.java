package tessera.host.rcp.workbench.internal;

import java.util.Arrays;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * One installed bundle as the Plugins part lists it.
 *
 * @param id      bundle id
 * @param name    symbolic name
 * @param version bundle version
 * @param state   {@code ACTIVE}, {@code RESOLVED}, {@code INSTALLED} (did not resolve), …
 */
public record BundleRow(long id, String name, String version, String state) {

    public static List<BundleRow> all(BundleContext context) {
        return Arrays.stream(context.getBundles()).map(BundleRow::of).toList();
    }

    static BundleRow of(Bundle b) {
        return new BundleRow(b.getBundleId(), String.valueOf(b.getSymbolicName()), b.getVersion().toString(),
                state(b.getState()));
    }

    static String state(int s) {
        return switch (s) {
            case Bundle.ACTIVE -> "ACTIVE";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.UNINSTALLED -> "UNINSTALLED";
            default -> "state " + s;
        };
    }
}
