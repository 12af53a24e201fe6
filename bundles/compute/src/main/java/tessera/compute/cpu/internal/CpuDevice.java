package tessera.compute.cpu.internal;

import java.util.Map;
import java.util.Set;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import tessera.compute.ComputeDevice;
import tessera.compute.ComputeException;
import tessera.compute.DeviceBuffer;
import tessera.compute.spi.Kernels;

/**
 * The CPU device, always registered (ranking 0): heap float arrays, a bounded array pool, and
 * kernels on a fixed set of threads ({@code tessera.compute.cpu.threads}, default all cores).
 */
@Component(service = ComputeDevice.class, property = {
        "service.ranking:Integer=0",
        ComputeDevice.PROP_KIND + "=cpu",
        ComputeDevice.PROP_CAPABILITIES + "=float32",
        ComputeDevice.PROP_CAPABILITIES + "=autograd"})
public final class CpuDevice implements ComputeDevice, AutoCloseable {
    /** Configuration or framework property: kernel threads, &ge; 1. */
    public static final String THREADS = "tessera.compute.cpu.threads";
    /** Pool capacity in MiB (default 512). */
    public static final String POOL_MIB = "tessera.compute.cpu.pool.mib";
    private static final System.Logger LOG = System.getLogger("tessera.compute");

    private final Parallel parallel;
    private final BufferPool pool;
    private final CpuKernels kernels;
    private final CpuKernelChoice choice;

    /**
     * DS constructor: threads, pool size and kernel choice from the component configuration, then
     * framework properties, then system properties.
     */
    @Activate
    public CpuDevice(BundleContext context, Map<String, Object> config) {
        this(withFramework(context, config));
    }

    /** Plain-Java constructor: configuration, then system properties. */
    public CpuDevice(Map<String, Object> config) {
        this(intProperty(config, THREADS, Runtime.getRuntime().availableProcessors()),
                intProperty(config, POOL_MIB, 512),
                stringProperty(config, CpuKernelChoice.PROPERTY, ""));
    }

    private static Map<String, Object> withFramework(BundleContext context, Map<String, Object> config) {
        Map<String, Object> merged = new java.util.HashMap<>();
        for (String key : new String[] {THREADS, POOL_MIB, CpuKernelChoice.PROPERTY}) {
            String v = context == null ? null : context.getProperty(key);
            if (v != null) {
                merged.put(key, v);
            }
        }
        if (config != null) {
            merged.putAll(config);
        }
        return merged;
    }

    /**
     * @param threads kernel threads, &ge; 1
     * @param poolMiB memory kept for reuse after scopes close, in MiB, &ge; 0
     * @param kernel {@code scalar} to force the pure-Java GEMM, anything else for the best available
     */
    public CpuDevice(int threads, int poolMiB, String kernel) {
        if (threads < 1) {
            throw new IllegalArgumentException(THREADS + " must be >= 1, got " + threads);
        }
        this.parallel = new Parallel(threads);
        this.pool = new BufferPool((long) poolMiB * 1024 * 1024 / Float.BYTES);
        this.choice = CpuKernelChoice.choose(kernel);
        this.kernels = new CpuKernels(parallel, new Gemm(choice.kernel(), parallel), pool);
        LOG.log(System.Logger.Level.INFO, "CPU device: {0}; GEMM kernel {1} because {2}", description(),
                choice.kernel().name(), choice.reason());
    }

    @Override
    public String id() {
        return "cpu";
    }

    @Override
    public String kind() {
        return "cpu";
    }

    @Override
    public String description() {
        return "CPU, " + parallel.threads() + " threads, GEMM " + choice.kernel().name() + " "
                + choice.kernel().mr() + "x" + choice.kernel().nr();
    }

    @Override
    public Set<String> capabilities() {
        return "scalar".equals(choice.kernel().name()) ? Set.of("float32", "autograd")
                : Set.of("float32", "autograd", "vector-api");
    }

    /** Why the GEMM kernel was chosen. */
    public String kernelReason() {
        return choice.reason();
    }

    @Override
    public DeviceBuffer allocate(long elements) {
        if (elements < 0 || elements > Integer.MAX_VALUE - 16) {
            throw new ComputeException("cannot allocate " + elements + " floats on the CPU; the limit is "
                    + (Integer.MAX_VALUE - 16) + " per tensor");
        }
        int n = (int) elements;
        float[] a = pool.acquire(n);
        if (a == null) {
            try {
                a = new float[n];
            } catch (OutOfMemoryError e) {
                pool.clear();
                throw new ComputeException("out of heap allocating " + (4L * n >> 20) + " MiB for a tensor; "
                        + "raise -Xmx or use smaller batches", e);
            }
        }
        return new CpuBuffer(this, a, n);
    }

    @Override
    public void write(float[] src, int srcOffset, DeviceBuffer dst, long dstOffset, int length) {
        System.arraycopy(src, srcOffset, array(dst), Math.toIntExact(dstOffset), length);
    }

    @Override
    public void read(DeviceBuffer src, long srcOffset, float[] dst, int dstOffset, int length) {
        System.arraycopy(array(src), Math.toIntExact(srcOffset), dst, dstOffset, length);
    }

    @Override
    public Kernels kernels() {
        return kernels;
    }

    @Override
    public void synchronize() {
        // kernels run synchronously on the caller's thread and the pool
    }

    BufferPool pool() {
        return pool;
    }

    static float[] array(DeviceBuffer b) {
        if (b instanceof CpuBuffer c) {
            return c.data();
        }
        throw new ComputeException("a tensor on " + b.device().id() + " was passed to a CPU kernel; move it "
                + "to the CPU first");
    }

    @Deactivate
    @Override
    public void close() {
        parallel.close();
        pool.clear();
    }

    private static int intProperty(Map<String, Object> config, String key, int dflt) {
        String v = stringProperty(config, key, null);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be an integer, got '" + v + "'", e);
        }
    }

    private static String stringProperty(Map<String, Object> config, String key, String dflt) {
        Object v = config == null ? null : config.get(key);
        if (v == null) {
            v = System.getProperty(key);
        }
        return v == null ? dflt : v.toString();
    }

    @Override
    public String toString() {
        return description();
    }
}
