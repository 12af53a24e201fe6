package tessera.compute.spi;

/** Pool reductions. */
public enum PoolKind {
    MAX, AVG
}
