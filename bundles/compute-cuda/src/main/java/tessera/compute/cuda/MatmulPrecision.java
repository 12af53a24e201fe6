package tessera.compute.cuda;

import java.util.Locale;

/**
 * How the CUDA device multiplies matrices (matmul and convolution). Configuration property
 * {@value #PROPERTY}; the default {@link #FP32} keeps results within float32 rounding of the CPU
 * device, the tensor-core modes trade accuracy for speed (relative error ~3e-4 for TF32, ~1e-2 for
 * BF16, measured by the device's precision tests).
 */
public enum MatmulPrecision {
    /** float32 products on the FMA units. */
    FP32,
    /** Tensor cores with TF32 operands (10-bit mantissa), float32 accumulation. */
    TF32,
    /** Tensor cores with BF16 operands (7-bit mantissa), float32 accumulation. */
    BF16;

    /** Configuration, framework or system property naming the precision: fp32, tf32 or bf16. */
    public static final String PROPERTY = "tessera.compute.cuda.matmul";

    /** Parses fp32/tf32/bf16 (any case); a blank value is FP32. */
    public static MatmulPrecision parse(String value) {
        if (value == null || value.isBlank()) {
            return FP32;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PROPERTY + " must be fp32, tf32 or bf16, got '" + value + "'", e);
        }
    }
}
