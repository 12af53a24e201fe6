package tessera.compute.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import tessera.compute.ComputeDevice;
import tessera.compute.ComputeException;
import tessera.compute.DeviceSelector;

/**
 * Tracks every {@link ComputeDevice} service and selects one by {@code tessera.compute.device}
 * (component configuration, then framework or system property). Logs the choice and its reason
 * whenever it changes (a GPU device arriving or leaving).
 */
@Component(service = DeviceSelector.class)
public final class DefaultDeviceSelector implements DeviceSelector {
    private static final System.Logger LOG = System.getLogger("tessera.compute");

    private final List<DeviceChoice.Candidate> devices = new CopyOnWriteArrayList<>();
    private volatile String preference = "auto";
    private volatile ComputeDevice lastLogged;

    @Activate
    void activate(BundleContext context, Map<String, Object> config) {
        Object p = config.get(PROPERTY);
        if (p == null && context != null) {
            p = context.getProperty(PROPERTY);
        }
        preference = p == null ? "auto" : p.toString();
        device();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addDevice(ComputeDevice device, Map<String, Object> props) {
        Object r = props.get(Constants.SERVICE_RANKING);
        devices.add(new DeviceChoice.Candidate(device, r instanceof Integer i ? i : 0));
    }

    void removeDevice(ComputeDevice device) {
        devices.removeIf(c -> c.device() == device);
    }

    @Override
    public ComputeDevice device() {
        return choice().device();
    }

    @Override
    public String reason() {
        return choice().reason();
    }

    private DeviceChoice.Choice choice() {
        DeviceChoice.Choice c = DeviceChoice.choose(preference, new ArrayList<>(devices))
                .orElseThrow(() -> new ComputeException("no ComputeDevice is registered; is tessera.compute active?"));
        if (c.device() != lastLogged) {
            lastLogged = c.device();
            LOG.log(System.Logger.Level.INFO, "compute device: {0}", c.reason());
        }
        return c;
    }
}
