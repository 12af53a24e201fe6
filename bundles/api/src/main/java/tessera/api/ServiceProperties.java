package tessera.api;

/**
 * Names of the service properties through which plugins describe themselves (DESIGN.md, hot swap).
 * The pipeline selects services by these, never by class name.
 */
public final class ServiceProperties {
    private ServiceProperties() {
    }

    /** Stable plugin id, e.g. {@code procedural}, {@code gan}; lower-case. Required on every plugin service. */
    public static final String PLUGIN_ID = "tessera.plugin.id";
    /** Plugin version; when absent the providing bundle's version is used. */
    public static final String PLUGIN_VERSION = "tessera.plugin.version";
    /** Bundle resource path of the model card JSON for services backed by a trained model. */
    public static final String MODEL_CARD = "tessera.model.card";
    /** Generator capabilities (String[]), values from {@code GeneratorCapability}. */
    public static final String GENERATOR_CAPABILITIES = "tessera.generator.capabilities";
    /** Rule codes a constraint solver checks (String[]), e.g. {@code repeat.size}, {@code colour.count}. */
    public static final String CONSTRAINT_RULES = "tessera.constraint.rules";
    /** Print processes a solver or exporter applies to (String[]); absent means all. */
    public static final String PROCESSES = "tessera.processes";
    /** File formats an exporter writes (String[]), e.g. {@code tiff}, {@code wif}. */
    public static final String EXPORT_FORMATS = "tessera.export.formats";
    /** The model card's id on services backed by one model bundle (one generator service per model bundle). */
    public static final String MODEL_ID = "tessera.model.id";
    /**
     * The absolute folder a GAN generator reads brand presets from ({@code --preset ID}); the studio saves presets
     * there, so the plugin alone decides where they live.
     */
    public static final String BRAND_PRESETS = "tessera.gan.presets";
    /**
     * The kind of trainer a {@code java.util.function.Function} service is ({@code gan}, {@code diffusion},
     * {@code qa}): what {@code tessera train KIND} calls. Only {@code java.*} types cross, so the host links
     * against no plugin.
     */
    public static final String TRAINER = "tessera.trainer";
}
