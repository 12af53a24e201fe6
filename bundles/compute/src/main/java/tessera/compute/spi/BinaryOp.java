package tessera.compute.spi;

/** Elementwise functions of two tensors of one (broadcast) shape. Comparisons give 1 or 0. */
public enum BinaryOp {
    ADD, SUB, MUL, DIV,
    /** max(a, b) */
    MAX,
    /** min(a, b) */
    MIN,
    /** a &gt; b ? 1 : 0 */
    GT,
    /** a &ge; b ? 1 : 0 */
    GE,
    /** a == b ? 1 : 0 */
    EQ
}
