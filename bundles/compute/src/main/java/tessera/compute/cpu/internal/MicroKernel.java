package tessera.compute.cpu.internal;

/**
 * The innermost GEMM step: an MR×NR block of C from an MR-row strip of packed A and an NR-column
 * strip of packed B, both kc deep ({@code a[p*MR + r]}, {@code b[p*NR + j]}).
 */
interface MicroKernel {
    int mr();

    int nr();

    /** Name for logs: {@code vector-256}, {@code scalar}. */
    String name();

    /**
     * c[co + r*ldc + j] (+)= sum_p a[ao + p*MR + r] * b[bo + p*NR + j] for the full MR×NR tile.
     *
     * @param accumulate add to C (true) or overwrite it, ignoring its old contents (false)
     */
    void run(int kc, float[] a, int ao, float[] b, int bo, float[] c, int co, int ldc, boolean accumulate);
}
