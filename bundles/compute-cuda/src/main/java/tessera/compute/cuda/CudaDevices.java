package tessera.compute.cuda;

import java.util.Map;
import tessera.compute.ComputeDevice;
import tessera.compute.cuda.internal.CudaDevice;
import tessera.compute.cuda.internal.CudaDriver;

/** Opens CUDA devices outside OSGi (tests, benchmarks) and says why none is available. */
public final class CudaDevices {
    private static volatile ComputeDevice shared;

    private CudaDevices() {
    }

    /** True when the driver initialises and reports at least one GPU. */
    public static boolean available() {
        return CudaDriver.status().available();
    }

    /** Why no GPU can be used (driver missing, no device, init error), or a description of GPU 0. */
    public static String status() {
        return CudaDriver.status().message();
    }

    /**
     * GPU {@code ordinal} with the given configuration ({@link MatmulPrecision#PROPERTY}, …); the
     * caller closes it.
     *
     * @throws tessera.compute.ComputeException when no such GPU can be used (the message says why)
     */
    public static ComputeDevice open(int ordinal, Map<String, ?> config) {
        return CudaDevice.open(ordinal, config);
    }

    /** One shared device on GPU 0, configured from system properties; never closed. */
    public static ComputeDevice shared() {
        ComputeDevice d = shared;
        if (d == null) {
            synchronized (CudaDevices.class) {
                d = shared;
                if (d == null) {
                    d = CudaDevice.open(0, Map.of());
                    shared = d;
                }
            }
        }
        return d;
    }

    /** Sets the matmul precision of a CUDA device (no-op for others); returns the previous one. */
    public static MatmulPrecision setMatmulPrecision(ComputeDevice device, MatmulPrecision precision) {
        return device instanceof CudaDevice c ? c.setMatmulPrecision(precision) : MatmulPrecision.FP32;
    }
}
