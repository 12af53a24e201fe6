package tessera.plugin.constraints.internal.export;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import tessera.api.ServiceProperties;
import tessera.api.export.ExportContext;
import tessera.api.export.ExportedFile;
import tessera.api.export.Exporter;
import tessera.api.pattern.Pattern;
import tessera.api.profile.PrintProcess;
import tessera.api.profile.ProductionProfile;
import tessera.imaging.icc.CmykSeparation;
import tessera.imaging.icc.RenderingIntent;
import tessera.imaging.io.ImageFiles;
import tessera.imaging.io.PixelSource;
import tessera.imaging.io.TiffOptions;
import tessera.imaging.io.XmpPacket;
import tessera.imaging.repeat.PrintLayout;
import tessera.plugin.constraints.internal.ink.InkLimit;
import tessera.plugin.constraints.internal.ink.LineIcc;

/**
 * One repeat as a CMYK TIFF for digital inkjet and dye-sublimation lines (#6): the tile resampled
 * wrap-aware to the line's {@code minDpi}, separated (perceptually unless configured otherwise) into the line's
 * own output profile, {@code inkjet.iccProfile} as {@link LineIcc} resolves it (FOGRA39 when the line names
 * none), which is embedded, as {@code <base>-print-cmyk.tif}. The line's {@code inkjet.maxCoveragePercent} is
 * applied to the inks ({@link InkLimit}), as its RIP would.
 */
@Component(service = Exporter.class, property = ServiceProperties.PLUGIN_ID + "=" + CmykPrintTiff.ID)
@ExportFormats("tiff")
@Processes({"digital-inkjet", "dye-sublimation"})
public final class CmykPrintTiff implements Exporter {
    public static final String ID = "cmyk-tiff";
    public static final String ROLE = "print-cmyk";

    /** Configuration (pid {@code tessera.plugin.constraints.internal.export.CmykPrintTiff}). */
    public @interface Config {
        /**
         * How sRGB colours map into the press gamut: {@code PERCEPTUAL} compresses the whole gamut (smooth
         * artwork), {@code RELATIVE_COLORIMETRIC} keeps in-gamut colours exact and clips the rest (brand colours).
         */
        RenderingIntent intent() default RenderingIntent.PERCEPTUAL;
    }

    private final RenderingIntent intent;

    @Activate
    public CmykPrintTiff(Config config) {
        this(config.intent());
    }

    CmykPrintTiff(RenderingIntent intent) {
        this.intent = intent;
    }

    /** @return an exporter with the documented default, a perceptual separation */
    public static CmykPrintTiff withDefaults() {
        return new CmykPrintTiff(RenderingIntent.PERCEPTUAL);
    }

    @Override
    public List<ExportedFile> export(Pattern pattern, ProductionProfile profile, ExportContext context) throws IOException {
        if (profile == null || (profile.process() != PrintProcess.DIGITAL_INKJET && profile.process() != PrintProcess.DYE_SUBLIMATION)) {
            return List.of();
        }
        PrintLayout layout = new PrintLayout(pattern.repeat(), pattern.widthCm(), pattern.heightCm(), profile.minDpi());
        Path file = context.outDir().resolve(context.baseName() + "-print-cmyk.tif");
        CmykSeparation separation = LineIcc.separation(LineIcc.of(profile), intent);
        PixelSource inks = separation.separate(PixelSource.of(layout.tileAtPrintResolution(pattern.tile())));
        double limit = profile.inkjet() == null ? 4 : profile.inkjet().maxCoveragePercent() / 100;
        ImageFiles.writeTiff(inkLimited(inks, limit), TiffOptions.of(profile.minDpi()).withIccProfile(separation.profile().bytes()),
                XmpPacket.of(context.provenance()), file);
        return List.of(ExportedFile.describe(context.outDir(), file, ROLE, "image/tiff"));
    }

    /** #6: the line's total ink limit, applied to each strip as it is written (as the line's RIP would). */
    static PixelSource inkLimited(PixelSource inks, double limit) {
        return new PixelSource() {
            @Override
            public int width() {
                return inks.width();
            }

            @Override
            public int height() {
                return inks.height();
            }

            @Override
            public int channels() {
                return 4;
            }

            @Override
            public void readRows(int y, int rows, float[] planes) {
                inks.readRows(y, rows, planes);
                int n = rows * inks.width();
                InkLimit.apply(planes, 0, n, n, limit);
            }
        };
    }

    @Override
    public String toString() {
        return "CmykPrintTiff[" + intent + ", the line's inkjet.iccProfile]";
    }
}
