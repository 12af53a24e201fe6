package tessera.compute;

/** How a convolution or pad op fills the border. */
public enum PaddingMode {
    /** Zeros outside the image. */
    ZEROS,
    /** Wrap around: the image is one tile of an endless repeat (#4: tileable models). */
    CIRCULAR,
    /** Mirror without repeating the edge pixel (PyTorch {@code reflect}). */
    REFLECT
}
