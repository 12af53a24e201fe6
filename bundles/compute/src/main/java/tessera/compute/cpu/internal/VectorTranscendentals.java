package tessera.compute.cpu.internal;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import tessera.compute.spi.UnaryOp;

/** {@link TranscendentalKernel} with the Vector API; loaded only when it is present. */
final class VectorTranscendentals implements TranscendentalKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    @Override
    public boolean apply(UnaryOp op, float[] x, int p, float[] o, int q, int n) {
        int j = 0;
        switch (op) {
            case SILU -> {
                for (; j <= n - L; j += L) {
                    FloatVector v = FloatVector.fromArray(S, x, p + j);
                    v.div(v.neg().lanewise(VectorOperators.EXP).add(1f)).intoArray(o, q + j);
                }
            }
            case SIGMOID -> {
                FloatVector one = FloatVector.broadcast(S, 1f);
                for (; j <= n - L; j += L) {
                    FloatVector v = FloatVector.fromArray(S, x, p + j);
                    one.div(v.neg().lanewise(VectorOperators.EXP).add(1f)).intoArray(o, q + j);
                }
            }
            case TANH -> {
                for (; j <= n - L; j += L) {
                    FloatVector.fromArray(S, x, p + j).lanewise(VectorOperators.TANH).intoArray(o, q + j);
                }
            }
            case EXP -> {
                for (; j <= n - L; j += L) {
                    FloatVector.fromArray(S, x, p + j).lanewise(VectorOperators.EXP).intoArray(o, q + j);
                }
            }
            default -> {
                return false;
            }
        }
        for (; j < n; j++) {
            o[q + j] = ScalarMath.apply(op, 0f, x[p + j]);
        }
        return true;
    }
}
