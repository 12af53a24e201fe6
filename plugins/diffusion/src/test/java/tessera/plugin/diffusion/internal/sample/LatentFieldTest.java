package tessera.plugin.diffusion.internal.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import tessera.api.repeat.RepeatGeometry;
import tessera.compute.Autograd;
import tessera.compute.ComputeDevice;
import tessera.compute.Tensor;
import tessera.compute.TensorScope;
import tessera.compute.cpu.CpuDevices;
import tessera.plugin.diffusion.internal.model.DiffusionSpec;
import tessera.plugin.diffusion.internal.model.LatentAutoencoder;

/**
 * Why a half-drop tile is seamless, checked exactly: the sampler keeps the latent field invariant under the repeat's
 * lattice ({@link LatentField#impose}), and the decoder turns such a field into the half-drop tiling of its tile 0,
 * so the neighbouring column of tiles is tile 0 moved down by half a tile, pixel for pixel.
 */
class LatentFieldTest {
    private static final ComputeDevice CPU = CpuDevices.shared();

    @Test
    void imposingTheLatticeCopiesTileZeroMovedByTheDrop() {
        LatentField f = LatentField.of(RepeatGeometry.HALF_DROP, 8, 8, 2);
        assertThat(f.copies()).isEqualTo(2);
        assertThat(f.shift()).isEqualTo(4);
        float[] field = new float[f.fieldW() * f.fieldH()];
        for (int i = 0; i < field.length; i++) {
            field[i] = i * 0.37f % 1.9f;
        }
        float[] imposed = f.impose(field, 1, 1);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                assertThat(imposed[y * 16 + x]).isEqualTo(field[y * 16 + x]); // tile 0 stays
                assertThat(imposed[((y + 4) % 8) * 16 + 8 + x]).isEqualTo(field[y * 16 + x]); // copy 1: moved down 4
            }
        }
        assertThat(f.impose(imposed, 1, 1)).containsExactly(imposed);
    }

    @Test
    void aLatticeInvariantFieldDecodesToTheHalfDropTilingOfItsTile() {
        DiffusionSpec spec = DiffusionSpec.tiny(16, List.of("floral"), List.of("nordic"), List.of());
        int ds = spec.downsample(), c = spec.latentChannels();
        LatentField f = LatentField.of(RepeatGeometry.HALF_DROP, 8, 8, ds);
        try (LatentAutoencoder ae = new LatentAutoencoder(spec, CPU, 5); TensorScope s = TensorScope.open();
                var off = Autograd.noGrad()) {
            float[] tile = Tensor.normal(CPU, 9, 0f, 1f, c, 8, 8).toArray();
            float[] rgb = ae.decode(Tensor.of(CPU, f.layOut(tile, c), 1, c, f.fieldH(), f.fieldW())).toArray();
            int w = f.fieldW() * ds, h = f.fieldH() * ds, tw = 8 * ds, drop = f.shift() * ds;
            double maxDiff = 0, maxAbs = 0;
            for (int ch = 0; ch < 3; ch++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < tw; x++) {
                        float left = rgb[(ch * h + y) * w + x];
                        float right = rgb[(ch * h + (y + drop) % h) * w + tw + x];
                        maxDiff = Math.max(maxDiff, Math.abs(left - right));
                        maxAbs = Math.max(maxAbs, Math.abs(left));
                    }
                }
            }
            assertThat(maxAbs).isGreaterThan(1e-3);
            assertThat(maxDiff).isLessThan(1e-5);
        }
    }
}
