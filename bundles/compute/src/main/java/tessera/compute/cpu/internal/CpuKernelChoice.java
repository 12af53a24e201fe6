package tessera.compute.cpu.internal;

/**
 * Picks the GEMM micro-kernel at run time (#4): the Vector API kernel when
 * {@code jdk.incubator.vector} is present and wired (it is an optional import in OSGi), else the
 * pure-Java one. {@code tessera.compute.cpu.kernel=scalar} forces the pure-Java kernel.
 */
record CpuKernelChoice(MicroKernel kernel, String reason) {
    static final String PROPERTY = "tessera.compute.cpu.kernel";

    static CpuKernelChoice choose(String preference) {
        if ("scalar".equalsIgnoreCase(preference)) {
            return new CpuKernelChoice(new ScalarMicroKernel(), PROPERTY + "=scalar");
        }
        try {
            Class<?> c = Class.forName(CpuKernelChoice.class.getPackageName() + ".VectorMicroKernel", true,
                    CpuKernelChoice.class.getClassLoader());
            int lanes = (int) c.getDeclaredMethod("lanes").invoke(null);
            if (lanes < 4) {
                return new CpuKernelChoice(new ScalarMicroKernel(),
                        "the preferred vector species has " + lanes + " float lanes; too narrow to pay off");
            }
            MicroKernel k = (MicroKernel) c.getDeclaredConstructor().newInstance();
            return new CpuKernelChoice(k, "jdk.incubator.vector present, " + lanes + " float lanes");
        } catch (ReflectiveOperationException | LinkageError e) {
            return new CpuKernelChoice(new ScalarMicroKernel(), "jdk.incubator.vector is not available ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + "); start the JVM with "
                    + "--add-modules jdk.incubator.vector (and export it from the OSGi system bundle) for the "
                    + "fast kernel");
        }
    }
}
