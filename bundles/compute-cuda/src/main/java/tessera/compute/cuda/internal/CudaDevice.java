package tessera.compute.cuda.internal;

import static jcuda.driver.JCudaDriver.cuCtxSetCurrent;
import static jcuda.driver.JCudaDriver.cuDeviceGet;
import static jcuda.driver.JCudaDriver.cuDeviceGetAttribute;
import static jcuda.driver.JCudaDriver.cuDeviceGetName;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRelease;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRetain;
import static jcuda.driver.JCudaDriver.cuDeviceTotalMem;
import static jcuda.driver.JCudaDriver.cuFuncSetAttribute;
import static jcuda.driver.JCudaDriver.cuLaunchKernel;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoH;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoD;
import static jcuda.driver.JCudaDriver.cuModuleGetFunction;
import static jcuda.driver.JCudaDriver.cuModuleLoadData;
import static jcuda.driver.JCudaDriver.cuStreamCreate;
import static jcuda.driver.JCudaDriver.cuStreamSynchronize;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction_attribute;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.CUstream;
import jcuda.driver.CUstream_flags;
import tessera.compute.ComputeDevice;
import tessera.compute.ComputeException;
import tessera.compute.DeviceBuffer;
import tessera.compute.Shape;
import tessera.compute.cuda.MatmulPrecision;
import tessera.compute.spi.Kernels;

/**
 * One NVIDIA GPU: its primary context, one stream for every kernel (so work runs in the order it
 * was queued and host code runs ahead of it), the PTX modules made from src/main/cuda, a caching
 * allocator and a scratch buffer for convolution columns.
 */
public final class CudaDevice implements ComputeDevice, AutoCloseable {
    /** Configuration property: MiB of freed device memory kept for reuse (default 4096). */
    public static final String CACHE_MIB = "tessera.compute.cuda.cache.mib";
    /** Configuration property: synchronise and check after every launch (debugging; default false). */
    public static final String SYNC = "tessera.compute.cuda.sync";
    /** Configuration property: MiB of scratch memory for convolution column buffers (default 1024). */
    public static final String SCRATCH_MIB = "tessera.compute.cuda.scratch.mib";

    static final String[] MODULES = {"memory", "elementwise", "reduce", "resample", "index", "gemm", "gemm_tc", "conv"};
    private static final System.Logger LOG = System.getLogger("tessera.compute");

    private final int ordinal;
    private final String name;
    private final CUdevice device;
    private final CUcontext context;
    private final CUstream stream;
    private final int multiprocessors;
    private final int computeCapability;
    private final long totalMemory;
    private final long scratchFloats;
    private final boolean syncEachLaunch;
    private final Map<String, CUmodule> modules = new HashMap<>();
    private final Map<String, CUfunction> functions = new ConcurrentHashMap<>();
    private final DeviceMemory memory;
    private final CudaKernels kernels;
    private volatile MatmulPrecision precision;
    private CudaBuffer scratch;
    private CudaBuffer packScratch;
    private volatile boolean closed;

    private CudaDevice(int ordinal, Map<String, ?> config) {
        CudaDriver.Status st = CudaDriver.status();
        if (!st.available()) {
            throw new ComputeException("no CUDA device: " + st.message());
        }
        if (ordinal < 0 || ordinal >= st.devices()) {
            throw new ComputeException("no CUDA device " + ordinal + "; the driver reports " + st.devices());
        }
        this.ordinal = ordinal;
        this.device = new CUdevice();
        CudaDriver.check(cuDeviceGet(device, ordinal), "cuDeviceGet(" + ordinal + ")");
        byte[] nameBytes = new byte[256];
        CudaDriver.check(cuDeviceGetName(nameBytes, nameBytes.length, device), "cuDeviceGetName");
        int len = 0;
        while (len < nameBytes.length && nameBytes[len] != 0) {
            len++;
        }
        this.name = new String(nameBytes, 0, len, StandardCharsets.US_ASCII);
        this.multiprocessors = attribute(CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT);
        this.computeCapability = 10 * attribute(CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR)
                + attribute(CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR);
        long[] mem = new long[1];
        CudaDriver.check(cuDeviceTotalMem(mem, device), "cuDeviceTotalMem");
        this.totalMemory = mem[0];
        if (computeCapability < 80) {
            throw new ComputeException(name + " has compute capability " + computeCapability / 10 + "."
                    + computeCapability % 10 + "; Tessera's kernels need 8.0 or newer (BF16 and TF32 tensor cores)");
        }
        this.context = new CUcontext();
        CudaDriver.check(cuDevicePrimaryCtxRetain(context, device), "cuDevicePrimaryCtxRetain");
        enter();
        this.stream = new CUstream();
        CudaDriver.check(cuStreamCreate(stream, CUstream_flags.CU_STREAM_DEFAULT), "cuStreamCreate");
        for (String m : MODULES) {
            modules.put(m, load(m));
        }
        this.memory = new DeviceMemory(id(), (long) intProperty(config, CACHE_MIB, 4096) << 20);
        this.scratchFloats = (long) intProperty(config, SCRATCH_MIB, 1024) << 18;
        this.syncEachLaunch = Boolean.parseBoolean(String.valueOf(property(config, SYNC, "false")));
        this.precision = MatmulPrecision.parse(String.valueOf(property(config, MatmulPrecision.PROPERTY, "fp32")));
        this.kernels = new CudaKernels(this);
        LOG.log(System.Logger.Level.INFO, "CUDA device: {0}", description());
    }

