package tessera.compute.cpu.internal;

/**
 * The innermost GEMM step: an MR×NR block of C from an MR-row strip of packed A and an NR-column
 * strip of B, both kc deep ({@code a[p*MR + r]}, {@code b[p*ldb + j]}): packed B has {@code ldb = NR},
 * a row-major B read in place its row length.
 */
interface MicroKernel {
    int mr();

    int nr();

    /** Name for logs: {@code vector-256}, {@code scalar}. */
    String name();

    /**
     * c[co + r*ldc + j] (+)= sum_p a[ao + p*MR + r] * b[bo + p*ldb + j] for the full MR×NR tile.
     *
     * @param ldb floats from one row of the B strip to the next: NR when packed
     * @param accumulate add to C (true) or overwrite it, ignoring its old contents (false)
     */
    void run(int kc, float[] a, int ao, float[] b, int bo, int ldb, float[] c, int co, int ldc, boolean accumulate);
}
