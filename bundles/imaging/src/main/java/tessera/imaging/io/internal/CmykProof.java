package tessera.imaging.io.internal;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.ColorConvertOp;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferUShort;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Path;

import tessera.api.image.RgbImage;

/**
 * Reads a CMYK TIFF (a print file, ours or a RIP's) as the sRGB it will look like: a relative
 * colorimetric soft proof through the file's own embedded press profile. Without a profile the ink
 * values have no defined colour, so the file is refused rather than guessed.
 */
final class CmykProof {
    private static final int BLOCK_ROWS_PIXELS = 1 << 18;

    private CmykProof() {
    }

    static RgbImage toRgb(Raster raster, byte[] icc, Path file) throws IOException {
        if (icc == null) {
            throw new IOException("Cannot read " + file + ": it is CMYK without an embedded ICC profile, so its colours are"
                    + " undefined; export it again with the press profile embedded (ICC tag 34675)");
        }
        ICC_Profile cmyk;
        try {
            cmyk = ICC_Profile.getInstance(icc);
        } catch (IllegalArgumentException e) {
            throw new IOException("Cannot read " + file + ": its embedded ICC profile is damaged", e);
        }
        if (cmyk.getColorSpaceType() != ColorSpace.TYPE_CMYK) {
            throw new IOException("Cannot read " + file + ": its pixels are CMYK but the embedded ICC profile is not");
        }
        // Java picks relative colorimetric when the first profile is an output profile: a proof on paper white
        ColorConvertOp op = new ColorConvertOp(new ICC_Profile[] {cmyk, ICC_Profile.getInstance(ColorSpace.CS_sRGB)}, null);
        int w = raster.getWidth();
        int h = raster.getHeight();
        float[] max = new float[4];
        for (int b = 0; b < 4; b++) {
            max[b] = RasterDecoder.maxOf(raster.getSampleModel(), b);
        }
        int blockRows = Math.clamp(BLOCK_ROWS_PIXELS / w, 1, h);
        WritableRaster src = Raster.createInterleavedRaster(DataBuffer.TYPE_USHORT, w, blockRows, 4, null);
        WritableRaster dst = Raster.createInterleavedRaster(DataBuffer.TYPE_USHORT, w, blockRows, 3, null);
        short[] s = ((DataBufferUShort) src.getDataBuffer()).getData();
        short[] d = ((DataBufferUShort) dst.getDataBuffer()).getData();
        float[] out = new float[3 * w * h];
        float[] row = new float[w];
        for (int y0 = 0; y0 < h; y0 += blockRows) {
            int rows = Math.min(blockRows, h - y0);
            for (int r = 0; r < rows; r++) {
                for (int b = 0; b < 4; b++) {
                    raster.getSamples(raster.getMinX(), raster.getMinY() + y0 + r, w, 1, b, row);
                    for (int x = 0; x < w; x++) {
                        s[(r * w + x) * 4 + b] = (short) Samples.quantize(row[x] / max[b], 65535);
                    }
                }
            }
            op.filter(src, dst);
            for (int c = 0; c < 3; c++) {
                for (int i = 0; i < rows * w; i++) {
                    out[c * w * h + y0 * w + i] = (d[i * 3 + c] & 0xffff) / 65535f;
                }
            }
        }
        return RgbImage.wrap(w, h, out);
    }
}
