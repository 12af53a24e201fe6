package tessera.plugin.gan.internal.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tessera.api.json.TesseraJson;
import tessera.api.provenance.ModelCard;
import tessera.compute.ComputeDevice;
import tessera.compute.Tensor;
import tessera.compute.TensorScope;
import tessera.compute.io.ModelJar;
import tessera.compute.io.Safetensors;

/**
 * The files of a GAN model inside a bundle: the model card ({@code gan/model-card.json}, whose architecture holds
 * the {@link GanSpec}) and the generator's weights ({@code gan/generator.safetensors}, F16 or F32).
 */
public final class ModelFiles {
    /** Manifest header naming the model card: the extender's signal that a bundle carries a GAN model. */
    public static final String HEADER = "Tessera-Gan-Model";
    public static final String CARD = "gan/model-card.json";
    public static final String WEIGHTS = "gan/generator.safetensors";
    public static final String ARCHITECTURE = "periodic-spatial-gan";

    private ModelFiles() {
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

    /** @return the architecture in the card, or an error saying the card is not a periodic GAN's */
    public static GanSpec spec(ModelCard card) {
        Object type = card.architecture().get("type");
        Object spec = card.architecture().get("spec");
        if (!ARCHITECTURE.equals(type) || spec == null) {
            throw new IllegalArgumentException("model card " + card.id() + " describes a '" + type
                    + "' model; the GAN engine runs '" + ARCHITECTURE + "' models only");
        }
        return TesseraJson.mapper().convertValue(spec, GanSpec.class);
    }

    public static Map<String, Object> architecture(GanSpec spec, long parameters) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("type", ARCHITECTURE);
        a.put("spec", TesseraJson.mapper().convertValue(spec, Map.class));
        a.put("parameters", parameters);
        a.put("pixelsPerNoiseCell", spec.stride());
        a.put("generator", "input field [local " + spec.localChannels() + " | global " + spec.globalChannels()
                + " + family " + spec.familyEmbed() + " + palette " + spec.paletteEmbed() + " | waves "
                + spec.periodicWaves() + "] → per level: (nearest ×2), conv3×3 circular, GroupNorm(" + spec.groups()
                + "), ReLU; widths " + spec.widths() + " → nearest ×2, conv3×3 circular → 3, tanh");
        a.put("discriminator", "conv4×4 s2 circular + LeakyReLU(0.2), widths " + spec.discWidths()
                + " → conv3×3 circular → mean pool → linear + projection of family and palette embeddings");
        return a;
    }

    /** Loads the generator a card describes, with its weights, onto a device. */
    public static PeriodicGenerator load(ModelJar.Entries r, ModelCard card, ComputeDevice device) throws IOException {
        GanSpec spec = spec(card);
        String path = card.weights().isEmpty() ? WEIGHTS : card.weights().get(0).path();
        Path tmp = ModelJar.extract(r, path, card.id());
        try {
            PeriodicGenerator g = new PeriodicGenerator(spec, device, 0);
            try (TensorScope s = TensorScope.open()) {
                Map<String, Tensor> values = Safetensors.read(tmp, device);
                g.weights().load(values, "");
            }
            return g;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Loads from a folder or jar on disk (tools, bench, tests). */
    public static PeriodicGenerator load(Path model, ComputeDevice device) throws IOException {
        return ModelJar.read(model, r -> load(r, card(r, CARD), device));
    }
}
