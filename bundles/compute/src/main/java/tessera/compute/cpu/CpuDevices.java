package tessera.compute.cpu;

import java.util.Map;
import tessera.compute.ComputeDevice;
import tessera.compute.cpu.internal.CpuDevice;

/** Factories for the CPU device outside OSGi. */
public final class CpuDevices {
    private static volatile ComputeDevice shared;

    private CpuDevices() {
    }

    /** One CPU device per JVM, configured from system properties ({@code tessera.compute.cpu.*}). */
    public static ComputeDevice shared() {
        ComputeDevice d = shared;
        if (d == null) {
            synchronized (CpuDevices.class) {
                d = shared;
                if (d == null) {
                    d = new CpuDevice(Map.of());
                    shared = d;
                }
            }
        }
        return d;
    }

    /**
     * A separate CPU device (close it when done).
     *
     * @param threads kernel threads, &ge; 1
     * @param kernel {@code scalar} forces the pure-Java GEMM; {@code auto} picks the best available
     */
    public static ComputeDevice create(int threads, String kernel) {
        return new CpuDevice(threads, 512, kernel);
    }

    /** Why the CPU device's GEMM kernel was chosen, for logs and benchmark reports. */
    public static String kernelReason(ComputeDevice device) {
        return device instanceof CpuDevice c ? c.kernelReason() : "not a CPU device";
    }
}
