package tessera.compute.cpu.internal;

/**
 * An operand seen transposed: packing Sᵀ's rows as A strips is packing S's columns as B strips of the same width,
 * and the other way round, so no transposed copy is ever made.
 */
record TransposedSource(PackSource source) implements PackSource {
    @Override
    public void packA(float[] dst, int dstOffset, int m0, int mc, int k0, int kc, int mr) {
        source.packB(dst, dstOffset, k0, kc, m0, mc, mr);
    }

    @Override
    public void packB(float[] dst, int dstOffset, int k0, int kc, int n0, int nc, int nr) {
        source.packA(dst, dstOffset, n0, nc, k0, kc, nr);
    }
}
