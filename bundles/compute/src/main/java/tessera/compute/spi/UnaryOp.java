package tessera.compute.spi;

/**
 * Elementwise functions of one tensor; some take a scalar {@code alpha}. The derivative of each is
 * what {@link Kernels#unaryBackward} computes.
 */
public enum UnaryOp {
    /** -x */
    NEG,
    /** |x|; derivative sign(x) */
    ABS,
    /** x*x */
    SQUARE,
    /** sqrt(x) */
    SQRT,
    /** 1/sqrt(x) */
    RSQRT,
    /** e^x */
    EXP,
    /** ln(x) */
    LOG,
    /** 1/x */
    RECIPROCAL,
    /** alpha*x */
    SCALE,
    /** x+alpha */
    ADD_SCALAR,
    /** x^alpha */
    POW,
    /** max(x, 0) */
    RELU,
    /** x for x &gt; 0 else alpha*x */
    LEAKY_RELU,
    /** x*sigmoid(x) */
    SILU,
    /** x*Phi(x), the exact (erf) GELU */
    GELU,
    /** 0.5x(1+tanh(sqrt(2/pi)(x+0.044715x^3))), the tanh-approximated GELU */
    GELU_TANH,
    /** tanh(x) */
    TANH,
    /** 1/(1+e^-x) */
    SIGMOID,
    /** ln(1+e^x), computed stably */
    SOFTPLUS,
    /** sin(x) */
    SIN,
    /** cos(x) */
    COS,
    /** sign(x): -1, 0 or 1; no gradient */
    SIGN
}