    /** Opens GPU {@code ordinal}; see {@link tessera.compute.cuda.CudaDevices#open}. */
    public static CudaDevice open(int ordinal, Map<String, ?> config) {
        return new CudaDevice(ordinal, config == null ? Map.of() : config);
    }

    private int attribute(int attr) {
        int[] v = new int[1];
        CudaDriver.check(cuDeviceGetAttribute(v, attr, device), "cuDeviceGetAttribute(" + attr + ")");
        return v[0];
    }

    private CUmodule load(String module) {
        String resource = "/tessera/compute/cuda/ptx/" + module + ".ptx";
        byte[] ptx;
        try (InputStream in = CudaDevice.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new ComputeException("the bundle lacks " + resource + "; rebuild it (bundles/compute-cuda/build-ptx.sh)");
            }
            ptx = in.readAllBytes();
        } catch (IOException e) {
            throw new ComputeException("cannot read " + resource, e);
        }
        byte[] z = Arrays.copyOf(ptx, ptx.length + 1);   // cuModuleLoadData wants a NUL-terminated image
        CUmodule m = new CUmodule();
        CudaDriver.check(cuModuleLoadData(m, z), "cuModuleLoadData(" + module + ".ptx) on " + name);
        return m;
    }

    /** Makes this device's context current on the calling thread (cheap; done at every entry). */
    void enter() {
        if (closed) {
            throw new ComputeException("CUDA device " + id() + " is closed");
        }
        CudaDriver.check(cuCtxSetCurrent(context), "cuCtxSetCurrent");
    }

    CUfunction function(String module, String fn) {
        return functions.computeIfAbsent(module + "/" + fn, k -> {
            CUfunction f = new CUfunction();
            CudaDriver.check(cuModuleGetFunction(f, modules.get(module), fn), "cuModuleGetFunction(" + fn + ")");
            return f;
        });
    }

    /** Grid for a grid-stride loop over n items with 256-thread blocks. */
    int blocksFor(long n) {
        long b = (n + 255) / 256;
        return (int) Math.max(1, Math.min(b, (long) multiprocessors * 32));
    }

    void launch(String module, String fn, int gx, int gy, int gz, int block, Args args) {
        CudaDriver.check(cuLaunchKernel(function(module, fn), gx, gy, gz, block, 1, 1, 0, stream, args.pointer(), null),
                "launch of " + fn + " (" + gx + "x" + gy + "x" + gz + " blocks of " + block + ")");
        if (syncEachLaunch) {
            CudaDriver.check(cuStreamSynchronize(stream), "kernel " + fn);
        }
    }

    /** A launch with 2-D blocks and dynamic shared memory (raising the function's limit once). */
    void launch(String module, String fn, int gx, int gy, int gz, int bx, int by, int smemBytes, Args args) {
        CUfunction f = function(module, fn);
        if (smemBytes > 48 * 1024) {
            String key = fn + "/smem";
            if (!functions.containsKey(key)) {
                CudaDriver.check(cuFuncSetAttribute(f, CUfunction_attribute.CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES,
                        smemBytes), "cuFuncSetAttribute(" + fn + ", " + smemBytes + " bytes of shared memory)");
                functions.put(key, f);
            }
        }
        CudaDriver.check(cuLaunchKernel(f, gx, gy, gz, bx, by, 1, smemBytes, stream, args.pointer(), null),
                "launch of " + fn + " (" + gx + "x" + gy + "x" + gz + " blocks of " + bx + "x" + by + ")");
        if (syncEachLaunch) {
            CudaDriver.check(cuStreamSynchronize(stream), "kernel " + fn);
        }
    }

    void launch1d(String module, String fn, long n, Args args) {
        launch(module, fn, blocksFor(n), 1, 1, 256, args);
    }

    DeviceMemory memory() {
        return memory;
    }

    /** Scratch memory of at least {@code floats}, valid until the next call (one stream orders uses). */
    CUdeviceptr scratch(long floats) {
        if (scratch == null || scratch.size() < floats) {
            if (scratch != null) {
                scratch.close();
            }
            scratch = (CudaBuffer) allocate(floats);
        }
        return scratch.ptr();
    }

    /** A second scratch area for packed matrix operands (convolution columns use the first). */
    CUdeviceptr packScratch(long floats) {
        if (packScratch == null || packScratch.size() < floats) {
            if (packScratch != null) {
                packScratch.close();
            }
            packScratch = (CudaBuffer) allocate(floats);
        }
        return packScratch.ptr();
    }

    long scratchFloats() {
        return scratchFloats;
    }

    int multiprocessors() {
        return multiprocessors;
    }

    MatmulPrecision precision() {
        return precision;
    }

    public MatmulPrecision setMatmulPrecision(MatmulPrecision p) {
        MatmulPrecision old = precision;
        precision = p;
        return old;
    }

    /** Uploads ints into fresh device memory, which the caller closes (after queuing its kernels). */
    CudaBuffer upload(int[] values) {
        CudaBuffer b = (CudaBuffer) allocate(Math.max(1, values.length));
        if (values.length > 0) {
            CudaDriver.check(cuMemcpyHtoD(b.ptr(), Pointer.to(values), 4L * values.length), "cuMemcpyHtoD(table)");
        }
        return b;
    }

    @Override
    public String id() {
        return "cuda:" + ordinal;
    }

    @Override
    public String kind() {
        return "cuda";
    }

    @Override
    public String description() {
        return String.format("%s (sm_%d, %d SMs, %.0f GiB), CUDA driver %s, matmul %s", name, computeCapability,
                multiprocessors, totalMemory / (double) (1L << 30), CudaDriver.version(CudaDriver.status().driverVersion()),
                precision.name().toLowerCase(java.util.Locale.ROOT));
    }

    @Override
    public Set<String> capabilities() {
        return Set.of("float32", "autograd", "tf32", "bf16", "async");
    }

    @Override
    public DeviceBuffer allocate(long elements) {
        if (elements < 0 || elements > Shape.MAX_ELEMENTS) {
            throw new ComputeException("cannot allocate " + elements + " floats on " + id() + "; the limit is "
                    + Shape.MAX_ELEMENTS + " per tensor");
        }
        enter();
        long bytes = DeviceMemory.sizeClass(4 * Math.max(1, elements));
        return new CudaBuffer(this, memory.acquire(bytes), elements, bytes);
    }

    @Override
    public void write(float[] src, int srcOffset, DeviceBuffer dst, long dstOffset, int length) {
        enter();
        if (length == 0) {
            return;
        }
        CudaDriver.check(cuMemcpyHtoD(ptr(dst).withByteOffset(4 * dstOffset), Pointer.to(src).withByteOffset(4L * srcOffset),
                4L * length), "cuMemcpyHtoD(" + length + " floats)");
    }

    @Override
    public void read(DeviceBuffer src, long srcOffset, float[] dst, int dstOffset, int length) {
        enter();
        CudaDriver.check(cuStreamSynchronize(stream), "a kernel before reading results");
        if (length == 0) {
            return;
        }
        CudaDriver.check(cuMemcpyDtoH(Pointer.to(dst).withByteOffset(4L * dstOffset), ptr(src).withByteOffset(4 * srcOffset),
                4L * length), "cuMemcpyDtoH(" + length + " floats)");
    }

    CUdeviceptr ptr(DeviceBuffer b) {
        if (b instanceof CudaBuffer c && c.device() == this) {
            return c.ptr();
        }
        throw new ComputeException("a tensor on " + b.device().id() + " was passed to a kernel of " + id()
                + "; move it to " + id() + " first");
    }

    @Override
    public Kernels kernels() {
        return kernels;
    }

    @Override
    public void synchronize() {
        enter();
        CudaDriver.check(cuStreamSynchronize(stream), "cuStreamSynchronize");
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        synchronize();
        if (scratch != null) {
            scratch.close();
        }
        if (packScratch != null) {
            packScratch.close();
        }
        memory.trim(0);
        closed = true;
        cuDevicePrimaryCtxRelease(device);
    }

    private static Object property(Map<String, ?> config, String key, Object dflt) {
        Object v = config.get(key);
        if (v == null) {
            v = System.getProperty(key);
        }
        return v == null ? dflt : v;
    }

    private static int intProperty(Map<String, ?> config, String key, int dflt) {
        String v = String.valueOf(property(config, key, dflt)).trim();
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be an integer, got '" + v + "'", e);
        }
    }

    @Override
    public String toString() {
        return description();
    }
}
