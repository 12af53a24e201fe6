package tessera.compute.cuda.internal;

import jcuda.driver.CUdeviceptr;
import tessera.compute.ComputeDevice;
import tessera.compute.ComputeException;
import tessera.compute.DeviceBuffer;

/** Device memory of one CUDA device; returned to the device's pool when closed. */
final class CudaBuffer implements DeviceBuffer {
    private final CudaDevice device;
    private final long size;
    private final long bytes;
    private volatile CUdeviceptr ptr;

    CudaBuffer(CudaDevice device, CUdeviceptr ptr, long size, long bytes) {
        this.device = device;
        this.ptr = ptr;
        this.size = size;
        this.bytes = bytes;
    }

    CUdeviceptr ptr() {
        CUdeviceptr p = ptr;
        if (p == null) {
            throw new ComputeException("CUDA buffer of " + size + " floats on " + device.id() + " is closed");
        }
        return p;
    }

    @Override
    public ComputeDevice device() {
        return device;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public boolean isClosed() {
        return ptr == null;
    }

    @Override
    public void close() {
        CUdeviceptr p;
        synchronized (this) {
            p = ptr;
            ptr = null;
        }
        if (p != null) {
            device.memory().release(p, bytes);
        }
    }
}
