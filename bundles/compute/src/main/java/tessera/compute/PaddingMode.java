package tessera.compute;

/** How a convolution or pad op fills the border. */
public enum PaddingMode {
    /** Zeros outside the image. */
    ZEROS,
    /** Wrap around: the image is one tile of an endless repeat (#4: tileable models). */
    CIRCULAR,
    /** Mirror without repeating the edge pixel (PyTorch {@code reflect}). */
    REFLECT;

    /**
     * Which source index a padded position reads: the one rule every device's padding kernels
     * follow (the CPU computes with it, the CUDA device builds its gather tables from it).
     *
     * @param i position along an axis, relative to the first real sample (negative in the border before it)
     * @param n the axis's size, &ge; 1
     * @return the source index in [0, n), or -1 where the border is zero
     */
    public int sourceIndex(int i, int n) {
        if (i >= 0 && i < n) {
            return i;
        }
        return switch (this) {
            case ZEROS -> -1;
            case CIRCULAR -> Math.floorMod(i, n);
            case REFLECT -> {
                int period = 2 * (n - 1);
                int m = period == 0 ? 0 : Math.floorMod(i, period);
                yield m < n ? m : period - m;
            }
        };
    }
}
