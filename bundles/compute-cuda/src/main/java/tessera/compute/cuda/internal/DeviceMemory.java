package tessera.compute.cuda.internal;

import static jcuda.driver.JCudaDriver.cuMemAlloc;
import static jcuda.driver.JCudaDriver.cuMemFree;
import static jcuda.driver.JCudaDriver.cuMemGetInfo;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUresult;
import tessera.compute.ComputeException;

/**
 * A caching allocator: cuMemAlloc and cuMemFree synchronise the device, so freed blocks are kept
 * by size class and handed out again. All kernels run on one stream, so a block released while a
 * kernel still reads it is only reused by work queued after that kernel.
 */
final class DeviceMemory {
    private final String deviceId;
    private final long cacheLimit;
    private final Map<Long, ArrayDeque<CUdeviceptr>> free = new HashMap<>();
    private long cached;
    private long inUse;

    DeviceMemory(String deviceId, long cacheLimit) {
        this.deviceId = deviceId;
        this.cacheLimit = cacheLimit;
    }

    /** Bytes a request of {@code bytes} occupies: powers of two up to 64 MiB, then 2 MiB steps. */
    static long sizeClass(long bytes) {
        long b = Math.max(bytes, 256);
        if (b <= (64L << 20)) {
            return Long.highestOneBit(b - 1) << 1;
        }
        long step = 2L << 20;
        return (b + step - 1) / step * step;
    }

    synchronized CUdeviceptr acquire(long bytes) {
        ArrayDeque<CUdeviceptr> q = free.get(bytes);
        if (q != null && !q.isEmpty()) {
            cached -= bytes;
            inUse += bytes;
            return q.pop();
        }
        CUdeviceptr p = new CUdeviceptr();
        int r = cuMemAlloc(p, bytes);
        if (r == CUresult.CUDA_ERROR_OUT_OF_MEMORY) {
            trim(0);
            r = cuMemAlloc(p, bytes);
        }
        if (r == CUresult.CUDA_ERROR_OUT_OF_MEMORY) {
            long[] f = new long[1];
            long[] t = new long[1];
            cuMemGetInfo(f, t);
            throw new ComputeException(String.format("out of GPU memory on %s allocating %.1f MiB: %.1f MiB free of "
                    + "%.1f MiB, %.1f MiB held by live tensors; use smaller batches or tiles", deviceId, bytes / 1048576.0,
                    f[0] / 1048576.0, t[0] / 1048576.0, inUse / 1048576.0));
        }
        CudaDriver.check(r, "cuMemAlloc(" + bytes + " bytes)");
        inUse += bytes;
        return p;
    }

    synchronized void release(CUdeviceptr p, long bytes) {
        inUse -= bytes;
        free.computeIfAbsent(bytes, k -> new ArrayDeque<>()).push(p);
        cached += bytes;
        if (cached > cacheLimit) {
            trim(cacheLimit / 2);
        }
    }

    /** Frees cached blocks until at most {@code keep} bytes stay cached. */
    synchronized void trim(long keep) {
        for (var e : free.entrySet()) {
            ArrayDeque<CUdeviceptr> q = e.getValue();
            while (cached > keep && !q.isEmpty()) {
                CudaDriver.check(cuMemFree(q.pop()), "cuMemFree");
                cached -= e.getKey();
            }
        }
    }
}
