package tessera.pipeline;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** Recent plugin incidents, newest first (a bounded log kept in memory). */
@ProviderType
public interface PluginIncidents {
    List<PluginIncident> recent();
}
