package tessera.pipeline.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import tessera.api.design.DesignRequest;
import tessera.api.export.ExportContext;
import tessera.api.export.ExportedFile;
import tessera.api.pattern.Pattern;
import tessera.api.image.RgbImage;
import tessera.api.repeat.RepeatType;
import tessera.imaging.io.ImageFiles;
import tessera.imaging.io.TiffOptions;
import tessera.imaging.io.XmpPacket;
import tessera.imaging.io.PngOptions;
import tessera.imaging.io.PixelSource;
import tessera.imaging.repeat.PrintLayout;
import tessera.imaging.repeat.RepeatLayout;
import tessera.imaging.repeat.WrapResampler;

/**
 * The files every job writes whatever plugins are installed: the tile as generated, one repeat at the
 * requested print DPI, and a preview of the repeat laid out. Profile-specific production files
 * (separations, CMYK, WIF) come from {@code Exporter} plugins.
 */
final class ProductionFiles {
    private static final int PREVIEW_TILE_PX = 384;

    private ProductionFiles() {
    }

    static List<ExportedFile> write(Pattern pattern, DesignRequest request, ExportContext ctx) throws IOException {
        List<ExportedFile> files = new ArrayList<>();
        // #7: every file says what made it, so a file found later leads back to its model and job
        XmpPacket xmp = XmpPacket.of(ctx.provenance());
        Path tile = ctx.outDir().resolve(ctx.baseName() + "-tile.png");
        ImageFiles.writePng(PixelSource.of(pattern.tile()), PngOptions.of(pattern.dpiX()), xmp, tile);
        files.add(ExportedFile.describe(ctx.outDir(), tile, "tile", "image/png"));

        // one repeat at the requested print DPI, resampled wrap-aware so the seams stay invisible
        PrintLayout print = new PrintLayout(pattern.repeat(), pattern.widthCm(), pattern.heightCm(), request.dpiOrDefault());
        Path tif = ctx.outDir().resolve(ctx.baseName() + "-print.tif");
        ImageFiles.writeTiff(PixelSource.of(print.tileAtPrintResolution(pattern.tile())), TiffOptions.of(request.dpiOrDefault()),
                xmp, tif);
        files.add(ExportedFile.describe(ctx.outDir(), tif, "print", "image/tiff"));

        Path preview = ctx.outDir().resolve(ctx.baseName() + "-preview.png");
        RgbImage small = previewTile(pattern);
        int repeats = pattern.repeat().type() == RepeatType.MIRROR ? 4 : 3; // a mirror repeat's period is two tiles
        double previewDpi = pattern.dpiX() * small.width() / pattern.tile().width();
        ImageFiles.writePng(PixelSource.of(RepeatLayout.of(small, pattern.repeat()).preview(small, repeats, repeats)),
                PngOptions.of(previewDpi), xmp, preview);
        files.add(ExportedFile.describe(ctx.outDir(), preview, "preview", "image/png"));
        return files;
    }

    /** The tile scaled so that the preview stays under about 1500 px a side. */
    private static RgbImage previewTile(Pattern pattern) {
        RgbImage t = pattern.tile();
        int longest = Math.max(t.width(), t.height());
        if (longest <= PREVIEW_TILE_PX) {
            return t;
        }
        double f = (double) PREVIEW_TILE_PX / longest;
        int w = Math.max(2, (int) Math.round(t.width() * f) & ~1), h = Math.max(2, (int) Math.round(t.height() * f) & ~1);
        return WrapResampler.resample(t, pattern.repeat(), w, h);
    }
}
