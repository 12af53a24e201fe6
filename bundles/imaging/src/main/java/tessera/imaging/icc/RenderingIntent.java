package tessera.imaging.icc;

/** How colours outside the press gamut are brought inside (ICC.1:2010 §6.2). */
public enum RenderingIntent {
    /** Compresses the whole source gamut smoothly; keeps gradients in bright artwork, shifts in-gamut colours a little. */
    PERCEPTUAL,
    /** Keeps in-gamut colours exact (relative to paper white) and clips the rest; for brand and spot colours. */
    RELATIVE_COLORIMETRIC
}
