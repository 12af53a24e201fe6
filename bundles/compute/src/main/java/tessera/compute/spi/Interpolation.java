package tessera.compute.spi;

/** Resampling filters for upsampling. */
public enum Interpolation {
    /** Nearest neighbour (PyTorch {@code nearest}: source index floor(i*in/out)). */
    NEAREST,
    /** Bilinear with half-pixel centres (PyTorch {@code align_corners=False}). */
    BILINEAR;

    /**
     * The two source samples an output position reads along one axis, and the weight of the second
     * ({@code 1 - weight} goes to the first): the one filter definition every device follows.
     */
    public record Taps(int first, int second, float weight) {
    }

    /**
     * @param o    output position, 0 to {@code out - 1}
     * @param in   source samples along the axis
     * @param out  output samples along the axis
     * @param wrap true: neighbours across an edge come from the opposite edge; false: edges clamp
     */
    public Taps taps(int o, int in, int out, boolean wrap) {
        double scale = (double) in / out;
        if (this == NEAREST) {
            int i = Math.min((int) Math.floor(o * scale), in - 1);
            return new Taps(i, i, 0f);
        }
        double src = (o + 0.5) * scale - 0.5;
        if (!wrap && src < 0) {
            src = 0;
        }
        int lo = (int) Math.floor(src);
        float frac = (float) (src - lo);
        return wrap ? new Taps(Math.floorMod(lo, in), Math.floorMod(lo + 1, in), frac)
                : new Taps(Math.min(lo, in - 1), Math.min(lo + 1, in - 1), frac);
    }
}
