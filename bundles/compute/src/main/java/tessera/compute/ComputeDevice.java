package tessera.compute;

import java.util.Set;
import org.osgi.annotation.versioning.ProviderType;
import tessera.compute.spi.Kernels;

/**
 * A device that holds tensor memory and runs kernels: the CPU (always registered) or a GPU.
 * Registered as an OSGi service with {@link #PROP_KIND}, {@link #PROP_CAPABILITIES} and
 * {@code service.ranking} (CPU 0, CUDA 100); {@link DeviceSelector} picks one by
 * {@code tessera.compute.device=auto|cpu|cuda}.
 *
 * <p>Models never call {@link #kernels()}: they call the ops in {@code tessera.compute.ops}, which
 * validate shapes, allocate outputs in the current {@link TensorScope}, record autograd and then
 * run the kernels of the device their inputs live on. A device implements memory and kernels only.
 */
@ProviderType
public interface ComputeDevice {
    /** Service property: the device kind, {@code cpu} or {@code cuda}. */
    String PROP_KIND = "tessera.compute.device.kind";
    /** Service property: capability names, see {@link #capabilities()}. */
    String PROP_CAPABILITIES = "tessera.compute.capabilities";

    /** Stable id, unique among registered devices: {@code cpu}, {@code cuda:0}. */
    String id();

    /** {@code cpu} or {@code cuda}. */
    String kind();

    /** One line for logs and job records, e.g. {@code CPU, 2 threads, Vector API GEMM 256-bit}. */
    String description();

    /**
     * What the device can do beyond the float32 contract, e.g. {@code vector-api}, {@code tf32},
     * {@code bf16}, {@code async}. Every device supports {@code float32}.
     */
    Set<String> capabilities();

    /**
     * Allocates uninitialized memory. Callers normally go through {@link TensorScope}, which owns
     * and closes the buffer.
     *
     * @param elements float32 element count, 0 to {@link Shape#MAX_ELEMENTS}
     * @throws ComputeException when the device is out of memory (the message names the sizes)
     */
    DeviceBuffer allocate(long elements);

    /** Copies host floats into a buffer. Offsets and length in elements. */
    void write(float[] src, int srcOffset, DeviceBuffer dst, long dstOffset, int length);

    /** Copies buffer contents to host floats, waiting for pending kernels. Offsets and length in elements. */
    void read(DeviceBuffer src, long srcOffset, float[] dst, int dstOffset, int length);

    /** The device's kernels; see {@link Kernels} for the contract each must honour. */
    Kernels kernels();

    /** Waits until every kernel launched so far has finished (a no-op on synchronous devices). */
    void synchronize();
}
