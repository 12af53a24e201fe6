package tessera.plugin.diffusion.internal.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import tessera.api.json.TesseraJson;
import tessera.api.provenance.ModelCard;
import tessera.compute.ComputeDevice;
import tessera.compute.TensorScope;
import tessera.compute.io.ModelJar;
import tessera.compute.io.Safetensors;
import tessera.compute.nn.Parameters;

/**
 * The files of a diffusion model inside a bundle: the card ({@code diffusion/model-card.json}, whose architecture
 * holds the {@link DiffusionSpec}), the denoiser with its text encoder and the autoencoder (safetensors, F16 or F32).
 */
public final class ModelFiles {
    /** Manifest header naming the model card: the extender's signal that a bundle carries a diffusion model. */
    public static final String HEADER = "Tessera-Diffusion-Model";
    public static final String CARD = "diffusion/model-card.json";
    public static final String DENOISER = "diffusion/denoiser.safetensors";
    public static final String AUTOENCODER = "diffusion/autoencoder.safetensors";
    public static final String SAMPLES = "diffusion/samples.png";
    public static final String ARCHITECTURE = "tileable-latent-diffusion";

    private ModelFiles() {
    }

    /** A loaded model: both networks on one device. */
    public record Model(ModelCard card, Denoiser denoiser, LatentAutoencoder autoencoder) implements AutoCloseable {
        @Override
        public void close() {
            denoiser.close();
            autoencoder.close();
        }
    }

    public static ModelCard card(ModelJar.Entries r, String cardPath) throws IOException {
        try (InputStream in = r.open(cardPath)) {
            if (in == null) {
                throw new IOException("the bundle names model card " + cardPath + " but holds no such file");
            }
            return TesseraJson.read(in, ModelCard.class);
        } catch (tessera.api.json.InvalidJsonException e) {
            throw new IOException("model card " + cardPath + " is not valid: " + e.getMessage(), e);
        }
    }

    public static DiffusionSpec spec(ModelCard card) {
        Object type = card.architecture().get("type");
        Object spec = card.architecture().get("spec");
        if (!ARCHITECTURE.equals(type) || spec == null) {
            throw new IllegalArgumentException("model card " + card.id() + " describes a '" + type
                    + "' model; the diffusion engine runs '" + ARCHITECTURE + "' models only");
        }
        return TesseraJson.mapper().convertValue(spec, DiffusionSpec.class);
    }

    public static Map<String, Object> architecture(DiffusionSpec spec, long denoiserParams, long aeParams) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("type", ARCHITECTURE);
        a.put("spec", TesseraJson.mapper().convertValue(spec, Map.class));
        a.put("parameters", denoiserParams + aeParams);
        a.put("denoiserParameters", denoiserParams);
        a.put("autoencoderParameters", aeParams);
        a.put("textEncoder", "words → mean of hashed character 3–5-gram embeddings (" + spec.buckets() + " buckets, "
                + spec.tokenDim() + " wide) + position; one pre-norm transformer layer (" + spec.heads()
                + " heads, GELU MLP); at most " + spec.maxTokens() + " words");
        a.put("autoencoder", "circular convs " + spec.aeWidths() + ", stride " + spec.downsample() + ", SiLU → "
                + spec.latentChannels() + " latent channels, scaled by " + spec.latentScale());
        a.put("unet", "v-prediction; levels " + spec.unetWidths() + " at 1, 1/2, 1/4 of the latent; ResBlock (GroupNorm("
                + spec.groups() + "), SiLU, time " + spec.timeDim() + ") per level down and up; cross-attention to the "
                + "text at 1/2 and 1/4; self-attention at 1/4; circular convs, stride-2 down, nearest up");
        a.put("schedule", "cosine, " + spec.timesteps() + " steps; DDIM sampling, classifier-free guidance");
        return a;
    }

    /** Fails, naming the file, when the bundle lacks one of the weight files (checked at registration). */
    public static void requireWeights(ModelJar.Entries r, ModelCard card) throws IOException {
        for (String path : new String[] {DENOISER, AUTOENCODER}) {
            try (InputStream in = r.open(path)) {
                if (in == null) {
                    throw new IOException("model " + card.id() + " has no " + path + " in its bundle");
                }
            }
        }
    }

    public static Model load(ModelJar.Entries r, ModelCard card, ComputeDevice device) throws IOException {
        DiffusionSpec spec = spec(card);
        Denoiser net = new Denoiser(spec, device, 0);
        LatentAutoencoder ae = new LatentAutoencoder(spec, device, 0);
        try {
            read(r, card, DENOISER, net.parameters(), device);
            read(r, card, AUTOENCODER, ae.parameters(), device);
        } catch (IOException | RuntimeException e) {
            net.close();
            ae.close();
            throw e;
        }
        return new Model(card, net, ae);
    }

    private static void read(ModelJar.Entries r, ModelCard card, String path, Parameters into, ComputeDevice device) throws IOException {
        Path tmp = ModelJar.extract(r, path, card.id());
        try {
            try (TensorScope s = TensorScope.open()) {
                into.load(Safetensors.read(tmp, device), "");
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Loads from a folder or jar on disk (tools, bench, tests). */
    public static Model load(Path model, ComputeDevice device) throws IOException {
        return ModelJar.read(model, r -> load(r, card(r, CARD), device));
    }
}
