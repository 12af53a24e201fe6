package tessera.compute.cuda.internal;

import static jcuda.driver.JCudaDriver.cuDeviceGetCount;
import static jcuda.driver.JCudaDriver.cuDriverGetVersion;
import static jcuda.driver.JCudaDriver.cuGetErrorName;
import static jcuda.driver.JCudaDriver.cuInit;

import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;
import tessera.compute.ComputeException;

/**
 * The driver, initialised once per JVM. Every CUDA call goes through {@link #check} so that a
 * failure becomes a {@link ComputeException} naming the call and the driver's error.
 */
public final class CudaDriver {
    /** Whether CUDA can be used, and why (not). */
    public record Status(boolean available, int devices, int driverVersion, String message) {
    }

    private static volatile Status status;

    private CudaDriver() {
    }

    /** Loads JCuda's library and runs cuInit once; never throws. */
    public static Status status() {
        Status s = status;
        if (s == null) {
            synchronized (CudaDriver.class) {
                s = status;
                if (s == null) {
                    s = probe();
                    status = s;
                }
            }
        }
        return s;
    }

    private static Status probe() {
        try {
            // errors come back as codes and are turned into messages here, with the call's name
            JCudaDriver.setExceptionsEnabled(false);
            int r = cuInit(0);
            if (r != CUresult.CUDA_SUCCESS) {
                return new Status(false, 0, 0, "cuInit failed: " + name(r) + " (no usable NVIDIA driver or GPU)");
            }
            int[] v = new int[1];
            cuDriverGetVersion(v);
            int[] n = new int[1];
            r = cuDeviceGetCount(n);
            if (r != CUresult.CUDA_SUCCESS || n[0] == 0) {
                return new Status(false, 0, v[0], "the CUDA driver " + version(v[0]) + " reports no GPU");
            }
            return new Status(true, n[0], v[0], n[0] + " GPU(s), CUDA driver " + version(v[0]));
        } catch (LinkageError e) {
            // no libcuda.so.1 (no driver installed), or JCuda's JNI library does not fit this platform
            String msg = e.getMessage() == null ? e.toString() : e.getMessage();
            // JCuda nests the loader's real reason in its message; the usual one is a machine without the driver
            String why = msg.contains("libcuda.so") ? "libcuda.so.1 is missing: no NVIDIA driver is installed"
                    : msg.lines().findFirst().orElse("");
            return new Status(false, 0, 0, "the CUDA driver library could not be loaded (" + why + ")");
        }
    }

    static String version(int v) {
        return (v / 1000) + "." + (v % 1000) / 10;
    }

    /** The driver's name for an error code, e.g. CUDA_ERROR_OUT_OF_MEMORY. */
    static String name(int result) {
        String[] s = new String[1];
        try {
            if (cuGetErrorName(result, s) == CUresult.CUDA_SUCCESS && s[0] != null) {
                return s[0];
            }
        } catch (LinkageError ignored) {
            // fall through to JCuda's own table
        }
        return CUresult.stringFor(result);
    }

    /** Throws a ComputeException naming {@code what} unless {@code result} is success. */
    static void check(int result, String what) {
        if (result != CUresult.CUDA_SUCCESS) {
            throw new ComputeException("CUDA: " + what + " failed: " + name(result));
        }
    }
}
