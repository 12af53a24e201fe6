package tessera.compute.spi;

/** Reductions over chosen axes. */
public enum ReduceOp {
    SUM, MAX, MIN
}
