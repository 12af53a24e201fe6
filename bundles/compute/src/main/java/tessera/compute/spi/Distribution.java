package tessera.compute.spi;

/** Random fills; see {@link CounterRng} for the exact numbers every device must produce. */
public enum Distribution {
    /** Uniform in [a, b). */
    UNIFORM,
    /** Normal with mean a and standard deviation b. */
    NORMAL
}
