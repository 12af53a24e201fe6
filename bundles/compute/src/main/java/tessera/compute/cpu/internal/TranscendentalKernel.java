package tessera.compute.cpu.internal;

import tessera.compute.spi.UnaryOp;

/**
 * The activations built on exp and tanh over contiguous runs. In the scalar loop each element is a call to
 * {@code Math.exp} in double; SiLU alone took a fifth of a diffusion sampler's time on the CPU (#9 profile). The
 * Vector API version uses the JDK's vectorized exp and tanh (SVML on x86), several lanes per instruction.
 */
interface TranscendentalKernel {
    /** The best kernel this JVM supports, chosen once; null when only the scalar loop is available. */
    TranscendentalKernel BEST = choose();

    /**
     * o[q + j] = op(x[p + j]) for j &lt; n.
     *
     * @return false when this kernel does not handle {@code op} (the caller then runs the scalar loop)
     */
    boolean apply(UnaryOp op, float[] x, int p, float[] o, int q, int n);

    private static TranscendentalKernel choose() {
        try {
            Class<?> c = Class.forName(TranscendentalKernel.class.getPackageName() + ".VectorTranscendentals", true,
                    TranscendentalKernel.class.getClassLoader());
            return (TranscendentalKernel) c.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }
}
