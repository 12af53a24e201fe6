package tessera.plugin.diffusion.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import tessera.api.repeat.RepeatGeometry;
import tessera.compute.ComputeDevice;
import tessera.compute.Tensor;
import tessera.compute.TensorScope;
import tessera.compute.cpu.CpuDevices;
import tessera.plugin.diffusion.internal.model.Denoiser;
import tessera.plugin.diffusion.internal.model.DiffusionSpec;
import tessera.plugin.diffusion.internal.model.LatentAutoencoder;
import tessera.plugin.diffusion.internal.model.PromptTokens;
import tessera.plugin.diffusion.internal.sample.LatentField;
import tessera.plugin.diffusion.internal.sample.Sampler;

/**
 * The properties that make the model tileable and robust, checked on untrained networks whose zero-initialised
 * layers are given random values (so every path carries signal): circular shift equivariance of the denoiser, a
 * half-drop job on its wider field, prompts with unseen words.
 */
class TileableSamplingTest {
    private static final ComputeDevice CPU = CpuDevices.shared();

    private static DiffusionSpec spec() {
        return DiffusionSpec.tiny(16, List.of("floral", "gingham"), List.of("nordic"), List.of());
    }

    /** Every parameter random (the zero-initialised output layers would otherwise hide the network). */
    private static Denoiser randomDenoiser(DiffusionSpec spec) {
        Denoiser d = new Denoiser(spec, CPU, 3);
        long seed = 100;
        try (TensorScope s = TensorScope.open()) {
            for (Tensor p : d.parameters().list()) {
                p.copyFrom(Tensor.normal(CPU, seed++, 0f, 0.2f, p.dims()).toArray());
            }
        }
        return d;
    }

    @Test
    void denoiserCommutesWithCircularShiftsOfFourCells() {
        DiffusionSpec spec = spec();
        try (Denoiser d = randomDenoiser(spec); TensorScope scope = TensorScope.open()) {
            int c = 4, s = 16;
            float[] z = Tensor.normal(CPU, 7, 0f, 1f, 1, c, s, s).toArray();
            float[] shifted = new float[z.length];
            for (int ch = 0; ch < c; ch++) {
                for (int y = 0; y < s; y++) {
                    for (int x = 0; x < s; x++) {
                        shifted[(ch * s + (y + 4) % s) * s + (x + 8) % s] = z[(ch * s + y) * s + x];
                    }
                }
            }
            var ctx = d.text().encode(List.of("sage floral"), CPU);
            float[] a = d.forward(Tensor.of(CPU, z, 1, c, s, s), new float[] {500}, ctx).toArray();
            float[] b = d.forward(Tensor.of(CPU, shifted, 1, c, s, s), new float[] {500}, ctx).toArray();
            double maxDiff = 0, maxAbs = 0;
            for (int ch = 0; ch < c; ch++) {
                for (int y = 0; y < s; y++) {
                    for (int x = 0; x < s; x++) {
                        float va = a[(ch * s + y) * s + x], vb = b[(ch * s + (y + 4) % s) * s + (x + 8) % s];
                        maxDiff = Math.max(maxDiff, Math.abs(va - vb));
                        maxAbs = Math.max(maxAbs, Math.abs(va));
                    }
                }
            }
            assertThat(maxAbs).isGreaterThan(0.01);
            assertThat(maxDiff / maxAbs).isLessThan(1e-4);
        }
    }

    @Test
    void aHalfDropJobSamplesOnTheWiderFieldAndReturnsTileZero() {
        // the seam itself is checked exactly in LatentFieldTest: the lattice is kept, and the decoder keeps it
        DiffusionSpec spec = spec();
        try (Denoiser d = randomDenoiser(spec); LatentAutoencoder ae = new LatentAutoencoder(spec, CPU, 5)) {
            LatentField field = LatentField.of(RepeatGeometry.HALF_DROP, 16, 16, spec.downsample());
            assertThat(field.copies()).isEqualTo(2);
            Sampler.Made m = new Sampler(d, ae).sample(List.of(new Sampler.Job("navy gingham", 1, null, null)), field,
                    Sampler.Options.of(3, 2f), f -> { }, () -> false).get(0);
            assertThat(m.width()).isEqualTo(16 * spec.downsample());
            assertThat(m.height()).isEqualTo(16 * spec.downsample());
            assertThat(m.rgb()).doesNotContain(Float.NaN);
        }
    }

    @Test
    void aDropThatMissesTheGridSaysWhichSizesWork() {
        assertThatThrownBy(() -> LatentField.of(RepeatGeometry.HALF_DROP, 16, 6, 4))
                .hasMessageContaining("multiple of");
    }

    @Test
    void unseenWordsShareNgramsWithKnownOnesAndNeverFail() {
        var known = PromptTokens.tokenize("floral", 4096, 24).buckets()[0];
        var plural = PromptTokens.tokenize("florals", 4096, 24).buckets()[0];
        long shared = java.util.Arrays.stream(plural).filter(b -> java.util.Arrays.stream(known).anyMatch(k -> k == b)).count();
        assertThat(shared).isGreaterThanOrEqualTo(plural.length / 2);
        assertThat(PromptTokens.tokenize("   ", 4096, 24).words()).containsExactly(PromptTokens.EMPTY);
        assertThat(PromptTokens.tokenize("Ærø batik ✿ 6 colours", 4096, 24).words()).containsExactly("ærø", "batik", "6", "colours");
        var longPrompt = PromptTokens.tokenize("stripe ".repeat(40), 4096, 24);
        assertThat(longPrompt.truncated()).isTrue();
        assertThat(longPrompt.words()).hasSize(24);
    }
}
