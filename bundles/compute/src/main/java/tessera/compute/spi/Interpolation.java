package tessera.compute.spi;

/** Resampling filters for upsampling. */
public enum Interpolation {
    /** Nearest neighbour (PyTorch {@code nearest}: source index floor(i*in/out)). */
    NEAREST,
    /** Bilinear with half-pixel centres (PyTorch {@code align_corners=False}). */
    BILINEAR
}
