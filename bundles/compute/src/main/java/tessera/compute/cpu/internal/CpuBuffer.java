package tessera.compute.cpu.internal;

import tessera.compute.ComputeDevice;
import tessera.compute.DeviceBuffer;

/** Host memory: a float array, returned to the device's pool when closed. */
final class CpuBuffer implements DeviceBuffer {
    private final CpuDevice device;
    private final int size;
    private volatile float[] data;

    CpuBuffer(CpuDevice device, float[] data, int size) {
        this.device = device;
        this.data = data;
        this.size = size;
    }

    /** The backing array (may be longer than {@link #size()}); fails once closed. */
    float[] data() {
        float[] d = data;
        if (d == null) {
            throw new tessera.compute.ComputeException("CPU buffer of " + size + " floats is closed");
        }
        return d;
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
        return data == null;
    }

    @Override
    public void close() {
        float[] d;
        synchronized (this) {
            d = data;
            data = null;
        }
        if (d != null) {
            device.pool().release(d);
        }
    }
}
