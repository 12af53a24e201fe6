package tessera.compute.cuda.internal;

import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import tessera.compute.ComputeDevice;
import tessera.compute.cuda.MatmulPrecision;

/**
 * Registers one {@link ComputeDevice} per usable GPU (kind {@code cuda}, ranking 100, so that
 * {@code tessera.compute.device=auto} prefers it). Where the driver is missing or no GPU answers it
 * logs one line and registers nothing: the CPU device serves alone and nothing else notices.
 */
@Component(immediate = true)
public final class CudaRegistration {
    private static final System.Logger LOG = System.getLogger("tessera.compute");
    private final List<ServiceRegistration<ComputeDevice>> registrations = new ArrayList<>();
    private final List<CudaDevice> devices = new ArrayList<>();

    @Activate
    void activate(BundleContext context, Map<String, Object> config) {
        CudaDriver.Status st = CudaDriver.status();
        if (!st.available()) {
            LOG.log(System.Logger.Level.INFO, "CUDA device not registered: {0}; compute runs on the CPU", st.message());
            return;
        }
        Map<String, Object> merged = new HashMap<>();
        for (String key : new String[] {MatmulPrecision.PROPERTY, CudaDevice.CACHE_MIB, CudaDevice.SCRATCH_MIB,
                CudaDevice.SYNC}) {
            String v = context.getProperty(key);
            if (v != null) {
                merged.put(key, v);
            }
        }
        merged.putAll(config);
        for (int i = 0; i < st.devices(); i++) {
            try {
                CudaDevice d = CudaDevice.open(i, merged);
                Dictionary<String, Object> props = new Hashtable<>();
                props.put(Constants.SERVICE_RANKING, 100 - i);
                props.put(ComputeDevice.PROP_KIND, "cuda");
                props.put(ComputeDevice.PROP_CAPABILITIES, d.capabilities().toArray(new String[0]));
                props.put("tessera.compute.device.id", d.id());
                registrations.add(context.registerService(ComputeDevice.class, d, props));
                devices.add(d);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "CUDA device " + i + " not registered: " + e.getMessage());
            }
        }
    }

    @Deactivate
    void deactivate() {
        for (ServiceRegistration<ComputeDevice> r : registrations) {
            try {
                r.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the framework unregisters a stopping bundle's services itself
            }
        }
        registrations.clear();
        for (CudaDevice d : devices) {
            d.close();
        }
        devices.clear();
    }
}
