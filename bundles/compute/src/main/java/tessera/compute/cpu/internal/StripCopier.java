package tessera.compute.cpu.internal;

/**
 * Copies short runs of floats while packing GEMM panels. A loop over two arrays at different
 * offsets is never vectorized by C2 and {@code System.arraycopy} costs more to set up than 16
 * floats take to copy; the Vector API version halved im2col packing time (#4, conv3x3).
 */
interface StripCopier {
    /** The best copier this JVM supports, chosen once. */
    StripCopier BEST = choose();

    /** dst[dstOffset + j] = src[srcOffset + j] for j &lt; n. */
    void copy(float[] src, int srcOffset, float[] dst, int dstOffset, int n);

    private static StripCopier choose() {
        try {
            Class<?> c = Class.forName(StripCopier.class.getPackageName() + ".VectorStripCopier", true,
                    StripCopier.class.getClassLoader());
            return (StripCopier) c.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            return new Scalar();
        }
    }

    /** The pure-Java copier. */
    final class Scalar implements StripCopier {
        @Override
        public void copy(float[] src, int srcOffset, float[] dst, int dstOffset, int n) {
            for (int j = 0; j < n; j++) {
                dst[dstOffset + j] = src[srcOffset + j];
            }
        }
    }
}
