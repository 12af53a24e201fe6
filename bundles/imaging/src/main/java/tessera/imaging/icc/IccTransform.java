package tessera.imaging.icc;

import java.awt.color.ICC_Profile;
import java.awt.image.ColorConvertOp;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferUShort;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;

import tessera.imaging.io.internal.Samples;

/**
 * One ICC transform run through Java's colour management (LittleCMS behind {@link ColorConvertOp}) on
 * 16-bit interleaved rasters, fed from and back into planar float strips. Not thread-safe: each
 * separation source owns its own.
 */
final class IccTransform {
    private static final int BLOCK_ROWS_PIXELS = 1 << 18;
    private final ColorConvertOp op;
    private final int inBands;
    private final int outBands;

    IccTransform(ICC_Profile from, ICC_Profile to) {
        this.op = new ColorConvertOp(new ICC_Profile[] {from, to}, null);
        this.inBands = from.getNumComponents();
        this.outBands = to.getNumComponents();
    }

    /**
     * Converts a planar strip of {@code rows} rows; in and out are laid out (channel, row, column).
     */
    void apply(float[] in, float[] out, int width, int rows) {
        int blockRows = Math.clamp(BLOCK_ROWS_PIXELS / width, 1, rows);
        WritableRaster src = Raster.createInterleavedRaster(DataBuffer.TYPE_USHORT, width, blockRows, inBands, null);
        WritableRaster dst = Raster.createInterleavedRaster(DataBuffer.TYPE_USHORT, width, blockRows, outBands, null);
        short[] s = ((DataBufferUShort) src.getDataBuffer()).getData();
        short[] d = ((DataBufferUShort) dst.getDataBuffer()).getData();
        for (int r0 = 0; r0 < rows; r0 += blockRows) {
            int n = Math.min(blockRows, rows - r0) * width;
            for (int c = 0; c < inBands; c++) {
                int base = (c * rows + r0) * width;
                for (int i = 0; i < n; i++) {
                    s[i * inBands + c] = (short) Samples.quantize(in[base + i], 65535);
                }
            }
            // the last block may be short; converting the stale tail is harmless and cheaper than a new raster
            op.filter(src, dst);
            for (int c = 0; c < outBands; c++) {
                int base = (c * rows + r0) * width;
                for (int i = 0; i < n; i++) {
                    out[base + i] = (d[i * outBands + c] & 0xffff) / 65535f;
                }
            }
        }
    }
}
