package tessera.api.generate;

/** Values of the {@code tessera.generator.capabilities} service property. */
public final class GeneratorCapability {
    private GeneratorCapability() {
    }

    /** Reads motif, palette and repeat words from the prompt. */
    public static final String PROMPT = "prompt";
    /** Free text conditioning by a learned text encoder. */
    public static final String TEXT = "text";
    /** Follows differentiable constraint penalties while generating. */
    public static final String GUIDANCE = "guidance";
    /** Has a latent space: interpolation, variation, mixing, projection. */
    public static final String LATENT = "latent";
    /** Refines an existing design (image to image). */
    public static final String REFINE = "refine";
    /** Fills a masked region. */
    public static final String INPAINT = "inpaint";
    /** Tiles of any size from one model. */
    public static final String ANY_SIZE = "any-size";
}
