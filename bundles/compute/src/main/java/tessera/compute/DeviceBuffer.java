package tessera.compute;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A block of float32 memory on one device. Owned by exactly one {@link TensorScope}, which closes
 * it; tensors are views on a buffer. Implemented by devices (host arrays, CUDA device pointers).
 */
@ProviderType
public interface DeviceBuffer extends AutoCloseable {
    /** The device this memory lives on. */
    ComputeDevice device();

    /** Capacity in float32 elements. */
    long size();

    boolean isClosed();

    /** Frees (or pools) the memory; idempotent. Using a tensor on a closed buffer fails. */
    @Override
    void close();
}
