package tessera.plugin.constraints.internal.export;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import tessera.api.ServiceProperties;
import tessera.api.export.ExportContext;
import tessera.api.export.ExportedFile;
import tessera.api.export.Exporter;
import tessera.api.image.RgbImage;
import tessera.api.json.TesseraJson;
import tessera.api.pattern.Pattern;
import tessera.api.profile.PrintProcess;
import tessera.api.profile.ProductionProfile;
import tessera.imaging.io.ImageFiles;
import tessera.imaging.io.PixelSource;
import tessera.imaging.io.TiffOptions;
import tessera.imaging.io.XmpPacket;
import tessera.imaging.repeat.PrintLayout;
import tessera.plugin.constraints.internal.colour.PaletteMap;
import tessera.plugin.constraints.internal.colour.ScreenPalette;

/**
 * One film per screen for rotary and flatbed screen lines (#6): the design's palette is found as the
 * colour check counts and the colour repair reduces it ({@link ScreenPalette}); one repeat is resampled
 * to the line's {@code minDpi} (wrap-aware, like the pipeline's print TIFF) and every print pixel goes to
 * its nearest palette colour in CIELAB (D50, ΔE76, the distance the reduction minimises), so the
 * separations are crisp, disjoint and cover every pixel. Each is an 8-bit grey TIFF holding only 0
 * (ink) and 255 (no ink), {@code <base>-sep-NN-<rrggbb>.tif}, screens numbered by printed area, largest
 * first; {@code <base>-colours.json} lists them.
 *
 * <p>A design with more colours than the line has screens (or a continuous-tone one) gets no files and
 * no exception: the {@code colour.count} check reports it, and the pipeline's repair normally reduces the
 * palette before export.
 */
@Component(service = Exporter.class, property = ServiceProperties.PLUGIN_ID + "=" + ScreenSeparations.ID)
@ExportFormats({"tiff", "json"})
@Processes({"rotary-screen", "flatbed-screen"})
public final class ScreenSeparations implements Exporter {
    public static final String ID = "separations";
    public static final String ROLE = "separation";
    public static final String TABLE_ROLE = "colour-table";

    /** Configuration (pid {@code tessera.plugin.constraints.internal.export.ScreenSeparations}); as {@code ColourSolver}'s. */
    public @interface Config {
        /** Shades closer than this ΔE2000 print from one screen. */
        double mergeDeltaE() default 2.5;

        /** Colours (with their merged shades) covering less than this percentage of the tile get no screen. */
        double minAreaPercent() default 0.1;
    }

    private final double mergeDe;
    private final double minArea;

    @Activate
    public ScreenSeparations(Config config) {
        this(config.mergeDeltaE(), config.minAreaPercent());
    }

    ScreenSeparations(double mergeDeltaE, double minAreaPercent) {
        this.mergeDe = Math.clamp(mergeDeltaE, 0, 20);
        this.minArea = Math.clamp(minAreaPercent, 0, 100) / 100;
    }

    /** @return an exporter with {@code ColourSolver}'s default counting (2.5 ΔE2000, 0.1 %) */
    public static ScreenSeparations withDefaults() {
        return new ScreenSeparations(2.5, 0.1);
    }

    @Override
    public List<ExportedFile> export(Pattern pattern, ProductionProfile profile, ExportContext context) throws IOException {
        if (profile == null || (profile.process() != PrintProcess.ROTARY_SCREEN && profile.process() != PrintProcess.FLATBED_SCREEN)) {
            return List.of();
        }
        int screens = profile.maxColours() != null ? profile.maxColours() : profile.screen().screens();
        ScreenPalette found = ScreenPalette.of(pattern.tile(), mergeDe, minArea, screens);
        if (!found.fits()) {
            return List.of(); // the colour.count check says why; nothing half-written
        }
        PrintLayout layout = new PrintLayout(pattern.repeat(), pattern.widthCm(), pattern.heightCm(), profile.minDpi());
        RgbImage print = layout.tileAtPrintResolution(pattern.tile());
        int[] palette = found.palette();
        byte[] screenOf = PaletteMap.nearest(print, palette);
        long[] area = new long[palette.length];
        for (byte s : screenOf) {
            area[s]++;
        }
        // screens by printed area, largest first; a palette colour no print pixel is nearest to gets no screen
        int[] order = IntStream.range(0, palette.length).filter(j -> area[j] > 0).boxed()
                .sorted(Comparator.comparingLong((Integer j) -> -area[j]).thenComparingInt(j -> palette[j]))
                .mapToInt(Integer::intValue).toArray();
        double[] lab = PaletteMap.lab(palette);
        Path dir = context.outDir();
        List<ExportedFile> files = new ArrayList<>();
        List<Map<String, Object>> table = new ArrayList<>();
        for (int n = 0; n < order.length; n++) {
            int j = order[n];
            String hex = String.format(Locale.ROOT, "%06x", palette[j]);
            Path file = dir.resolve(String.format(Locale.ROOT, "%s-sep-%02d-%s.tif", context.baseName(), n + 1, hex));
            ImageFiles.writeTiff(film(screenOf, (byte) j, print.width(), print.height()), TiffOptions.of(profile.minDpi()),
                    XmpPacket.of(context.provenance()), file);
            ExportedFile written = ExportedFile.describe(dir, file, ROLE, "image/tiff");
            files.add(written);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("screen", n + 1);
            row.put("srgb", "#" + hex);
            row.put("lab", List.of(round(lab[3 * j], 2), round(lab[3 * j + 1], 2), round(lab[3 * j + 2], 2)));
            row.put("areaPercent", round(100.0 * area[j] / screenOf.length, 3));
            row.put("file", written.path());
            table.add(row);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("profile", profile.id());
        doc.put("process", profile.process().id());
        doc.put("dpi", profile.minDpi());
        doc.put("widthPx", print.width());
        doc.put("heightPx", print.height());
        doc.put("widthCm", round(layout.actualTileWidthCm(), 4));
        doc.put("heightCm", round(layout.actualTileHeightCm(), 4));
        doc.put("repeat", pattern.repeat());
        doc.put("labWhite", "D50");
        doc.put("ink", "black (0) is ink, white (255) is open");
        doc.put("screens", table);
        if (context.provenance() != null) {
            doc.put("provenance", context.provenance());
        }
        Path json = dir.resolve(context.baseName() + "-colours.json");
        Written.atomically(json, TesseraJson.write(doc).getBytes(StandardCharsets.UTF_8));
        files.add(ExportedFile.describe(dir, json, TABLE_ROLE, "application/json"));
        return files;
    }

    /** @return one screen as a grey source: 0 where it prints, 1 elsewhere */
    private static PixelSource film(byte[] screenOf, byte screen, int w, int h) {
        return new PixelSource() {
            @Override
            public int width() {
                return w;
            }

            @Override
            public int height() {
                return h;
            }

            @Override
            public int channels() {
                return 1;
            }

            @Override
            public void readRows(int y, int rows, float[] planes) {
                int from = y * w;
                for (int i = 0; i < rows * w; i++) {
                    planes[i] = screenOf[from + i] == screen ? 0f : 1f;
                }
            }
        };
    }

    private static double round(double v, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.round(v * f) / f;
    }

    @Override
    public String toString() {
        return "ScreenSeparations[merge " + mergeDe + " ΔE2000, min area " + minArea * 100 + " %]";
    }
}
