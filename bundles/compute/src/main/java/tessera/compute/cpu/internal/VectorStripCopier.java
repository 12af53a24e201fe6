package tessera.compute.cpu.internal;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/** {@link StripCopier} with whole-vector loads and stores; loaded only when the Vector API is present. */
final class VectorStripCopier implements StripCopier {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    @Override
    public void copy(float[] src, int srcOffset, float[] dst, int dstOffset, int n) {
        int j = 0;
        for (; j <= n - L; j += L) {
            FloatVector.fromArray(S, src, srcOffset + j).intoArray(dst, dstOffset + j);
        }
        for (; j < n; j++) {
            dst[dstOffset + j] = src[srcOffset + j];
        }
    }
}
