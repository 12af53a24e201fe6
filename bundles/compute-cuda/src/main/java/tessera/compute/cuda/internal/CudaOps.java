package tessera.compute.cuda.internal;

import tessera.compute.spi.BinaryOp;
import tessera.compute.spi.ReduceOp;
import tessera.compute.spi.UnaryOp;

/**
 * The op codes of elementwise.cu and reduce.cu, mapped by name so that reordering the Java enums
 * cannot silently change which function a kernel computes; a new enum constant fails to compile
 * here until the kernels know it.
 */
final class CudaOps {
    private CudaOps() {
    }

    static int unary(UnaryOp op) {
        return switch (op) {
            case NEG -> 0;
            case ABS -> 1;
            case SQUARE -> 2;
            case SQRT -> 3;
            case RSQRT -> 4;
            case EXP -> 5;
            case LOG -> 6;
            case RECIPROCAL -> 7;
            case SCALE -> 8;
            case ADD_SCALAR -> 9;
            case POW -> 10;
            case RELU -> 11;
            case LEAKY_RELU -> 12;
            case SILU -> 13;
            case GELU -> 14;
            case GELU_TANH -> 15;
            case TANH -> 16;
            case SIGMOID -> 17;
            case SOFTPLUS -> 18;
            case SIN -> 19;
            case COS -> 20;
            case SIGN -> 21;
        };
    }

    static int binary(BinaryOp op) {
        return switch (op) {
            case ADD -> 0;
            case SUB -> 1;
            case MUL -> 2;
            case DIV -> 3;
            case MAX -> 4;
            case MIN -> 5;
            case GT -> 6;
            case GE -> 7;
            case EQ -> 8;
        };
    }

    static int reduce(ReduceOp op) {
        return switch (op) {
            case SUM -> 0;
            case MAX -> 1;
            case MIN -> 2;
        };
    }
}
