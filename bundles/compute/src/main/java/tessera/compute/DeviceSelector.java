package tessera.compute;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Picks the device that models should run on, among the registered {@link ComputeDevice}s.
 * The choice follows {@code tessera.compute.device} ({@link #PROPERTY}): {@code auto} (default:
 * the highest {@code service.ranking}), {@code cpu}, {@code cuda} or an exact id such as
 * {@code cuda:1}. A request that cannot be met falls back to the CPU and says so in {@link #reason()}.
 */
@ProviderType
public interface DeviceSelector {
    /** Framework, system or configuration property naming the preferred device. */
    String PROPERTY = "tessera.compute.device";

    /** The selected device; never null while the CPU device is registered. */
    ComputeDevice device();

    /** Why that device was chosen, e.g. {@code auto: cuda:0 has the highest ranking (100)}. */
    String reason();
}
